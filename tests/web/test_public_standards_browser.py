"""The standards in public in Chromium (issue 18 item 4): reached from the public pages'
navigation, checked by axe-core against WCAG 2.2 AA in Welsh and English, at a phone's width
(375 px) and a desktop's (1280 px) with nothing scrolling sideways; the quarter chosen with
JavaScript off."""

import pytest
from django.utils import timezone

from tests.performance.published_fixture import TODAY, build_quarter

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = {
    "cy": {
        "nav": "Ein safonau",
        "standards": "Ein Safonau Gofal Cwsmeriaid",
        "performance": "Sut y gwnaethom ni yn erbyn ein safonau",
        "link": "Gweld sut y gwnaethom ni yn erbyn y safonau hyn bob chwarter",
        "quarter": "Chwarter",
        "show": "Dangos y chwarter hwn",
        "q3": "Gorffennaf i Fedi 2026",
        "q2": "Ebrill i Fehefin 2026",
    },
    "en": {
        "nav": "Our standards",
        "standards": "Our Customer Care Standards",
        "performance": "How we did against our standards",
        "link": "See how we did against these standards each quarter",
        "quarter": "Quarter",
        "show": "Show this quarter",
        "q3": "July to September 2026",
        "q2": "April to June 2026",
    },
}


@pytest.fixture
def quarter(service, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    build_quarter(service=service)


def assert_fits(page) -> None:
    """Nothing wider than the window: no sideways scrolling."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(0, 5).map(e => e.className + ': ' + e.textContent.slice(0, 40))"""
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px: {wide}"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["cy", "en"])
def test_the_standards_and_the_figures_are_accessible(page, quarter, lang, width):
    text = TEXT[lang]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/{lang}/track/")
    page.locator(".govuk-service-navigation").get_by_role("link", name=text["nav"]).click()
    page.wait_for_url(f"**/{lang}/customer-care-standards/")

    assert page.locator("h1").inner_text() == text["standards"]
    assert page.locator("html").get_attribute("lang") == lang
    assert axe_violations(page) == []
    assert_fits(page)
    screenshot(page, f"public/standards-{lang}-{width}")

    page.get_by_role("link", name=text["link"]).click()
    page.wait_for_url(f"**/{lang}/customer-care-standards/performance/")
    assert page.locator("h1").inner_text() == text["performance"]
    assert page.locator(".govuk-caption-l").inner_text() == text["q3"]
    assert page.locator("#chart-channel").is_visible()
    assert axe_violations(page) == []
    assert_fits(page)
    screenshot(page, f"public/standards-performance-{lang}-{width}")


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_quarter_is_chosen_without_javascript(browser, live_server, quarter, lang):
    text = TEXT[lang]
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(f"/{lang}/customer-care-standards/performance/")
        page.get_by_label(text["quarter"]).select_option(label=text["q2"])
        page.get_by_role("button", name=text["show"]).click()
        page.wait_for_url("**/performance/?quarter=2026-Q1")
        assert page.locator(".govuk-caption-l").inner_text() == text["q2"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_bad_quarter_shows_an_accessible_error(page, quarter, lang):
    response = page.goto(f"/{lang}/customer-care-standards/performance/?quarter=2031-Q9")
    assert response.status == 400
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"public/standards-performance-error-{lang}")
