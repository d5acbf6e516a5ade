"""My work, the team queue and a councillor's enquiries, through the test client.

The cases are described in ``conftest.py``. Rows are read back from the HTML by their
reference links, in the order the page shows them.
"""

import html
import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from contacts.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db

MY_WORK = "/en/my-work/"
TEAM_QUEUE = "/en/team-queue/"
MY_ENQUIRIES = "/en/my-enquiries/"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def references(response) -> list[str]:
    """The case references the page's table lists, top to bottom."""
    return re.findall(r'<a class="govuk-link" href="/\w\w/cases/([A-Z0-9-]+)/">', response.text)


def row_of(response, case: Case) -> str:
    """The HTML of ``case``'s row."""
    match = re.search(
        rf'<tr class="govuk-table__row">\s*<th scope="row"[^>]*><a [^>]*>{case.reference}</a>'
        r".*?</tr>",
        response.text,
        re.S,
    )
    assert match, f"{case.reference} is not listed"
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip())


def test_my_work_lists_the_open_cases_i_own_and_nothing_else(signed_in, world):
    """Not a colleague's case, not another service's, not the team's unowned ones."""
    response = signed_in(world.advisor).get(MY_WORK)

    assert response.status_code == 200
    assert set(references(response)) == {
        world.mine_breached.reference,
        world.mine_due_soon.reference,
        world.mine_compliment.reference,
    }


def test_the_team_queue_lists_the_teams_open_unowned_cases(signed_in, world):
    response = signed_in(world.advisor).get(TEAM_QUEUE)

    assert references(response) == [world.team_letter.reference]


def overdue_words(world, language: str) -> str:
    """A breach 90 minutes old: in hours on the day it was due, in working days once that day
    is over (a page opened between midnight and half past one)."""
    due = world.mine_breached.milestones.get(kind="acknowledge").due_at
    if timezone.localdate(due) == timezone.localdate():
        return "Overdue by 1 hour" if language == "en" else "1 awr yn hwyr"
    return "Overdue by 1 working day" if language == "en" else "1 diwrnod gwaith yn hwyr"


def test_a_row_shows_the_sla_tag_the_next_deadline_and_the_time_left(signed_in, world):
    response = signed_in(world.advisor).get(MY_WORK)

    breached = row_of(response, world.mine_breached)
    assert "Gwenllian Parry E-mail Enquiry New Breached Acknowledge" in breached
    assert overdue_words(world, "en") in breached
    due_soon = row_of(response, world.mine_due_soon)
    assert "John Davies Phone Service request New Due soon Acknowledge" in due_soon
    assert "3 hours" in due_soon
    assert "Not recorded Web form Compliment New No deadline Nothing due" in row_of(
        response, world.mine_compliment
    )


def test_the_rows_speak_welsh_on_the_welsh_page(signed_in, world):
    response = signed_in(world.advisor).get("/cy/my-work/")

    assert '<html lang="cy"' in response.text
    assert '<h1 class="govuk-heading-l">Fy ngwaith</h1>' in response.text
    breached = row_of(response, world.mine_breached)
    assert "E-bost Ymholiad Newydd Wedi methu'r terfyn amser Cydnabod" in breached
    assert overdue_words(world, "cy") in breached


def test_the_navigation_counts_each_queue_s_open_cases(signed_in, world):
    response = signed_in(world.advisor).get(MY_WORK)

    nav = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text.split("</nav>")[0]))
    assert "My work 3 open cases" in nav
    assert "Team queue 1 open case " in nav


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("channel=phone", ["mine_due_soon"]),
        ("kind=compliment", ["mine_compliment"]),
        ("sla_state=breached", ["mine_breached"]),
        ("sla_state=due_soon", ["mine_due_soon"]),
        ("language=cy", ["mine_breached"]),
        ("language=en", ["mine_due_soon"]),
        ("language=unknown", ["mine_compliment"]),
        ("status=new&channel=email", ["mine_breached"]),
        ("status=resolved", []),
    ],
)
def test_filters_narrow_my_work(signed_in, world, query, expected):
    response = signed_in(world.advisor).get(f"{MY_WORK}?{query}")

    assert response.status_code == 200
    assert references(response) == [getattr(world, name).reference for name in expected]


def test_a_status_filter_shows_closed_work_the_queue_otherwise_leaves_out(signed_in, world):
    response = signed_in(world.advisor).get(f"{TEAM_QUEUE}?status=resolved")

    assert references(response) == [world.team_resolved.reference]


