"""Working a case in a real Chromium, in Welsh and in English: take it, transfer it, reply,
arrange a callback, extend a deadline and resolve it, with axe-core's WCAG 2.2 AA check of the
case page and every action page (and their error states); reply and resolve from the keyboard
alone. Screenshots land in /tmp/ui/casepage/ (CYSWLLT_SCREENSHOTS) for a person to look at."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.models import Case, CaseEvent, Milestone
from messaging.models import OutboundMessage

from .conftest import axe_violations, build_world, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_YELLOW = "rgb(255, 221, 0)"


@pytest.fixture
def browser_world(service, team, advisor):
    return build_world(service=service, team=team, advisor=advisor)


def check(page, name: str) -> None:
    """No WCAG 2.2 AA violation on the page as it stands, and a screenshot of it."""
    assert axe_violations(page) == [], name
    screenshot(page, f"casepage/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_working_a_case_from_taking_it_to_resolving_it(sign_in_browser, browser_world, language):
    world = browser_world
    case = world.team_letter
    page = sign_in_browser(world.advisor)
    base = f"/{language}/cases/{case.reference}/"
    words = {
        "cy": {"success": "Llwyddiant", "error": "Mae problem"},
        "en": {"success": "Success", "error": "There is a problem"},
    }[language]

    page.goto(base)
    assert page.locator("h1").inner_text() == case.reference
    check(page, f"case-{language}")

    # Take ownership: its own page, and the button on the case page.
    page.goto(base + "take/")
    check(page, f"take-{language}")
    page.goto(base)
    page.locator(f"form[action='{base}take/'] button").click()
    page.wait_for_url(f"**{base}")
    assert words["success"] in page.locator(".govuk-notification-banner").inner_text()
    assert Case.objects.get(pk=case.pk).owner_id == world.advisor.pk

    # Transfer: the note is required.
    page.goto(base + "transfer/")
    check(page, f"transfer-{language}")
    page.select_option("#id_to", f"user:{world.colleague.pk}")
    submit(page)
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"transfer-error-{language}")
    page.fill("#id_note", "Elin wants to meet the officer.")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert Case.objects.get(pk=case.pk).owner_id == world.colleague.pk

    # Reply: how it goes is on the page.
    page.goto(base + "reply/")
    assert "1 Stryd Fawr, Rhuthun" in page.locator("#message-way").inner_text()
    check(page, f"reply-{language}")
    page.fill("#id_text", "We have received your letter.")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert OutboundMessage.objects.filter(case=case, purpose="reply", method="letter").exists()

    # Arrange a callback.
    page.goto(base + "callback/")
    check(page, f"callback-{language}")
    page.fill("#id_at", "2020-01-01T10:00")
    submit(page)
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"callback-error-{language}")
    page.fill("#id_at", local_input(timezone.now() + timedelta(days=1)))
    submit(page)
    page.wait_for_url(f"**{base}")
    assert CaseEvent.objects.filter(case=case, kind="callback_arranged").count() == 1

    # Extend the deadline to respond.
    contact = Milestone.objects.get(case=case, kind="respond")
    page.goto(base + "extend/")
    check(page, f"extend-{language}")
    page.check("#id_milestone")
    # A Saturday two weeks or more on: refused until the officer says they mean it (SPEC §10).
    later = timezone.localtime(contact.due_at + timedelta(days=14)).replace(hour=10, minute=0)
    saturday = later + timedelta(days=(5 - later.weekday()) % 7)
    page.fill("#id_due_at", local_input(saturday))
    page.fill("#id_reason", "Waiting for the site survey.")
    submit(page)
    refusal = {"cy": "yn ddiwrnod gwaith", "en": "is not a working day"}[language]
    assert refusal in page.locator(".govuk-error-summary").inner_text()
    assert Milestone.objects.get(pk=contact.pk).extension_reason == ""
    check(page, f"extend-not-a-working-day-{language}")
    page.check("#id_out_of_hours_confirmed")
    submit(page)
    page.wait_for_url(f"**{base}")
    extended = Milestone.objects.get(pk=contact.pk)
    assert extended.extension_reason == "Waiting for the site survey."
    assert timezone.localtime(extended.due_at).weekday() == 5

    # Resolve.
    page.goto(base + "resolve/")
    check(page, f"resolve-{language}")
    page.fill("#id_outcome", "Met on site; repair booked.")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert Case.objects.get(pk=case.pk).status == "resolved"
    timeline = page.locator(".moj-timeline").inner_text()
    assert "Met on site; repair booked." in timeline
    assert "Elin wants to meet the officer." in timeline
    check(page, f"case-resolved-{language}")

    page.goto(base + "reopen/")
    check(page, f"reopen-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_replying_and_resolving_with_the_keyboard_alone(sign_in_browser, browser_world, language):
    world = browser_world
    case = world.mine_breached
    page = sign_in_browser(world.advisor)
    base = f"/{language}/cases/{case.reference}/"
    page.goto(base)

    tab_to(page, f"a[href='{base}reply/']")
    assert page.evaluate("() => getComputedStyle(document.activeElement).backgroundColor") == (
        FOCUS_YELLOW
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{base}reply/")
    tab_to(page, "#id_text")
    page.keyboard.type("Byddwn yn casglu'r bin ddydd Iau.")
    tab_to(page, "#id_responds")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{base}")
    (reply,) = OutboundMessage.objects.filter(case=case, purpose="reply")
    assert reply.language == "cy"
    assert Milestone.objects.get(case=case, kind="respond").state == "met"

    tab_to(page, f"a[href='{base}resolve/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{base}resolve/")
    # An empty outcome: the error summary takes the focus, and its link leads to the field.
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('govuk-error-summary')")
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_outcome"
    page.keyboard.type("Bin collected.")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{base}")
    assert Case.objects.get(pk=case.pk).status == "resolved"
