"""The confirmation of who is dealing with a text and when, from the case page in a real
Chromium, in Welsh and in English: the action is offered while the promise is open, a bad date
is refused with a translated error and nothing sent, a good one queues the message. axe-core's
WCAG 2.2 AA check of each state; screenshots under CYSWLLT_SCREENSHOTS (casepage/confirm-*)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.models import OutboundMessage
from standards.selectors import working_calendar
from tests.factories import make_case

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "link": "Cadarnhau pwy sy'n delio ag ef",
        "error": "Rhaid i ddyddiad yr ymateb llawn fod yn ddiwrnod gwaith",
        "success": "Llwyddiant",
    },
    "en": {
        "link": "Confirm who is dealing with it",
        "error": "The date of the full response must be a working day",
        "success": "Success",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"casepage/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_confirming_who_is_dealing_with_a_text(sign_in_browser, service, team, advisor, language):
    now = timezone.now()
    case = make_case(
        service=service,
        channel="text",
        details={"from_number": "07700 900123", "message_id": f"SM-{language}"},
        team=team,
        owner=advisor,
        language=language,
        received_at=now - timedelta(hours=1),
        now=now,
    )
    calendar = working_calendar()
    today = timezone.localdate(now)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    working = calendar.add_working_days(today, 5)
    words = WORDS[language]
    page = sign_in_browser(advisor)
    base = f"/{language}/cases/{case.reference}/"

    page.goto(base)
    check(page, f"confirm-case-{language}")
    page.get_by_role("link", name=words["link"]).click()
    page.wait_for_url(f"**{base}confirm/")
    check(page, f"confirm-{language}")

    page.fill("#id_full_response_on", saturday.isoformat())
    submit(page)
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"confirm-error-{language}")
    assert not OutboundMessage.objects.filter(purpose="confirmation").exists()

    page.fill("#id_full_response_on", working.isoformat())
    submit(page)
    page.wait_for_url(f"**{base}")
    assert words["success"] in page.locator(".govuk-notification-banner").inner_text()
    message = OutboundMessage.objects.get(case=case, purpose="confirmation")
    assert (message.method, message.language) == ("sms", language)
