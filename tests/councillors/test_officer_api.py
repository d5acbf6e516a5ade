"""The officers' member enquiries API: the case's service posts an update, a delay notice or the
completion through the same services as the case page's forms; members and other services'
staff are refused, and every refusal changes nothing."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Role
from contacts.models import Case, Milestone
from councillors.models import EnquiryUpdate
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case, token_for
from tests.member_messages import member_messages

#: A Tuesday in winter: its end of business is 17:00 GMT (SPEC §3).


def _a_plain_wednesday_a_month_ahead() -> date:
    """The API counts from the real today, and a delay may run at most a year: a Wednesday
    four to five weeks ahead, never Christmas or New Year's Day (the only bank holidays that
    can fall on a Wednesday in winter; summer ones are Mondays)."""
    day = timezone.localdate() + timedelta(days=28)
    while day.weekday() != 2 or (day.month, day.day) in {(12, 25), (12, 26), (1, 1)}:
        day += timedelta(days=1)
    return day


NEW_DAY = _a_plain_wednesday_a_month_ahead()
NEW_DATE = NEW_DAY.isoformat()
#: The end of business (17:00 in Wales, GMT or BST) on that day.
NEW_DUE = datetime.combine(NEW_DAY, time(17, 0), tzinfo=ZoneInfo("Europe/London"))


def api(user, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def url(case, action: str) -> str:
    return f"/api/v1/member-enquiries/{case.reference}/{action}/"


def snapshot(case) -> tuple:
    """What a refused request must leave as it was."""
    respond = Milestone.objects.get(case=case, kind="respond")
    return (
        Case.objects.get(pk=case.pk).status,
        respond.due_at,
        EnquiryUpdate.objects.count(),
        member_messages().count(),
    )


def test_an_officer_posts_an_update_told_to_the_member_in_welsh(enquiry, advisor, cllr_jones):
    response = api(advisor).post(
        url(enquiry, "update"),
        {"what": "A crew is booked.", "why": "It is on the highway.", "expected_on": NEW_DATE},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["reference"], body["status"]) == (enquiry.reference, "new")
    assert body["response_due_at"] == "2026-03-16T17:00:00Z"  # unchanged by an update
    update = body["update"]
    assert (update["kind"], update["what"], update["why"], update["expected_on"]) == (
        "update",
        "A crew is booked.",
        "It is on the highway.",
        NEW_DATE,
    )
    assert update["responsible"].endswith("Waste and recycling")
    message = member_messages().get()
    assert (message.person, message.language, message.method) == (cllr_jones, "cy", "email")
    assert message.subject == f"{enquiry.reference}: diweddariad ar eich ymholiad"
    assert "A crew is booked." in message.body


def test_a_delay_notice_moves_the_deadline_like_the_form(enquiry, team, cllr_jones):
    response = api(team.manager).post(
        url(enquiry, "delay"),
        {"reason": "The contractor's lorry is off the road.", "new_date": NEW_DATE},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert datetime.fromisoformat(body["response_due_at"]) == NEW_DUE
    assert (body["update"]["kind"], body["update"]["why"], body["update"]["expected_on"]) == (
        "delay",
        "The contractor's lorry is off the road.",
        NEW_DATE,
    )
    respond = Milestone.objects.get(case=enquiry, kind="respond")
    assert respond.due_at == NEW_DUE
    assert respond.original_due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    assert respond.extension_reason == "The contractor's lorry is off the road."
    assert member_messages().get().person == cllr_jones


def test_completion_resolves_and_tells_the_member_once(enquiry, administrator, cllr_jones):
    client = api(administrator)
    response = client.post(url(enquiry, "complete"), {"what": "Bags cleared."}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["update"]["kind"]) == (
        "resolved",
        "completion",
    )
    assert [m.key for m in member_messages()] == [
        f"enquiry-completion:{enquiry.pk}:0:user:{cllr_jones.pk}"
    ]
    again = client.post(url(enquiry, "complete"), {"what": "Again."}, format="json")
    assert again.status_code == 400
    assert again.json() == {"status": ["The case is Resolved; reopen it first."]}
    assert (EnquiryUpdate.objects.count(), member_messages().count()) == (1, 1)


@pytest.mark.parametrize(
    ("action", "data", "errors"),
    [
        ("update", {}, {"what": ["Dywedwch beth sy'n digwydd."]}),
        ("update", {"what": "  "}, {"what": ["Dywedwch beth sy'n digwydd."]}),
        (
            "update",
            {"what": "x" * 2001},
            {"what": ["Sicrhewch nad oes mwy na 2000 nod yn y maes hwn."]},
        ),
        ("update", {"what": "x", "expected_on": "2030-02-30"}, {"expected_on": None}),
        (
            "delay",
            {},
            {
                "reason": ["Rhowch y rheswm dros yr oedi."],
                "new_date": ["Rhowch y dyddiad cwblhau newydd."],
            },
        ),
        (
            "delay",
            {"reason": "Rain", "new_date": "2020-01-06"},
            {"new_date": ["Rhaid i'r dyddiad cwblhau newydd fod ar ôl heddiw."]},
        ),
        ("delay", {"reason": "Rain", "new_date": "99999-01-01"}, {"new_date": None}),
        ("delay", {"reason": "Rain", "new_date": None}, {"new_date": None}),
        ("complete", {"what": ""}, {"what": ["Dywedwch beth a wnaed."]}),
        ("complete", {"what": "a\x00b"}, {"what": ["Ni chaniateir nodau null."]}),
    ],
)
def test_bad_input_is_a_400_in_welsh_that_changes_nothing(enquiry, advisor, action, data, errors):
    before = snapshot(enquiry)
    response = api(advisor, "cy").post(url(enquiry, action), data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(errors)
    for field, expected in errors.items():
        if expected is not None:
            assert body[field] == expected
    assert snapshot(enquiry) == before


@pytest.mark.parametrize(
    "raw",
    ["not json", "[]", '{"what": {"a": []}}', '{"what": "x", "expected_on": 1e400}', "\x00"],
)
def test_garbage_is_a_400(enquiry, advisor, raw):
    before = snapshot(enquiry)
    response = api(advisor).post(url(enquiry, "update"), raw, content_type="application/json")
    assert response.status_code == 400
    assert snapshot(enquiry) == before


def test_a_delay_of_more_than_a_year_is_refused(enquiry, advisor):
    before = snapshot(enquiry)
    response = api(advisor).post(
        url(enquiry, "delay"), {"reason": "Rain", "new_date": "9999-12-31"}, format="json"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"new_date": ["The new completion date must be within a year from today."]},
    )
    assert snapshot(enquiry) == before


def test_a_closed_enquiry_takes_no_update(enquiry, advisor):
    api(advisor).post(url(enquiry, "complete"), {"what": "Done."}, format="json")
    before = snapshot(enquiry)
    response = api(advisor, "cy").post(url(enquiry, "update"), {"what": "More"}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"status": ["Mae'r ymholiad wedi'i gau; ailagorwch ef yn gyntaf."]},
    )
    assert snapshot(enquiry) == before


# --- Who may post ------------------------------------------------------------------------------

ACTIONS = [
    ("update", {"what": "Done"}),
    ("delay", {"reason": "Rain", "new_date": NEW_DATE}),
    ("complete", {"what": "Done"}),
]
NOT_STAFF = {
    "en": "Only staff of the case's service can do this.",
    "cy": "Dim ond staff gwasanaeth yr achos sy'n gallu gwneud hyn.",
}


@pytest.mark.parametrize(("action", "data"), ACTIONS)
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("who", ["cllr_jones", "cllr_other", "clerk"])
def test_members_are_refused_even_on_their_own_enquiry(
    request, enquiry, action, data, language, who
):
    before = snapshot(enquiry)
    response = api(request.getfixturevalue(who), language).post(
        url(enquiry, action), data, format="json"
    )
    assert (response.status_code, response.json()) == (403, {"detail": NOT_STAFF[language]})
    assert snapshot(enquiry) == before


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_staff_of_another_service_may_read_the_enquiry_but_not_write_to_the_member(
    enquiry, action, data
):
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    elsewhere = UserFactory(
        role=Role.ADVISOR, team=TeamFactory(service=highways, code="roads"), username="roads"
    )
    before = snapshot(enquiry)
    response = api(elsewhere, "cy").post(url(enquiry, action), data, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": NOT_STAFF["cy"]})
    assert snapshot(enquiry) == before


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_a_confidential_enquiry_is_not_found_by_staff_of_another_service(enquiry, action, data):
    Case.objects.filter(pk=enquiry.pk).update(confidential=True)
    elsewhere = UserFactory(role=Role.ADVISOR, team=TeamFactory(), username="roads")
    before = snapshot(enquiry)
    response = api(elsewhere, "cy").post(url(enquiry, action), data, format="json")
    assert (response.status_code, response.json()) == (404, {"detail": "Heb ei ganfod."})
    assert snapshot(enquiry) == before


@pytest.mark.parametrize(("action", "data"), ACTIONS)
@pytest.mark.parametrize("kind", ["enquiry", "complaint"])
def test_a_case_no_member_follows_is_not_a_member_enquiry(
    service, administrator, cllr_jones, action, data, kind
):
    # An ordinary enquiry, or a complaint even one a member raised: members never follow those.
    submitted_by = cllr_jones if kind == "complaint" else None
    case = make_case(
        service=service,
        kind=kind,
        submitted_by=submitted_by,
        received_at=timezone.now() - timedelta(hours=1),
    )
    response = api(administrator).post(url(case, action), data, format="json")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "This case was not raised by a councillor or a clerk."},
    )
    assert Case.objects.get(pk=case.pk).status == "new"
    assert not EnquiryUpdate.objects.exists() and not member_messages().exists()


def test_an_unknown_reference_is_not_found(advisor):
    client = api(advisor)
    assert client.post("/api/v1/member-enquiries/CYS-2026-999999/update/", {}).status_code == 404
    assert client.post("/api/v1/member-enquiries/%00/update/", {}).status_code == 404


def test_visitors_are_asked_to_sign_in(enquiry):
    before = snapshot(enquiry)
    response = APIClient().post(url(enquiry, "update"), {"what": "x"}, format="json")
    assert response.status_code == 401
    assert snapshot(enquiry) == before
