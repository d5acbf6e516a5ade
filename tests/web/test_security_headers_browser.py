"""The pages work under the enforced Content-Security-Policy (ADR 0028): every browser test's
``page`` fails on a violation (tests/web/conftest.py); here the check is shown to catch one,
and the pages drawn by other packages' scripts (the admin site, the API's Swagger page) are
used under it."""

import pytest

from contacts.models import Customer
from tests.factories import make_case

from .conftest import watch_csp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_check_catches_an_inline_script(browser, live_server):
    """The check would pass vacuously if violations never reached the test: an inline script
    added to a page must be refused and reported."""
    context = browser.new_context(base_url=live_server.url)
    violations = watch_csp(context)
    page = context.new_page()
    page.goto("/en/sign-in/")
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.ran = true';
            document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    ran = page.evaluate("window.ran === true")
    context.close()

    assert ran is False
    assert any(text.startswith("script-src-elem blocked inline") for text in violations)


def test_the_api_docs_draw_under_the_policy(sign_in_browser, advisor):
    page = sign_in_browser(advisor)
    page.goto("/api/v1/docs/")

    page.locator(".swagger-ui .info .title").wait_for()
    assert "Cyswllt API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-tag").first.click()
    page.locator(".opblock").first.wait_for()


def test_the_admin_site_works_under_the_policy(sign_in_browser, administrator, service):
    case = make_case(service=service, customer=Customer(name="Gwenllian Parry"))
    page = sign_in_browser(administrator)
    page.goto("/en/admin/")
    assert page.locator("#site-name").count() == 1
    page.goto("/en/admin/contacts/customer/")
    page.locator("#result_list").wait_for()
    page.goto(f"/en/admin/contacts/customer/{case.customer.pk}/change/")
    page.locator("#customer_form").wait_for()
    page.goto("/en/admin/accounts/user/add/")
    page.locator("#user_form").wait_for()
    # The admin's own scripts run: the navigation sidebar's filter is drawn by JavaScript.
    page.goto("/en/admin/accounts/user/")
    page.locator("#nav-filter").wait_for(state="attached")


def test_the_sla_board_refreshes_when_shown_again_unless_the_keyboard_is_in_it(
    sign_in_browser, team
):
    """htmx may not eval the trigger filters that used to say this (``allowEval: false``):
    frontend/js/app.js keeps both conditions."""
    page = sign_in_browser(team.manager)
    page.goto("/en/sla-dashboard/")
    asked: list[str] = []
    # (The navigation's queue counts refresh too: only the board's requests count here.)
    page.on(
        "request",
        lambda request: (
            asked.append(request.url)
            if "/sla-dashboard/" in request.url and request.headers.get("hx-request")
            else None
        ),
    )
    shown = "document.dispatchEvent(new Event('visibilitychange'))"

    page.locator("#sla-board a.app-sla-total").first.focus()
    page.evaluate(shown)
    page.wait_for_timeout(500)
    assert asked == []

    page.locator("h1").first.click()  # the keyboard leaves the board
    with page.expect_response(lambda r: "/sla-dashboard/" in r.url):
        page.evaluate(shown)
    assert [url.split("/", 3)[3] for url in asked] == ["en/sla-dashboard/"]
