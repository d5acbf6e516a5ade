"""Running late and cancel-and-re-book in a real Chromium, in Welsh and English: from the
reception screen to each action's page, a refused entry shown on its field (nothing changed),
then the accepted one; the delay on the reception screen; axe-core's WCAG 2.2 AA check of each
state, and screenshots in /tmp/ui/appointments/ (CYSWLLT_SCREENSHOTS moves them).

The clock is fixed at 10:00 on Monday 2 March 2026 (GMT) for the live server too.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from contacts.models import CaseEvent, Customer, EventKind, Milestone
from messaging.models import OutboundMessage
from tests.factories import make_case

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on, heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SHOTS = "appointments/"
WORDS = {
    "en": {
        "late": "Running late – Gareth Evans",
        "late_title": "Running late",
        "minutes": "How many minutes late?",
        "why_late": "Why are you running late?",
        "tell": "Tell the customer",
        "zero": "Enter how many minutes late, a whole number more than 0.",
        "late_done": "Running late recorded. The customer will be told by their usual method.",
        "tag": "15 minutes late",
        "rebook": "Cancel and offer another time",
        "new_time": "New date and time",
        "why_rebook": "Why can the appointment not be kept?",
        "rebook_button": "Re-book and tell the customer",
        "saturday": "Saturday 7 March 2026 10:00 is not in business hours",
        "rebooked": "Appointment re-booked.",
        "problem": "There is a problem",
    },
    "cy": {
        "late": "Yn rhedeg yn hwyr – Gareth Evans",
        "late_title": "Yn rhedeg yn hwyr",
        "minutes": "Sawl munud yn hwyr?",
        "why_late": "Pam ydych chi'n rhedeg yn hwyr?",
        "tell": "Rhoi gwybod i'r cwsmer",
        "zero": "Rhowch sawl munud yn hwyr, fel rhif cyfan sy'n fwy na 0.",
        "late_done": "Wedi cofnodi eich bod yn rhedeg yn hwyr. Bydd y cwsmer yn cael gwybod",
        "tag": "15 munud yn hwyr",
        "rebook": "Canslo a chynnig amser arall",
        "new_time": "Dyddiad ac amser newydd",
        "why_rebook": "Pam na ellir cadw'r apwyntiad?",
        "rebook_button": "Aildrefnu a rhoi gwybod i'r cwsmer",
        "saturday": "Nid yw Dydd Sadwrn 7 Mawrth 2026 10:00 o fewn oriau busnes",
        "rebooked": "Mae'r apwyntiad wedi'i aildrefnu.",
        "problem": "Mae problem",
    },
}


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def appointment(service):
    return make_case(
        service=service,
        channel="visit",
        details={"contact_type": "appointment", "scheduled_at": "2026-03-02T10:30:00+00:00"},
        received_at=NOW - timedelta(days=3),
        customer=Customer(
            name="Gareth Evans",
            email="gareth@example.com",
            preferred_contact_method="email",
            preferred_language="cy",
        ),
    )


def check(page, name: str, language: str) -> None:
    screenshot(page, f"{SHOTS}{name}-{language}")
    assert axe_violations(page) == [], name
    if language == "cy":
        assert [t for t in english_left_on(page) if t != "English"] == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_running_late_then_re_booking_from_reception(
    sign_in_browser, advisor, appointment, language
):
    words = WORDS[language]
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/reception/")
    page.get_by_role("link", name=words["late"]).click()
    assert heading(page) == words["late_title"]
    check(page, "late", language)

    # Zero minutes: refused on its field, nothing recorded.
    page.get_by_label(words["minutes"]).fill("0")
    page.get_by_label(words["why_late"]).fill("The previous visitor needed more time")
    page.get_by_role("button", name=words["tell"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    assert words["zero"] in page.locator(".govuk-error-message").inner_text()
    check(page, "late-error", language)
    assert not CaseEvent.objects.filter(kind=EventKind.RUNNING_LATE).exists()

    page.get_by_label(words["minutes"]).fill("15")
    with page.expect_navigation(url=f"**/{language}/cases/{appointment.reference}/"):
        page.get_by_role("button", name=words["tell"]).click()
    assert words["late_done"] in page.locator(".govuk-notification-banner").inner_text()
    assert OutboundMessage.objects.filter(case=appointment, purpose="running_late").exists()

    page.goto(f"/{language}/reception/")
    appointments = page.locator("table[aria-labelledby='appointments-heading']")
    assert words["tag"] in appointments.inner_text()
    assert "10:45" in appointments.inner_text()
    check(page, "reception-late", language)

    # Cancel and offer another time, from the case page: a Saturday is refused.
    page.goto(f"/{language}/cases/{appointment.reference}/")
    page.get_by_role("link", name=words["rebook"]).click()
    page.get_by_label(words["new_time"]).fill("2026-03-07T10:00")
    page.get_by_label(words["why_rebook"]).fill("The officer is ill")
    page.get_by_role("button", name=words["rebook_button"]).click()
    assert words["saturday"] in page.locator(".govuk-error-message").inner_text()
    check(page, "rebook-error", language)
    assert Milestone.objects.get(case=appointment).starts_at == NOW + timedelta(minutes=30)

    page.get_by_label(words["new_time"]).fill("2026-03-04T14:00")
    with page.expect_navigation(url=f"**/{language}/cases/{appointment.reference}/"):
        page.get_by_role("button", name=words["rebook_button"]).click()
    assert words["rebooked"] in page.locator(".govuk-notification-banner").inner_text()
    assert Milestone.objects.get(case=appointment).starts_at == datetime(2026, 3, 4, 14, tzinfo=UTC)
    check(page, "case-rebooked", language)
