"""The quicker log-contact form in Chromium (issue 15, item 9): the commonest phone call in
under 15 tab stops (38 on the form before), each kind of call or visit showing only its own
fields, an error per field, finding a customer as a search, with and without JavaScript;
axe-core checks every state in Welsh and English."""

from typing import Any

import pytest
from django.conf import settings

from contacts.models import Case
from tests.factories import CustomerFactory

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: The issue's aim: the commonest phone call logged in under 15 tab stops.
TAB_STOPS_AIM = 15


def _focused(page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), name: e.name || '', id: e.id || '',
                    type: e.type || '', text: (e.innerText || '').trim().slice(0, 40)};
        }"""
    )


def log_the_commonest_call_by_keyboard(page) -> list[str]:
    """Tab from the first field to "Log contact" as an advisor taking an answered call does:
    answered, an enquiry, a summary, the customer's name and number, left with oneself.
    Returns what each Tab press reached."""
    page.locator("input[name=contact_type]").first.focus()
    page.keyboard.press("Space")  # the first kind of call: answered
    reached: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = _focused(page)
        reached.append(focused["name"] or focused["id"] or focused["text"] or focused["tag"])
        if focused["name"] == "log":
            return reached
        if focused["id"] == "id_summary":
            page.keyboard.type("Asked when the recycling is collected")
        elif focused["id"] == "id_customer_name":
            page.keyboard.type("Gwen Parry")
        elif focused["id"] == "id_customer_phone":
            page.keyboard.type("07700 900123")
    raise AssertionError(f"'Log contact' not reached: {reached}")


def test_the_commonest_phone_call_takes_under_15_tab_stops(sign_in_browser, advisor):
    page = sign_in_browser(advisor)
    page.goto("/en/log-contact/phone/")
    reached = log_the_commonest_call_by_keyboard(page)
    assert len(reached) < TAB_STOPS_AIM, ", ".join(reached)
    screenshot(page, "logging/quick-phone-by-keyboard-en")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/cases/CYS-*/")
    case = Case.objects.get()
    assert (case.channel, case.contact_type, case.kind) == ("phone", "answered", "enquiry")
    assert (case.service, case.owner) == (advisor.team.service, advisor)
    assert (case.customer.name, case.customer.phone) == ("Gwen Parry", "07700900123")


WORDS = {
    "en": {"find": "Find existing customers", "log": "Log contact", "found": "1 customer found"},
    "cy": {
        "find": "Chwilio am gwsmeriaid presennol",
        "log": "Cofnodi'r cyswllt",
        "found": "Daethpwyd o hyd i 1 cwsmer",
    },
}
#: What each kind of call or visit reveals, and what it keeps hidden.
REVEALED = {
    "phone": {
        "answered": [],
        "voicemail": ["#id_voicemail_number"],
        "callback": ["#id_callback_at_day", "#id_callback_at_time", "#id_callback_number"],
    },
    "visit": {
        "reception": ["#id_expected_wait_minutes"],
        "appointment": ["#id_appointment_at_day"],
        "officer_visit": ["#id_officer_visit_at_day"],
        "unannounced": [],
    },
}


def no_violations(page):
    assert axe_violations(page) == []


def visible(page, selectors):
    return [selector for selector in selectors if page.locator(selector).is_visible()]


@pytest.mark.parametrize("lang", ["cy", "en"])
@pytest.mark.parametrize("channel", ["phone", "visit"])
def test_each_kind_shows_only_its_own_fields(sign_in_browser, advisor, channel, lang):
    page = sign_in_browser(advisor)
    page.goto(f"/{lang}/log-contact/{channel}/")
    every = [selector for shown in REVEALED[channel].values() for selector in shown]
    assert visible(page, every) == []
    no_violations(page)
    for kind, shown in REVEALED[channel].items():
        page.locator(f"input[name=contact_type][value={kind}]").check()
        assert visible(page, every) == shown, kind
        if shown:
            no_violations(page)
            screenshot(page, f"logging/quick-{channel}-{kind}-{lang}")
    if channel == "phone":
        assert not page.locator("#id_handled_in_welsh").is_visible()
        page.locator("input[name=language][value=cy]").check()
        assert page.locator("#id_handled_in_welsh").is_visible()
        no_violations(page)


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_each_missing_address_is_named_in_the_error_summary(sign_in_browser, advisor, lang):
    page = sign_in_browser(advisor)
    page.goto(f"/{lang}/log-contact/email/")
    page.locator("input[name=contact_type][value=department]").check()
    page.get_by_role("button", name=WORDS[lang]["log"]).click()
    links = page.locator(".govuk-error-summary__list a")
    links.first.wait_for()
    messages = links.all_inner_texts()
    assert len(messages) == len(set(messages)) >= 3  # both addresses and the summary
    assert page.locator("#id_from_address-error").inner_text() != (
        page.locator("#id_to_address-error").inner_text()
    )
    no_violations(page)
    screenshot(page, f"logging/quick-email-errors-{lang}")


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_finding_a_customer_by_postcode_shows_results_not_errors(sign_in_browser, advisor, lang):
    ann = CustomerFactory(name="Ann Jones", postcode="LL15 1AA", phone="07700900123")
    page = sign_in_browser(advisor)
    page.goto(f"/{lang}/log-contact/phone/")
    page.locator("input[name=contact_type][value=answered]").check()
    page.locator("#id_summary").fill("Asked about her bin")
    page.locator("#log-customer details summary").click()
    page.locator("#id_customer_postcode").fill("ll15 1aa")
    page.get_by_role("button", name=WORDS[lang]["find"]).click()
    heading = page.locator("#customer-results")
    heading.wait_for()
    assert heading.inner_text() == WORDS[lang]["found"]
    # htmx re-showed the customer section only, and its results heading has the focus.
    assert page.evaluate("() => document.activeElement.id") == "customer-results"
    assert page.locator(".govuk-error-summary, .govuk-error-message").count() == 0
    assert page.locator("#id_summary").input_value() == "Asked about her bin"
    no_violations(page)
    screenshot(page, f"logging/quick-find-results-{lang}")
    page.locator(f"input[name=customer][value='{ann.pk}']").check()
    page.get_by_role("button", name=WORDS[lang]["log"]).click()
    page.wait_for_url(f"**/{lang}/cases/CYS-*/")
    assert Case.objects.get().customer == ann


def test_without_javascript_every_kind_shows_and_the_others_are_ignored(
    browser, live_server, client, advisor
):
    """No JavaScript: every revealed question is in view (GOV.UK's reveal hides them only with
    it), a search reloads the page with its results heading focused, and a call logged with
    the other kinds' boxes filled records only its own."""
    ann = CustomerFactory(name="Ann Jones", postcode="LL15 1AA")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    client.force_login(advisor)
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
    page.goto("/en/log-contact/phone/")
    every = [selector for shown in REVEALED["phone"].values() for selector in shown]
    assert visible(page, every) == every
    page.locator("#log-customer details summary").click()
    page.locator("#id_customer_postcode").fill("LL15 1AA")
    page.get_by_role("button", name="Find existing customers").click()
    page.wait_for_load_state()
    assert page.locator("#customer-results").inner_text() == "1 customer found"
    assert page.evaluate("() => document.activeElement.id") == "customer-results"
    screenshot(page, "logging/quick-find-results-no-js-en")

    page.locator("input[name=contact_type][value=answered]").check()
    page.locator("#id_callback_at_day").fill("31")
    page.locator("#id_voicemail_number").fill("not a number")
    page.locator("#id_summary").fill("Asked about her bin")
    page.locator(f"input[name=customer][value='{ann.pk}']").check()
    page.get_by_role("button", name="Log contact").click()
    page.wait_for_url("**/en/cases/CYS-*/")
    case = Case.objects.get()
    assert case.channel_details == {"contact_type": "answered", "handled_in_welsh": False}
    assert case.customer == ann
    context.close()
