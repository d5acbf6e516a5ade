"""The audit pages in a real browser, in both languages: accessible (axe, WCAG 2.2 AA), no
English left on the Welsh pages, used from the keyboard, and errors linked from the summary."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from audit import reads
from audit.models import ReadPath
from tests.factories import CustomerFactory, UserFactory, make_case

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def read_case(service, team, advisor):
    case = make_case(service=service, team=team, customer=CustomerFactory(name="Ann Jones"))
    reader = UserFactory(
        role=Role.ADVISOR, team=team, username="mari", first_name="Mari", last_name="Lewis"
    )
    now = timezone.now()
    for minute in range(52):
        reads.record(
            reader if minute % 2 else advisor,
            [ReadPath.CASE_PAGE, ReadPath.SEARCH, ReadPath.API][minute % 3],
            cases=[case],
            at=now - timedelta(minutes=minute),
        )
    reads.record(reader, ReadPath.CUSTOMER_PAGE, customer_ids=[case.customer_id], at=now)
    return case


@pytest.fixture
def dpo(db):
    return UserFactory(
        role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo", first_name="Nia"
    )


def check(page, name: str, language: str) -> None:
    screenshot(page, f"{name}-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []


@pytest.mark.parametrize("language", ["cy", "en"])
def test_who_read_a_case_and_what_a_person_read(sign_in_browser, dpo, read_case, language):
    page = sign_in_browser(dpo)
    page.goto(f"/{language}/")
    assert page.url.endswith(f"/{language}/audit/cases/")
    check(page, "audit-case-empty", language)

    page.locator("#id_reference").fill(read_case.reference)
    page.locator("#id_reference").press("Enter")
    page.wait_for_load_state()
    assert page.locator("#reads tbody tr").count() == 50
    check(page, "audit-case-reads", language)

    with page.expect_navigation():
        page.locator("a[rel=next]").click()
    assert page.locator("#reads tbody tr").count() == 3  # two more, and the look-up itself
    check(page, "audit-case-reads-older", language)

    with page.expect_navigation():
        page.get_by_role("link", name="Mari Lewis").first.click()
    assert page.locator("#reads tbody tr").count() == 27
    check(page, "audit-person-reads", language)


@pytest.mark.parametrize("language", ["cy", "en"])
def test_errors_are_summarised_and_linked_to_their_fields(sign_in_browser, dpo, language):
    page = sign_in_browser(dpo)
    page.goto(f"/{language}/audit/cases/?reference=CYS-1999-000001&first=2026-02-30")
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1
    check(page, "audit-case-errors", language)

    page.goto(f"/{language}/audit/people/?username=nobody")
    check(page, "audit-person-errors", language)
    page.locator(".govuk-error-summary__list a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_username"
