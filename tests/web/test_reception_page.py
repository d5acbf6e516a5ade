"""The reception page through the test client: what it lists, registering, checking in and
seeing visitors, who may, and what bad input gets.

The clock is fixed at 10:00 on Monday 2 March 2026 (GMT, so local time is UTC) so that
"today's appointments" has one answer whenever the tests run.
"""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import Case, Milestone, Visit
from contacts.reception import reception_register
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PAGE = "/en/reception/"
REGISTER = "/en/reception/drop-in/"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def appointment(service, when: datetime, name: str = "Gareth Evans") -> Case:
    from contacts.models import Customer

    return make_case(
        service=service,
        channel="visit",
        details={"contact_type": "appointment", "scheduled_at": when.isoformat()},
        received_at=NOW - timedelta(days=2),
        customer=Customer(name=name),
    )


def drop_in(advisor, name: str, minutes_ago: int) -> Case:
    return reception_register(
        service=advisor.team.service,
        actor=advisor,
        name=name,
        reason="Parking permit",
        welsh=False,
        now=NOW - timedelta(minutes=minutes_ago),
    ).case


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


def test_the_page_lists_the_queue_and_the_appointments(signed_in, advisor, service):
    appointment(service, NOW + timedelta(minutes=30), "Gareth Evans")
    drop_in(advisor, "Ann Hughes", 12)
    drop_in(advisor, "Bryn Owen", 4)

    response = signed_in(advisor).get(PAGE)

    assert response.status_code == 200
    text = text_of(response)
    assert "Gareth Evans" in text and "10:30" in text and "Not arrived yet" in text
    # Ann first (arrived first), waiting 12 minutes, then Bryn; 10 minutes a person so far.
    assert text.index("Ann Hughes") < text.index("Bryn Owen")
    assert "12 minutes" in text and "4 minutes" in text
    assert "About 10 minutes" in text and "About 20 minutes" in text
    # The next visitor would have two ahead: 30 minutes to tell them.
    assert re.search(r'id="next-estimate">About 30 minutes<', response.text)
    assert 'hx-trigger="every 30s"' in response.text


def test_the_page_costs_the_same_queries_however_many_visitors(
    signed_in, advisor, service, django_assert_max_num_queries
):
    client = signed_in(advisor)
    client.get(PAGE)  # the session and the catalogue's cache warm up
    for n in range(3):
        drop_in(advisor, f"Visitor {n}", 10 - n)
    with django_assert_max_num_queries(6) as few:
        client.get(PAGE)
    for n in range(12):
        drop_in(advisor, f"Later {n}", 5)
        appointment(service, NOW + timedelta(minutes=n), f"Booked {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PAGE)


def test_registering_a_drop_in_tells_the_desk_what_to_say(signed_in, advisor):
    drop_in(advisor, "Already waiting", 3)
    response = signed_in(advisor).post(
        REGISTER, {"name": "Eira Jones", "reason": "Blue badge", "welsh": "yes"}, follow=True
    )

    case = Case.objects.get(customer__name="Eira Jones")
    assert (case.contact_type, case.language, case.summary) == ("reception", "cy", "Blue badge")
    assert response.redirect_chain == [(PAGE, 302)]
    assert (
        f"Eira Jones is registered as {case.reference}. Tell them they may wait about 20 minutes."
        in text_of(response)
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {},
            [
                "Enter the visitor's name",
                "Enter the reason for the visit",
                "Select whether they would like to deal with us in Welsh",
            ],
        ),
        (
            {"name": "Eira", "reason": "Tax"},
            ["Select whether they would like to deal with us in Welsh"],
        ),
        (
            {"name": "Eira", "reason": "Tax", "welsh": "maybe"},
            ["Select whether they would like to deal with us in Welsh"],
        ),
        (
            {"name": "Ei\x00ra", "reason": "Tax", "welsh": "no"},
            ["The name must not contain null characters"],
        ),
        (
            {"name": "Eira", "reason": "x" * 10_000, "welsh": "no"},
            ["The reason must be 200 characters or fewer"],
        ),
        ({"name": "   ", "reason": "Tax", "welsh": "no"}, ["Enter the visitor's name"]),
    ],
)
def test_registering_with_bad_input_changes_nothing(signed_in, advisor, data, errors):
    response = signed_in(advisor).post(REGISTER, data)

    assert response.status_code == 400
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.text, re.S).group(1)
    assert [html.unescape(e) for e in re.findall(r">([^<>]+)</a>", summary)] == errors
    assert "<title>Error:" in response.text
    assert not Case.objects.exists()


def test_registering_in_welsh_gets_welsh_errors(signed_in, advisor):
    response = signed_in(advisor).post("/cy/reception/drop-in/", {"name": "", "reason": ""})
    assert response.status_code == 400
    assert "Rhowch enw'r ymwelydd" in html.unescape(response.text)


