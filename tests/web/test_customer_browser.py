"""The customer record in a real Chromium, in Welsh and in English: the record with its cases,
its edit form (with its error state), the possible duplicates and the merge page (with its
error state), each checked by axe-core against WCAG 2.2 AA; an edit and a merge done through
the pages. Screenshots land in CYSWLLT_SCREENSHOTS/customer/ for a person to look at."""

import pytest

from contacts.models import Case, Customer, CustomerEvent
from contacts.selectors import case_visible_to
from tests.contacts.customers.world import build_customer_world
from tests.factories import make_case

from .conftest import axe_violations, screenshot, search_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "cases": "Achosion",
        "history": "Hanes y cofnod hwn",
        "save": "Cadw'r newidiadau",
        "updated": "Diweddarwyd cofnod y cwsmer.",
        "name_error": "Rhowch enw llawn y cwsmer",
        "merge": "Cyfuno cofnodion",
        "merged": "Cyfunwyd y cofnodion.",
        "itself": "Ni ellir cyfuno cofnod cwsmer ag ef ei hun.",
        "changed": "Newidiwyd y manylion",
    },
    "en": {
        "cases": "Cases",
        "history": "History of this record",
        "save": "Save changes",
        "updated": "Customer record updated.",
        "name_error": "Enter the customer's full name",
        "merge": "Merge records",
        "merged": "Records merged.",
        "itself": "A customer record cannot be merged into itself.",
        "changed": "Details changed",
    },
}


@pytest.fixture
def customer_world(service, team, advisor):
    world = build_customer_world(service=service, team=team, advisor=advisor)
    twin = Customer.objects.create(
        name="Gwen Parry", email="GWEN@example.com", large_print=True, postcode="LL99 1AB"
    )
    make_case(service=world.highways_open.service, customer=twin)
    return world, twin


def check(page, name: str) -> None:
    """No WCAG 2.2 AA violation on the page as it stands, and a screenshot of it."""
    assert axe_violations(page) == [], name
    screenshot(page, f"customer/{name}")


def submit(page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_front_line_advisor_reads_edits_and_merges_a_customer_record(
    sign_in_browser, customer_world, language
):
    world, twin = customer_world
    words = WORDS[language]
    page = sign_in_browser(world.front_line)
    record = f"/{language}/customers/{world.gwen.pk}/"

    # The record, its cases of every service and its possible duplicate.
    page.goto(record)
    assert page.locator("h1").inner_text() == "Gwenllian Parry"
    assert page.get_by_role("heading", name=words["cases"]).is_visible()
    # Whatever the one visibility rule lets a front-line advisor see (ADR 0019).
    visible = case_visible_to(world.front_line).filter(customer=world.gwen).count()
    assert page.locator("table.app-queue-table tbody tr").count() == visible
    check(page, f"record-{language}")

    # Editing: an error first, then a change.
    page.goto(record + "edit/")
    check(page, f"edit-{language}")
    page.fill("#id_name", "")
    submit(page, words["save"])
    assert words["name_error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"edit-error-{language}")
    page.fill("#id_name", "Gwenllian Parry")
    page.check("#id_large_print")
    submit(page, words["save"])
    assert page.url.endswith(record)
    assert words["updated"] in page.locator(".govuk-notification-banner").inner_text()
    assert words["changed"] in page.locator("#history-heading ~ .moj-timeline").inner_text()
    assert Customer.objects.get(pk=world.gwen.pk).large_print is True

    # The duplicates, and the merge.
    page.goto(f"/{language}/customers/duplicates/")
    check(page, f"duplicates-{language}")
    page.goto(f"/{language}/customers/{world.gwen.pk}/merge/{twin.pk}/")
    check(page, f"merge-{language}")
    page.check(f"input[name=from_name][value='{twin.pk}']")
    submit(page, words["merge"])
    assert page.url.endswith(record)
    assert words["merged"] in page.locator(".govuk-notification-banner").inner_text()
    check(page, f"record-merged-{language}")
    assert not Customer.objects.filter(pk=twin.pk).exists()
    assert Customer.objects.get(pk=world.gwen.pk).name == "Gwen Parry"
    assert Case.objects.filter(customer=world.gwen).count() == 5
    assert CustomerEvent.objects.filter(customer=world.gwen, kind="merged").exists()

    # Merging a record into itself: refused in words, nothing changed.
    page.goto(f"/{language}/customers/{world.gwen.pk}/merge/{world.gwen.pk}/")
    assert words["itself"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"merge-itself-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_other_staff_read_the_record_from_the_case_page(sign_in_browser, customer_world, language):
    world, _twin = customer_world
    page = sign_in_browser(world.advisor)

    page.goto(f"/{language}/cases/{world.waste_open.reference}/")
    with page.expect_navigation():
        page.locator(f"a[href='/{language}/customers/{world.gwen.pk}/']").click()

    assert page.locator("h1").inner_text() == "Gwenllian Parry"
    assert page.locator(f"a[href$='/customers/{world.gwen.pk}/edit/']").count() == 0
    assert page.locator("#duplicates-heading").count() == 0
    check(page, f"record-read-only-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_search_lists_the_customer_and_leads_to_the_record(
    sign_in_browser, customer_world, language
):
    world, twin = customer_world
    page = sign_in_browser(world.highways_advisor)

    search_in_browser(page, language, "parry")
    check(page, f"search-{language}")
    with page.expect_navigation():
        page.locator(f"a[href='/{language}/customers/{twin.pk}/']").click()

    assert page.locator("h1").inner_text() == "Gwen Parry"
