"""The residents' front door in Chromium, in Welsh and English: every page of a complaint's
journey and the status look-up checked by axe-core against WCAG 2.2 AA, and a form completed
from the keyboard alone."""

import pytest
from django.core.cache import cache

from contacts.models import Case
from tests.factories import RequestTypeFactory
from tests.throttles import throttle_keys

from .conftest import axe_violations, screenshot
from .test_browser import tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")

TEXTS = {
    "en": {
        "continue": "Continue",
        "send": "Send",
        "start": "Start in English",
        "complaint": "Make a complaint",
        "no": "No",
        "done": "Message sent",
        "large": "Large print",
        "problem": "There is a problem",
        "add_files": "Add these files",
    },
    "cy": {
        "continue": "Parhau",
        "send": "Anfon",
        "start": "Dechrau yn Gymraeg",
        "complaint": "Gwneud cwyn",
        "no": "Na hoffwn",
        "done": "Neges wedi'i hanfon",
        "large": "Print bras",
        "problem": "Mae problem",
        "add_files": "Ychwanegu'r ffeiliau hyn",
    },
}


@pytest.fixture(autouse=True)
def clear_throttles():
    keys = throttle_keys(emails=("elin@example.com",))
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


def checked(page, name):
    assert axe_violations(page) == [], name
    screenshot(page, f"public/{name}")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_complaint_then_its_status(page, service, lang):
    words = TEXTS[lang]
    page.goto(f"/{lang}/contact-us/")
    checked(page, f"01-start-{lang}")
    page.get_by_role("button", name=words["start"]).click()
    page.wait_for_url(f"**/{lang}/contact-us/type/")
    page.get_by_role("button", name=words["continue"]).click()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, f"02-type-error-{lang}")
    page.get_by_label(words["complaint"]).check()
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/service/")
    checked(page, f"03-service-{lang}")
    page.get_by_label(service.name_cy if lang == "cy" else service.name_en).check()
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/details/")
    checked(page, f"04-details-{lang}")
    page.locator("#id_details").fill("Nobody collected the recycling for three weeks.")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/files/")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "recycling.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name=words["add_files"]).click()
    page.wait_for_url("**/files/")
    assert "recycling.png" in page.locator(".govuk-summary-list").inner_text()
    checked(page, f"04b-files-{lang}")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/about-you/")
    page.locator("#id_email").fill("not an address")
    page.get_by_role("button", name=words["continue"]).click()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, f"05-about-you-error-{lang}")
    page.locator("#id_name").fill("Elin Morgan")
    page.locator("#id_email").fill("elin@example.com")
    page.locator("#id_postcode").fill("LL15 1YN")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/welsh/")
    checked(page, f"06-welsh-{lang}")
    page.get_by_label(words["no"], exact=True).check()
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/accessibility/")
    page.get_by_label(words["large"]).check()
    page.locator("#id_needs-3").check()  # an interpreter: reveals the language question
    assert page.locator("#id_interpreter_language").is_visible()
    checked(page, f"07-accessibility-{lang}")
    page.locator("#id_interpreter_language").fill("Polish")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/check/")
    checked(page, f"08-check-{lang}")
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_url("**/done/")
    assert words["done"] in page.locator("h1").inner_text().replace("’", "'")
    checked(page, f"09-done-{lang}")
    case = Case.objects.get()
    assert case.kind == "complaint"
    assert case.reference in page.locator(".govuk-panel").inner_text()

    page.goto(f"/{lang}/track/")
    checked(page, f"10-track-{lang}")
    page.locator("#id_reference").fill(case.reference)
    page.locator("#id_proof").fill("someone-else@example.com")
    page.get_by_role("button", name=words["continue"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    checked(page, f"11-track-wrong-{lang}")
    page.locator("#id_reference").fill(case.reference)
    page.locator("#id_proof").fill("ll15 1yn")  # a postcode proves nothing
    page.get_by_role("button", name=words["continue"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    page.locator("#id_reference").fill(case.reference)
    page.locator("#id_proof").fill("Elin@Example.com")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url("**/track/status/")
    assert "Elin" not in page.locator("main").inner_text()
    checked(page, f"12-track-status-{lang}")


def test_a_form_completed_from_the_keyboard_alone(page, service):
    page.goto("/en/contact-us/")
    tab_to(page, "a.govuk-button--start[href='/en/contact-us/type/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/type/")
    tab_to(page, "#id_form_type")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form from the radio
    page.wait_for_url("**/service/")
    tab_to(page, "#id_service")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/details/")
    tab_to(page, "#id_details")
    page.keyboard.type("A question about bulky waste collections.")
    # The honeypot is never reached: Tab goes from the message straight to the button.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('button.govuk-button')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/files/")
    tab_to(page, "button[value='continue']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/about-you/")
    tab_to(page, "#id_name")
    page.keyboard.type("Rhys Evans")
    page.keyboard.press("Tab")
    page.keyboard.type("rhys@example.com")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/welsh/")
    tab_to(page, "#id_welsh")
    page.keyboard.press("Space")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accessibility/")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/done/")
    case = Case.objects.select_related("customer").get()
    assert (case.kind, case.customer.name, case.customer.preferred_language) == (
        "enquiry",
        "Rhys Evans",
        "cy",
    )


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_the_topics_of_the_routing_table(page, service, team, lang):
    """A topic picks its service: the resident is not asked for it (docs/adr/0020)."""
    bin_ = RequestTypeFactory(
        service=service, team=team, name_en="Missed bin", name_cy="Bin heb ei gasglu", public=True
    )
    words = TEXTS[lang]
    page.goto(f"/{lang}/contact-us/type/")
    page.locator("input[name=form_type][value=service-request]").check()
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url(f"**/{lang}/contact-us/topic/")
    page.get_by_role("button", name=words["continue"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    checked(page, f"topic-error-{lang}")
    page.locator(f"input[name=topic][value='{bin_.pk}']").check()
    checked(page, f"topic-{lang}")
    page.get_by_role("button", name=words["continue"]).click()
    page.wait_for_url(f"**/{lang}/contact-us/details/")
