"""Acknowledging a voicemail from the case page in a real Chromium, in Welsh and in English
(SPEC §10): the action on the case page, a Saturday refused on its field with nothing changed,
then a working-day time accepted, the callback deadline and the timeline entry shown; axe-core's
WCAG 2.2 AA check of every state. Screenshots in CYSWLLT_SCREENSHOTS (voicemail/)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from contacts.models import Case, CaseEvent, Milestone
from messaging.models import OutboundMessage
from standards.domain.calendar import WorkingCalendar
from tests.factories import CustomerFactory, make_case

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "link": "Cydnabod y neges llais",
        "error": "Mae problem",
        "saturday": "yn ddiwrnod gwaith",
        "success": "Neges llais wedi'i chydnabod",
        "timeline": "Galwad yn ôl am",
        "time_error": "Rhowch yr amser fel hyn: 14:30",
    },
    "en": {
        "link": "Acknowledge the voicemail",
        "error": "There is a problem",
        "saturday": "is not a working day",
        "success": "Voicemail acknowledged",
        "timeline": "Callback at",
        "time_error": "Enter the time like 14:30",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"voicemail/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def fill_date(page, day: date, typed_time: str) -> None:
    page.fill("#id_callback_at_day", str(day.day))
    page.fill("#id_callback_at_month", str(day.month))
    page.fill("#id_callback_at_year", str(day.year))
    page.fill("#id_callback_at_time", typed_time)


def ahead(days: int, *, working: bool) -> date:
    day = timezone.localdate() + timedelta(days=days)
    while WorkingCalendar().is_working_day(day) != working or (not working and day.weekday() != 5):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize("language", ["cy", "en"])
def test_acknowledging_a_voicemail_with_a_callback_time(
    sign_in_browser, service, team, advisor, language
):
    words = WORDS[language]
    case = make_case(
        service=service,
        channel="phone",
        details={"contact_type": "voicemail", "caller_number": "07700 900123"},
        received_at=timezone.now() - timedelta(hours=2),
        owner=advisor,
        team=team,
        customer=CustomerFactory(name="Gwen Jones", phone="07700 900123", preferred_language="cy"),
    )
    page = sign_in_browser(advisor)
    base = f"/{language}/cases/{case.reference}/"

    page.goto(base)
    page.get_by_role("link", name=words["link"]).click()
    page.wait_for_url(f"**{base}voicemail/")
    assert "07700 900123" in page.locator("#message-way").inner_text()
    check(page, f"form-{language}")

    # A Saturday is refused on its field; nothing changes.
    fill_date(page, ahead(7, working=False), "11:00")
    submit(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert words["error"] in summary and words["saturday"] in summary
    assert page.locator("#id_callback_at_day").get_attribute("value") != ""
    assert Milestone.objects.get(case=case, kind="acknowledge").is_open
    assert not Milestone.objects.filter(case=case, kind="callback").exists()
    check(page, f"not-a-working-day-{language}")

    # The error summary's link takes the officer to the day box.
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_callback_at_day"

    # A time that is not one.
    fill_date(page, ahead(7, working=True), "half two")
    submit(page)
    assert words["time_error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"not-a-time-{language}")

    # A working day at 2.30pm is accepted.
    day = ahead(7, working=True)
    fill_date(page, day, "2:30pm")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert words["success"] in page.locator(".govuk-notification-banner").inner_text()
    callback = Milestone.objects.get(case=case, kind="callback")
    local = timezone.localtime(callback.due_at)
    assert (local.date(), local.hour, local.minute) == (day, 14, 30)
    assert Case.objects.get(pk=case.pk).status == "acknowledged"
    assert CaseEvent.objects.filter(case=case, kind="voicemail_acknowledged").count() == 1
    assert OutboundMessage.objects.filter(case=case, purpose="callback", method="sms").exists()
    assert words["timeline"] in page.locator(".moj-timeline").inner_text()
    assert page.get_by_role("link", name=words["link"]).count() == 0
    check(page, f"case-acknowledged-{language}")
