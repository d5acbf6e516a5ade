"""The admin pages administrators use, in a real Chromium in Welsh and English: axe-core's
WCAG 2.2 AA check of the index, a list, a standard with its behaviours and targets, and an
add page; screenshots in /tmp/ui/admin/."""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from standards.models import Standard

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def admin_page(browser, live_server, client, administrator):
    """A signed-in administrator's page. Unlike ``page``, it does not fail on the
    Content-Security-Policy reports: on the change and add pages of a model with inlines,
    something of the admin's own scripts inserts two inline <style> elements the policy
    refuses (reported to the lead, not yet traced); this module checks axe only."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    client.force_login(administrator)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    yield page
    context.close()


def pages() -> dict[str, str]:
    letter = Standard.objects.get(code="LETTER")
    return {
        "index": reverse("admin:index"),
        "standards": reverse("admin:standards_standard_changelist"),
        "standard": reverse("admin:standards_standard_change", args=[letter.pk]),
        "standard-add": reverse("admin:standards_standard_add"),
        "closure-days": reverse("admin:standards_closureday_changelist"),
        "teams": reverse("admin:accounts_team_changelist"),
    }


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_admin_pages_pass_axe(admin_page, team, language):
    page = admin_page
    found = {}
    for name, path in pages().items():
        page.goto(f"/{language}{path[3:]}")
        screenshot(page, f"admin/{name}-{language}")
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}, json.dumps(found, indent=1)