def test_received_dates_are_read_in_the_councils_time_zone(signed_in, advisor, service):
    """23:30 UTC on 30 June is 00:30 on 1 July in Wales (BST): it was received on 1 July."""
    june = make_case(service=service, owner=advisor, received_at=utc(2026, 6, 30, 22, 30))
    july = make_case(service=service, owner=advisor, received_at=utc(2026, 6, 30, 23, 30))
    client = signed_in(advisor)

    assert references(client.get(f"{MY_WORK}?received_to=2026-06-30")) == [june.reference]
    assert references(client.get(f"{MY_WORK}?received_from=2026-07-01")) == [july.reference]
    assert references(
        client.get(f"{MY_WORK}?received_from=2026-06-30&received_to=2026-07-01&sort=received")
    ) == [june.reference, july.reference]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("channel=pigeon", "channel", "Select a channel from the list"),
        ("kind=%00", "kind", "Select a kind of case from the list"),
        ("status=lost", "status", "Select a status from the list"),
        ("sla_state=late", "sla_state", "Select an SLA state from the list"),
        ("language=fr", "language", "Select a language from the list"),
        ("received_from=2026-02-31", "received_from", "Received from must be a real date"),
        ("received_to=yesterday", "received_to", "Received to must be a real date"),
        (
            "received_to=9999-12-31",
            "received_to",
            "Received to must be between 1 January 2000 and 31 December 2100",
        ),
        (
            "received_from=0001-01-01",
            "received_from",
            "Received from must be between 1 January 2000 and 31 December 2100",
        ),
        (
            "received_from=2026-03-10&received_to=2026-03-09",
            "received_to",
            "Received to must be the same as or after received from",
        ),
    ],
)
def test_a_bad_filter_gets_an_error_linked_to_its_field_and_the_page_still_answers(
    signed_in, world, query, field, message
):
    response = signed_in(world.advisor).get(f"{MY_WORK}?{query}")

    assert response.status_code == 200
    assert "<title>Error: My work" in response.text
    assert f'<li><a href="#id_{field}">{message}</a></li>' in response.text
    assert f'<p id="id_{field}-error" class="govuk-error-message">' in response.text


def test_the_valid_filters_still_apply_beside_a_bad_one(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?channel=pigeon&kind=compliment")

    assert references(response) == [world.mine_compliment.reference]


def test_a_bad_filter_is_explained_in_welsh_on_the_welsh_page(signed_in, world):
    response = signed_in(world.advisor).get("/cy/my-work/?channel=pigeon&received_from=31-31")

    assert response.status_code == 200
    assert "<title>Gwall: Fy ngwaith" in response.text
    assert "Mae problem" in response.text
    page = html.unescape(response.text)
    assert '<a href="#id_channel">Dewiswch sianel o\'r rhestr</a>' in page
    assert (
        "<a href=\"#id_received_from\">Rhaid i 'Derbyniwyd o' fod yn ddyddiad go iawn</a>" in page
    )


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e9", "%00"])
def test_any_page_number_answers_with_a_page(signed_in, world, page):
    response = signed_in(world.advisor).get(f"{MY_WORK}?page={page}")

    assert response.status_code == 200
    assert len(references(response)) == 3


def test_an_unknown_sort_falls_back_to_the_default_order(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?sort=sideways")

    assert references(response) == references(signed_in(world.advisor).get(MY_WORK))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # Soonest deadline first; a case with no open deadline last.
        ("next_due", ["mine_breached", "mine_due_soon", "mine_compliment"]),
        ("-next_due", ["mine_due_soon", "mine_breached", "mine_compliment"]),
        ("received", ["mine_breached", "mine_due_soon", "mine_compliment"]),
        ("-received", ["mine_compliment", "mine_due_soon", "mine_breached"]),
        ("reference", ["mine_breached", "mine_due_soon", "mine_compliment"]),
        ("-reference", ["mine_compliment", "mine_due_soon", "mine_breached"]),
    ],
)
def test_sorting(signed_in, world, sort, expected):
    response = signed_in(world.advisor).get(f"{MY_WORK}?sort={sort}")

    assert references(response) == [getattr(world, name).reference for name in expected]


def test_the_default_order_is_the_soonest_deadline_first(signed_in, world):
    response = signed_in(world.advisor).get(MY_WORK)

    assert references(response)[0] == world.mine_breached.reference
    assert 'aria-sort="ascending"><a class="app-sort-link" href="?sort=-next_due">' in (
        response.text
    )