def test_checking_in_and_seeing_an_appointment(signed_in, advisor, service):
    case = appointment(service, NOW + timedelta(minutes=2))
    client = signed_in(advisor)

    response = client.post(f"/en/reception/{case.reference}/check-in/", follow=True)
    assert "Gareth Evans is checked in." in text_of(response)
    assert Visit.objects.get(case=case).arrived_at == NOW

    response = client.post(f"/en/reception/{case.reference}/seen/", follow=True)
    assert "Gareth Evans has been seen." in text_of(response)
    milestone = Milestone.objects.get(case=case, kind="seen")
    assert (milestone.state, milestone.met_at) == ("met", NOW)

    response = client.post(f"/en/reception/{case.reference}/seen/")
    assert response.status_code == 400
    assert "This visitor has already been seen." in response.text


def test_an_appointment_seen_late_is_met_late(signed_in, advisor, service):
    case = appointment(service, NOW - timedelta(minutes=6))
    signed_in(advisor).post(f"/en/reception/{case.reference}/seen/")
    assert Milestone.objects.get(case=case, kind="seen").state == "met_late"


def test_a_refused_check_in_explains_itself(signed_in, advisor, service):
    tomorrow = appointment(service, NOW + timedelta(days=1))
    response = signed_in(advisor).post(f"/en/reception/{tomorrow.reference}/check-in/")
    assert response.status_code == 400
    assert "This appointment is not today." in response.text
    assert not Visit.objects.exists()


def test_other_services_visitors_are_not_ours_to_see_in(signed_in, advisor):
    """Another service's visitor: read (one council), not checked in here (403); its
    confidential one, and unknown references: not found."""
    highways = ServiceFactory(code="highways")
    theirs = appointment(highways, NOW + timedelta(minutes=5))
    secret = appointment(highways, NOW + timedelta(minutes=10))
    Case.objects.filter(pk=secret.pk).update(confidential=True)
    client = signed_in(advisor)
    for action in ("check-in", "seen"):
        assert client.post(f"/en/reception/{theirs.reference}/{action}/").status_code == 403
    for reference in (secret.reference, "CYS-2026-999999", "x" * 20):
        for action in ("check-in", "seen"):
            assert client.post(f"/en/reception/{reference}/{action}/").status_code == 404
    assert client.post("/en/reception/" + "x" * 25 + "/seen/").status_code == 404
    assert not Visit.objects.exists()
    states = Milestone.objects.filter(case__service=highways).values_list("state", flat=True)
    assert set(states) == {"pending"}


def test_actions_are_posts(signed_in, advisor, service):
    case = appointment(service, NOW)
    client = signed_in(advisor)
    assert client.get(f"/en/reception/{case.reference}/check-in/").status_code == 405
    assert client.get(REGISTER).status_code == 405


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLERK, Role.ADMINISTRATOR])
def test_only_staff_work_reception(signed_in, service, role):
    user = UserFactory(role=role, team=None)
    case = appointment(service, NOW)
    client = signed_in(user)
    assert client.get(PAGE).status_code == 403
    assert client.post(REGISTER, {"name": "A", "reason": "B", "welsh": "no"}).status_code == 403
    assert client.post(f"/en/reception/{case.reference}/check-in/").status_code == 403
    assert not Case.objects.filter(contact_type="reception").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_staff_without_a_team_cannot_register(signed_in, db):
    loner = UserFactory(role=Role.ADVISOR, team=None)
    response = signed_in(loner).post(REGISTER, {"name": "A", "reason": "B", "welsh": "no"})
    assert response.status_code == 403
    assert signed_in(loner).get(PAGE).status_code == 200


def test_the_times_refresh_for_htmx_only(signed_in, advisor, service):
    waiting = drop_in(advisor, "Ann Hughes", 7)
    arrived = appointment(service, NOW + timedelta(minutes=10))
    Visit.objects.create(case=arrived, arrived_at=NOW - timedelta(minutes=3))
    client = signed_in(advisor)

    response = client.get("/en/reception/times/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert re.search(
        rf'<span id="wait-{waiting.pk}" hx-swap-oob="true">7 minutes</span>', response.text
    )
    assert re.search(
        rf'<span id="wait-{arrived.pk}" hx-swap-oob="true">3 minutes</span>', response.text
    )
    assert f'id="sla-{arrived.pk}"' in response.text
    assert client.get("/en/reception/times/").status_code == 302


def test_the_navigation_links_reception_and_search_for_staff(signed_in, advisor):
    response = signed_in(advisor).get(PAGE)
    assert (
        '<a class="govuk-service-navigation__link" href="/en/reception/" aria-current="page">'
        in (response.text)
    )
    assert 'href="/en/search/"' in response.text


def test_a_manager_of_another_service_sees_only_their_own(signed_in, service, advisor):
    drop_in(advisor, "Ann Hughes", 3)
    other = UserFactory(role=Role.MANAGER, team=TeamFactory())
    assert "Ann Hughes" not in signed_in(other).get(PAGE).text
