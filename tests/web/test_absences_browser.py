"""The out-of-office page in a real browser: recorded from the keyboard, accessible and wholly
Welsh in Welsh."""

from datetime import date

import pytest

from accounts.models import Absence
from tests.factories import UserFactory

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_officer_records_an_absence_from_the_keyboard(sign_in_browser, advisor, team, language):
    UserFactory(team=team, first_name="Carys", last_name="Owen", username="carys")
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/my-work/")

    page.locator(".app-header__absences").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert axe_violations(page) == []
    # An empty form first: the error summary, then the fields filled in.
    page.get_by_role(
        "button", name="Cofnodi absenoldeb" if language == "cy" else "Record absence"
    ).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".govuk-error-summary").is_visible()
    screenshot(page, f"absences-errors-{language}")
    assert axe_violations(page) == []
    page.locator("#id_starts_on").fill("2030-12-21")
    page.locator("#id_ends_on").fill("2030-12-24")
    page.locator("#id_cover").select_option(label="Carys Owen")
    page.locator("#id_urgent_contact").fill("01824 706999")
    with page.expect_navigation():
        page.locator("#id_urgent_contact").press("Enter")

    screenshot(page, f"absences-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []
    absence = Absence.objects.get()
    assert (absence.starts_on, absence.ends_on, absence.cover.username) == (
        date(2030, 12, 21),
        date(2030, 12, 24),
        "carys",
    )