def test_the_sort_links_keep_the_filters_and_go_back_to_the_first_page(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?channel=email&page=2&sort=reference")

    assert (
        '<th scope="col" class="govuk-table__header" aria-sort="ascending">'
        '<a class="app-sort-link" href="?channel=email&amp;sort=-reference">'
    ) in response.text
    assert (
        'aria-sort="none"><a class="app-sort-link" href="?channel=email&amp;sort=-received">'
        in (response.text)
    )


@pytest.fixture
def many_cases(service, advisor):
    """30 cases I own, received a minute apart: more than one page."""
    return [
        make_case(service=service, owner=advisor, received_at=utc(2026, 3, 2, 10, minute))
        for minute in range(30)
    ]


def test_pagination_shows_25_cases_a_page(signed_in, advisor, many_cases):
    client = signed_in(advisor)
    newest_first = [case.reference for case in reversed(many_cases)]

    first = client.get(f"{MY_WORK}?sort=-received")
    second = client.get(f"{MY_WORK}?sort=-received&page=2")

    assert references(first) == newest_first[:25]
    assert references(second) == newest_first[25:]
    assert "Showing 1 to 25 of 30 cases" in first.text
    assert "Showing 26 to 30 of 30 cases" in second.text
    assert (
        '<a class="govuk-link govuk-pagination__link" href="?sort=-received&amp;page=2" rel="next">'
        in (first.text)
    )
    assert 'aria-label="Page 2" aria-current="page">2</a>' in second.text


#: session, user, the user's team, the page's count, business hours, closure days, the page's
#: case ids in order, those cases, their milestones, the navigation's counts (both queues in one).
EXPECTED_QUERIES = 10


@pytest.mark.parametrize("url", [MY_WORK, f"{MY_WORK}?sort=next_due&channel=email", TEAM_QUEUE])
def test_a_queue_page_costs_the_same_few_queries_whatever_it_lists(
    signed_in, advisor, service, team, url, django_assert_num_queries
):
    client = signed_in(advisor)
    make_case(service=service, owner=advisor)
    make_case(service=service, team=team)
    client.get(url)  # warm: the first request of a process reads the standards once

    with django_assert_num_queries(EXPECTED_QUERIES):
        client.get(url)
    for minute in range(20):
        make_case(service=service, owner=advisor, received_at=utc(2026, 3, 3, 9, minute))
        make_case(service=service, team=team, received_at=utc(2026, 3, 3, 10, minute))
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(url)

    assert len(references(response)) >= 20


def test_my_work_needs_staff(signed_in, world):
    response = signed_in(world.councillor).get(MY_WORK)

    assert response.status_code == 403
    assert "You cannot see this page" in response.text
    assert "County councillor" in response.text


def test_the_403_page_speaks_welsh(signed_in, world):
    response = signed_in(world.councillor).get("/cy/team-queue/")

    assert response.status_code == 403
    assert '<html lang="cy"' in response.text
    assert "Ni allwch weld y dudalen hon" in response.text


def test_my_enquiries_are_for_councillors_and_clerks(signed_in, world):
    assert signed_in(world.advisor).get(MY_ENQUIRIES).status_code == 403


@pytest.mark.parametrize("url", [MY_WORK, TEAM_QUEUE, MY_ENQUIRIES])
def test_the_queues_need_signing_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/en/sign-in/?next={url}"


def test_administrators_work_in_the_admin_not_the_queues(signed_in, administrator):
    assert signed_in(administrator).get(MY_WORK).status_code == 403


def test_a_councillor_sees_every_enquiry_they_submitted_whatever_its_status(
    signed_in, world, service
):
    closed = make_case(service=service, kind="councillor_enquiry", submitted_by=world.councillor)
    Case.objects.filter(pk=closed.pk).update(status="closed")

    response = signed_in(world.councillor).get(MY_ENQUIRIES)

    assert references(response) == [world.enquiry.reference, closed.reference]
    assert "My enquiries 1 open case" in re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text.split("</nav>")[0])
    )


def test_a_councillor_can_filter_by_service(signed_in, world):
    client = signed_in(world.councillor)

    waste = client.get(f"{MY_ENQUIRIES}?service=waste")
    highways = client.get(f"{MY_ENQUIRIES}?service=highways")

    assert references(waste) == [world.enquiry.reference]
    assert references(highways) == []
    assert "No cases match these filters." in highways.text


def test_staff_have_no_service_filter_since_they_see_one_service(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?service=highways")

    assert 'name="service"' not in response.text
    assert len(references(response)) == 3


def test_an_empty_queue_says_so(signed_in, world):
    response = signed_in(world.colleague).get(f"{TEAM_QUEUE}")

    assert references(response) == [world.team_letter.reference]
    response = signed_in(world.highways_advisor).get(TEAM_QUEUE)
    assert "Your team has no open cases waiting for an owner." in response.text


def test_selected_filters_can_be_removed_one_at_a_time(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?channel=email&kind=enquiry&page=1")

    assert (
        '<a class="moj-filter__tag" href="?kind=enquiry">'
        '<span class="govuk-visually-hidden">Remove this filter</span> E-mail</a>'
    ) in response.text
    assert (
        '<a class="moj-filter__tag" href="?channel=email">'
        '<span class="govuk-visually-hidden">Remove this filter</span> Enquiry</a>'
    ) in response.text


def test_a_submitted_filter_form_gets_a_clean_address(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?sort=reference&channel=phone&kind=&page=")

    assert response.status_code == 302
    assert response["Location"] == f"{MY_WORK}?sort=reference&channel=phone"


def test_an_all_empty_filter_form_goes_back_to_the_plain_queue(signed_in, world):
    response = signed_in(world.advisor).get(f"{MY_WORK}?channel=&kind=")

    assert response["Location"] == MY_WORK
