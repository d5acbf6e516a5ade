"""The web publishing pages: asking for a change, raising an emergency, publishing a page and
the report. Bad input is refused with a translated error per field and changes nothing."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from accounts.models import Role
from contacts.models import Case, CaseEvent, Milestone
from publishing.models import PublicationRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def everything() -> tuple:
    return (
        list(Case.objects.values_list("reference", "status")),
        list(Milestone.objects.values_list("kind", "state", "due_at", "met_at")),
        CaseEvent.objects.count(),
        list(PublicationRequest.objects.values_list("english_url", "welsh_url")),
    )


def change_form(service, **changes) -> dict:
    ahead = timezone.localdate() + timedelta(days=7)
    return {
        "page": "Bin collection days",
        "change": "Collections move to Tuesday.",
        "takes_place_on_day": str(ahead.day),
        "takes_place_on_month": str(ahead.month),
        "takes_place_on_year": str(ahead.year),
        "requested_by": str(service.pk),
        **changes,
    }


def test_an_officer_asks_for_a_change_and_it_reaches_the_web_queue(
    client, advisor, web_team, service
):
    client.force_login(advisor)

    answer = client.post("/en/web-publishing/change/", change_form(service, welsh_not_needed="on"))

    case = Case.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/en/web-publishing/{case.reference}/"
    assert (case.team, case.kind) == (web_team, "web_content_change")
    assert set(case.milestones.values_list("kind", flat=True)) == {"publish"}
    queue = text_of(client.get("/en/web-publishing/"))
    assert case.reference in queue and "Bin collection days" in queue and "Not needed" in queue


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        (
            {"takes_place_on_day": "31", "takes_place_on_month": "2"},
            "Enter a real date for the change.",
        ),
        ({"takes_place_on_day": "x"}, "Enter a real date for the change."),
        ({"takes_place_on_year": ""}, "Enter the date the change takes place in full"),
        ({"takes_place_on_year": "2999"}, "The change must take place within the next year."),
        (
            {"takes_place_on_day": "", "takes_place_on_month": "", "takes_place_on_year": ""},
            "Enter the date the change takes place.",
        ),
        ({"page": " "}, "Enter the page or section that changes."),
        ({"requested_by": "999999"}, "Choose a service from the list."),
        (
            {"english_not_needed": "on", "welsh_not_needed": "on"},
            "At least one of the pages must be needed.",
        ),
    ],
)
def test_a_bad_change_request_is_refused_and_changes_nothing(
    client, advisor, web_team, service, changes, field_error
):
    client.force_login(advisor)
    before = everything()

    answer = client.post("/en/web-publishing/change/", change_form(service, **changes))

    assert answer.status_code == 200
    assert field_error in text_of(answer)
    assert everything() == before


def test_the_errors_are_in_welsh_on_the_welsh_page(client, advisor, web_team, service):
    client.force_login(advisor)

    answer = client.post(
        "/cy/web-publishing/change/",
        change_form(service, takes_place_on_day="31", takes_place_on_month="2"),
    )

    with translation.override("cy"):
        expected = translation.gettext("Enter a real date for the change.")
    assert expected != "Enter a real date for the change."
    assert expected in text_of(answer)
    assert not Case.objects.exists()


def test_without_a_web_team_the_request_is_refused_with_the_reason(client, advisor, service):
    client.force_login(advisor)

    answer = client.post("/en/web-publishing/change/", change_form(service))

    assert "No team is set up as the web team" in text_of(answer)
    assert not Case.objects.exists()


def test_an_emergency_is_raised_in_one_action(client, advisor, web_team):
    client.force_login(advisor)

    answer = client.post(
        "/en/web-publishing/emergency/",
        {"what": "Flooding closes the A525.", "where": "A525, Rhuthun", "affected": "Drivers"},
    )

    case = Case.objects.get()
    assert answer.status_code == 302
    assert case.kind == "emergency_information"
    page = text_of(client.get(f"/en/web-publishing/{case.reference}/"))
    assert "Starts when the English page is published" in page


def test_an_emergency_without_what_where_and_who_is_refused(client, advisor, web_team):
    client.force_login(advisor)

    answer = client.post("/en/web-publishing/emergency/", {"what": "", "where": "", "affected": ""})

    text = text_of(answer)
    assert "Say what the emergency information is." in text
    assert "Say where: the place, or the page it goes on." in text
    assert "Say who is affected." in text
    assert not Case.objects.exists()


@pytest.fixture
def emergency(raise_emergency):
    return raise_emergency(now=timezone.now() - timedelta(minutes=10))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"language": "en", "url": ""}, "Enter the address of the published page."),
        ({"language": "en", "url": "not a page"}, "Enter the page's full address"),
        ({"language": "en", "url": "ftp://example.gov.wales/a"}, "Enter the page's full address"),
        (
            {"language": "de", "url": "https://www.example.gov.wales/a"},
            "Choose the language of the page published.",
        ),
        ({"url": "https://www.example.gov.wales/a"}, "Choose the language of the page published."),
    ],
)
def test_publishing_without_a_proper_address_or_language_is_refused(
    client, web_officer, emergency, data, error
):
    client.force_login(web_officer)
    before = everything()

    answer = client.post(f"/en/web-publishing/{emergency.reference}/", data)

    assert answer.status_code == 400
    assert error in text_of(answer)
    assert everything() == before


def test_the_web_team_publishes_english_then_welsh(client, web_officer, emergency):
    client.force_login(web_officer)
    address = f"/en/web-publishing/{emergency.reference}/"

    client.post(address, {"language": "en", "url": "https://www.example.gov.wales/news/a525"})
    after_english = text_of(client.get(address))
    client.post(address, {"language": "cy", "url": "https://www.example.gov.wales/newyddion/a525"})

    assert "https://www.example.gov.wales/news/a525" in after_english
    assert "Starts when the English page is published" not in after_english
    emergency.refresh_from_db()
    assert emergency.status == "resolved"
    timeline = text_of(client.get(f"/en/cases/{emergency.reference}/"))
    assert "English page: https://www.example.gov.wales/news/a525" in timeline
    assert "Welsh page: https://www.example.gov.wales/newyddion/a525" in timeline


def test_only_the_web_teams_service_publishes(client, advisor, emergency):
    client.force_login(advisor)  # of the waste service: may read, not publish
    before = everything()

    page = client.get(f"/en/web-publishing/{emergency.reference}/")
    answer = client.post(
        f"/en/web-publishing/{emergency.reference}/",
        {"language": "en", "url": "https://www.example.gov.wales/a"},
    )

    assert page.status_code == 200 and "Record as published" not in text_of(page)
    assert answer.status_code == 403
    assert everything() == before


def test_the_case_page_offers_no_resolve_for_a_publication(client, web_officer, emergency):
    client.force_login(web_officer)

    answer = client.get(f"/en/cases/{emergency.reference}/resolve/")

    assert answer.status_code == 302
    emergency.refresh_from_db()
    assert emergency.status == "new"


def test_the_report_and_its_csv(client, web_officer, manager_of_web, emergency):
    client.force_login(web_officer)
    client.post(
        f"/en/web-publishing/{emergency.reference}/",
        {"language": "en", "url": "https://www.example.gov.wales/a"},
    )
    client.force_login(manager_of_web)

    page = text_of(client.get("/en/web-publishing/emergencies/"))
    export = client.get("/en/web-publishing/emergencies.csv")

    assert emergency.reference in page and "Not yet" in page
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(export.streaming_content).decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Reference,What,Raised,Published first in")
    assert lines[1].startswith(f"{emergency.reference},Flooding closes the A525 at Rhuthun.,")
    assert ",English," in lines[1] and ",Not yet," in lines[1]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("first=2026-13-01", "Enter a real date"),
        ("first=2026-03-10&last=2026-03-01", "The last day must be on or after the first."),
    ],
)
def test_a_bad_report_period_is_refused(client, manager_of_web, query, error):
    client.force_login(manager_of_web)

    for address in ("/en/web-publishing/emergencies/", "/en/web-publishing/emergencies.csv"):
        answer = client.get(f"{address}?{query}")
        assert answer.status_code == 400
        assert error in text_of(answer)


def test_the_report_is_for_managers(client, advisor):
    client.force_login(advisor)

    assert client.get("/en/web-publishing/emergencies/").status_code == 403


def test_a_councillor_has_no_publishing_pages(client, web_team):
    councillor = UserFactory(role=Role.COUNCILLOR, team=None)
    client.force_login(councillor)

    for address in (
        "/en/web-publishing/",
        "/en/web-publishing/change/",
        "/en/web-publishing/emergency/",
    ):
        assert client.get(address).status_code == 403
