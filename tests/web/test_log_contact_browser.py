"""Logging a phone call and a letter with its scan in Chromium, in Welsh and English, with
axe-core's WCAG 2.2 AA check of every page, and a contact logged from the keyboard alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.models import Case

from .conftest import axe_violations, screenshot
from .test_browser import tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TEXTS = {
    "en": {
        "continue": "Continue",
        "log": "Log contact",
        "phone": "Phone",
        "letter": "Letter",
        "callback": "Callback arranged",
        "request": "Service request",
        "english": "English",
        "welsh_q": "Would you like to deal with us in Welsh?",
        "banner": "Contact logged",
    },
    "cy": {
        "continue": "Parhau",
        "log": "Cofnodi'r cyswllt",
        "phone": "Ffôn",
        "letter": "Llythyr",
        "callback": "Trefnwyd galwad yn ôl",
        "request": "Cais am wasanaeth",
        "english": "Saesneg",
        "welsh_q": "Hoffech chi ddelio â ni yn Gymraeg?",
        "banner": "Cyswllt wedi'i gofnodi",
    },
}


def no_violations(page):
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_log_a_phone_callback_and_a_letter_with_its_scan(sign_in_browser, advisor, lang, tmp_path):
    words = TEXTS[lang]
    page = sign_in_browser(advisor)
    page.goto(f"/{lang}/my-work/")
    page.locator(f".govuk-service-navigation__link[href='/{lang}/log-contact/']").click()
    page.wait_for_url(f"**/{lang}/log-contact/")
    no_violations(page)
    screenshot(page, f"logging/choose-channel-{lang}")
    page.get_by_role("button", name=words["continue"]).click()
    assert page.locator(".govuk-error-summary").is_visible()
    no_violations(page)
    screenshot(page, f"logging/choose-channel-error-{lang}")

    page.locator("input[name=channel][value=phone]").check()
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url(f"**/{lang}/log-contact/phone/")
    no_violations(page)
    page.locator("input[name=contact_type][value=callback]").check()
    when = timezone.localtime() + timedelta(days=1)
    page.locator("#id_callback_at_day").fill(str(when.day))
    page.locator("#id_callback_at_month").fill(str(when.month))
    page.locator("#id_callback_at_year").fill(str(when.year))
    page.locator("#id_callback_at_time").fill("2:30pm")
    page.locator("#id_callback_number").fill("07700 900123")
    page.locator("input[name=kind][value=service_request]").check()
    page.locator("#id_summary").fill("Bin not collected")
    page.locator("input[name=language][value=cy]").check()
    page.locator("#id_customer_name").fill("Gwen Parry")
    page.locator("#id_customer_phone").fill("07700 900123")
    page.locator("input[name=customer_welsh][value=yes]").check()
    screenshot(page, f"logging/phone-form-{lang}")
    no_violations(page)
    page.get_by_role("button", name=words["log"]).click()
    page.wait_for_url(f"**/{lang}/cases/CYS-*/")
    assert words["banner"] in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page)
    screenshot(page, f"logging/phone-logged-{lang}")
    case = Case.objects.get(channel="phone")
    assert case.customer.preferred_language == "cy" and case.language == "cy"

    # A letter, with its scan; bad input first.
    page.goto(f"/{lang}/log-contact/letter/")
    page.get_by_role("button", name=words["log"]).click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    no_violations(page)
    screenshot(page, f"logging/letter-errors-{lang}")
    scan = tmp_path / "llythyr.pdf"
    scan.write_bytes(PDF)
    page.locator("#id_postal_address").fill("1 Stryd Fawr, Rhuthun")
    page.locator("input[name=kind][value=complaint]").check()
    page.locator("#id_summary").fill("Letter of complaint")
    page.locator("input[name=language][value=en]").check()
    page.locator("#id_attachments").set_input_files(str(scan))
    page.get_by_role("button", name=words["log"]).click()
    # A complaint goes to the complaints officers, whom an advisor is not: back to logging.
    page.wait_for_url(f"**/{lang}/log-contact/")
    letter = Case.objects.get(channel="letter")
    assert letter.reference in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page)
    screenshot(page, f"logging/letter-logged-{lang}")
    assert letter.attachments.get().filename == "llythyr.pdf"


def test_a_contact_logged_from_the_keyboard_alone(sign_in_browser, advisor):
    page = sign_in_browser(advisor)
    page.goto("/en/log-contact/")
    tab_to(page, "input[name=channel]")
    # Arrow keys move through a radio group, as in every browser.
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "email"
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/log-contact/email/")
    tab_to(page, "input[name=contact_type]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "#id_from_address")
    page.keyboard.type("ann@example.com")
    tab_to(page, "#id_to_address")
    page.keyboard.type("waste@example.gov.wales")
    tab_to(page, "input[name=kind]")
    page.keyboard.press("Space")
    tab_to(page, "#id_summary")
    page.keyboard.type("Question about recycling")
    tab_to(page, "input[name=language]")
    # "Not known" is chosen to begin with: the arrow up to English.
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    tab_to(page, "button[name=log]", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/cases/CYS-*/")
    case = Case.objects.get()
    assert (case.channel, case.contact_type, case.kind, case.language) == (
        "email",
        "department",
        "enquiry",
        "en",
    )
