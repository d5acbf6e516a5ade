"""An emergency in a real browser, in both languages: an officer raises it in one action, the
web team publishes it in English and then in Welsh, and a manager finds it on the report.
Every page is accessible (axe), the Welsh pages keep no English, and no Content-Security-Policy
violation happens (the page fixture fails on one)."""

import pytest

from accounts.models import Role
from contacts.models import Case, Milestone
from tests.factories import ServiceFactory, TeamFactory, UserFactory

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def checked(page, name: str, language: str) -> None:
    screenshot(page, f"publishing-{name}-{language}")
    assert axe_violations(page) == [], name
    if language == "cy":
        assert english_left_on(page) == [], name


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_emergency_is_published_in_english_then_welsh_and_reported(
    sign_in_browser, advisor, language
):
    communications = ServiceFactory(
        code="communications", name_en="Communications", name_cy="Cyfathrebu"
    )
    web_team = TeamFactory(
        service=communications, code="web", name_en="Web team", name_cy="Tîm y we", web_team=True
    )
    web_officer = UserFactory(role=Role.ADVISOR, team=web_team, username="web-officer")
    manager = UserFactory(role=Role.MANAGER, team=web_team, username="web-manager")

    page = sign_in_browser(advisor)
    page.goto(f"/{language}/web-publishing/emergency/")
    checked(page, "emergency-form", language)
    page.locator("#id_what").fill("Flooding closes the A525 at Rhuthun.")
    page.locator("#id_where").fill("A525, Rhuthun")
    page.locator("#id_affected").fill("Drivers between Rhuthun and Dinbych")
    with page.expect_navigation():
        page.locator("main form button.govuk-button[type=submit]").click()
    case = Case.objects.get(kind="emergency_information")
    assert page.url.endswith(f"/{language}/web-publishing/{case.reference}/")

    page = sign_in_browser(web_officer)
    page.goto(f"/{language}/web-publishing/")
    checked(page, "queue", language)
    with page.expect_navigation():
        page.get_by_role("link", name=case.reference).click()
    checked(page, "request", language)
    # Publishing without an address is refused, on the page, in the page's language.
    page.locator("input[name=language][value=en]").check()
    with page.expect_navigation():
        page.locator("main form button.govuk-button[type=submit]").click()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, "request-error", language)
    page.locator("input[name=language][value=en]").check()
    page.locator("#id_url").fill("https://www.example.gov.wales/news/a525-closed")
    with page.expect_navigation():
        page.locator("main form button.govuk-button[type=submit]").click()
    assert page.get_by_text("https://www.example.gov.wales/news/a525-closed").is_visible()
    welsh = Milestone.objects.get(case=case, kind="welsh_version")
    assert (
        welsh.due_at is not None
        and welsh.starts_at == Milestone.objects.get(case=case, kind="publish").met_at
    )
    page.locator("input[name=language][value=cy]").check()
    page.locator("#id_url").fill("https://www.example.gov.wales/newyddion/a525-ar-gau")
    with page.expect_navigation():
        page.locator("main form button.govuk-button[type=submit]").click()
    checked(page, "published", language)
    case.refresh_from_db()
    assert case.status == "resolved"

    page = sign_in_browser(manager)
    page.goto(f"/{language}/web-publishing/emergencies/")
    checked(page, "report", language)
    row = page.locator("#emergencies tbody tr")
    assert row.count() == 1
    assert case.reference in row.inner_text()
