"""Councillors and community councils in a real Chromium, in Welsh and in English: a
councillor raises an enquiry and follows it through an update and a delay notice to its
completion; a clerk raises one for their council; an officer adds planned works, and the ward's
councillor is told and finds them in their iCalendar feed. axe-core's WCAG 2.2 AA check runs on
every page. Screenshots land in /tmp/ui/councillors/."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import Case
from councillors.models import CommunityCouncil, EnquiryUpdate, Ward, WardEvent
from standards.selectors import working_calendar
from tests.councillors.conftest import member
from tests.member_messages import member_messages

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {"problem": "Mae problem", "delay": "Hysbysiad o oedi", "done": "Wedi'i gwblhau"},
    "en": {"problem": "There is a problem", "delay": "Delay notice", "done": "Completed"},
}


@pytest.fixture
def members():
    """Llanfair ward with Cllr Jones (Welsh, e-mail), and the clerk of its community council."""
    llanfair = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    cllr_jones = member("cllr-jones", Role.COUNCILLOR, preferred_language="cy", first_name="Huw")
    llanfair.councillors.add(cllr_jones)
    council = CommunityCouncil.objects.create(
        code="llanfair-cc", name_en="Llanfair Community Council", name_cy="Cyngor Cymuned Llanfair"
    )
    council.wards.add(llanfair)
    clerk = member("clerk-llanfair", Role.CLERK, first_name="Helen")
    council.clerks.add(clerk)
    return llanfair, cllr_jones, clerk


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"councillors/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_members_enquiries_and_the_events_calendar(
    sign_in_browser, page, service, team, advisor, members, language
):
    llanfair, cllr_jones, clerk = members
    words = WORDS[language]

    # A councillor raises an enquiry; an empty form is refused first.
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/enquiries/new/")
    check(page, f"enquiry-new-{language}")
    submit(page)
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"enquiry-new-error-{language}")
    page.select_option("#id_service", str(service.pk))
    page.select_option("#id_ward", str(llanfair.pk))
    page.fill("#id_summary", "Fly-tipping on Lôn Goch")
    page.fill("#id_description", "Bags dumped by the gate for a week.")
    page.check("#id_on_behalf_of")
    page.fill("#id_resident_name", "Megan Hughes")
    submit(page)
    case = Case.objects.get(submitted_by=cllr_jones)
    assert page.locator("h1").inner_text() == case.reference
    check(page, f"enquiry-{language}")

    # The officer posts an update, a delay notice and the completion from the case page.
    page.context.clear_cookies()
    sign_in_browser(advisor)
    page.goto(f"/{language}/cases/{case.reference}/")
    check(page, f"case-{language}")
    page.click(f"a[href='/{language}/enquiries/{case.reference}/update/']")
    check(page, f"update-{language}")
    page.fill("#id_what", "A crew will clear the bags on Thursday.")
    page.fill("#id_why", "The lane is public highway.")
    submit(page)
    page.goto(f"/{language}/enquiries/{case.reference}/delay/")
    check(page, f"delay-{language}")
    page.fill("#id_reason", "The crew's lorry is off the road.")
    # Three weeks on, on a working day (a delay to a bank holiday is refused).
    new_date = working_calendar().next_working_day(timezone.localdate() + timedelta(days=20))
    page.fill("#id_new_date", new_date.isoformat())
    submit(page)
    # The ordinary resolve page says the councillor will be told.
    page.goto(f"/{language}/cases/{case.reference}/resolve/")
    assert page.locator(".govuk-inset-text").count() == 1
    check(page, f"resolve-{language}")
    page.goto(f"/{language}/enquiries/{case.reference}/complete/")
    check(page, f"complete-{language}")
    page.fill("#id_what", "The bags were cleared and the gate locked.")
    submit(page)
    assert list(EnquiryUpdate.objects.values_list("kind", flat=True)) == [
        "update",
        "delay",
        "completion",
    ]

    # The councillor follows it to its end.
    page.context.clear_cookies()
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/cases/{case.reference}/")  # the staff page sends them to theirs
    page.wait_for_url(f"**/{language}/enquiries/{case.reference}/")
    updates = page.locator(".app-member-updates").inner_text()
    assert words["delay"] in updates and words["done"] in updates
    assert "The crew's lorry is off the road." in updates
    check(page, f"enquiry-completed-{language}")
    assert member_messages().filter(person=cllr_jones, case=case).count() == 3
    page.goto(f"/{language}/my-preferences/")
    check(page, f"preferences-{language}")

    # A clerk raises one for their community council; the ward's councillor is copied in.
    page.context.clear_cookies()
    sign_in_browser(clerk)
    page.goto(f"/{language}/enquiries/new/")
    page.select_option("#id_service", str(service.pk))
    page.fill("#id_summary", "Bus shelter glass broken")
    page.fill("#id_description", "Outside the school.")
    page.check("#id_on_behalf_of-2")
    submit(page)
    clerks_case = Case.objects.get(submitted_by=clerk)
    assert page.locator("h1").inner_text() == clerks_case.reference
    check(page, f"clerk-enquiry-{language}")
    assert clerks_case.member_enquiry.copied.get() == cllr_jones

    # An officer adds planned works in the ward.
    page.context.clear_cookies()
    sign_in_browser(advisor)
    page.goto(f"/{language}/members-calendar/new/")
    check(page, f"event-new-{language}")
    starts = timezone.now() + timedelta(days=3)
    page.check("#id_kind")
    page.fill("#id_title_cy", "Ailwynebu Stryd Fawr")
    page.fill("#id_title_en", "Resurfacing Stryd Fawr")
    page.fill("#id_location", "Stryd Fawr, Llanfair")
    page.fill("#id_starts_at", local_input(starts))
    page.fill("#id_ends_at", local_input(starts + timedelta(hours=8)))
    page.fill("#id_responsible", "Highways – Gareth Lloyd")
    page.fill("#id_effect_cy", "Mae'r ffordd ar gau; bysiau'n dargyfeirio.")
    page.fill("#id_effect_en", "The road is closed; buses divert.")
    page.check("#id_wards")
    submit(page)
    event = WardEvent.objects.get()
    check(page, f"event-{language}")
    told = member_messages().filter(person=cllr_jones, key__startswith=f"ward-event:{event.pk}:")
    assert told.count() == 1

    # The councillor sees it in their calendar, on the ward's page and in their feed.
    page.context.clear_cookies()
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/my-calendar/")
    title = {"cy": "Ailwynebu Stryd Fawr", "en": "Resurfacing Stryd Fawr"}[language]
    assert title in page.locator("main").inner_text()
    check(page, f"calendar-{language}")
    feed = page.request.get(page.locator("#feed-url").input_value())
    assert feed.status == 200
    (entry,) = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert str(entry["UID"]) == f"{event.uid}@cyswllt"
    assert str(entry["LOCATION"]) == "Stryd Fawr, Llanfair"
    page.goto(f"/{language}/wards/llanfair/")
    check(page, f"ward-{language}")
