"""The privacy notice in Chromium, in Welsh and English: reached from the footer of a public
page, and checked by axe-core against WCAG 2.2 AA (issue 17 item 7)."""

import pytest

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADINGS = {
    "cy": ("Hysbysiad preifatrwydd", "Eich hawliau"),
    "en": ("Privacy notice", "Your rights"),
}


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_the_notice_is_a_footer_link_away_and_accessible(page, lang):
    title, rights = HEADINGS[lang]
    page.goto(f"/{lang}/track/")
    page.locator(".govuk-footer").get_by_role("link", name=title).click()
    page.wait_for_url(f"**/{lang}/privacy/")

    assert page.locator("h1").inner_text() == title
    assert page.get_by_role("heading", name=rights, level=2).is_visible()
    assert page.locator("html").get_attribute("lang") == lang
    assert axe_violations(page) == []
    screenshot(page, f"public/privacy-{lang}")
