"""A front-line advisor logs a contact for another service in Chromium, in Welsh and English:
the routing table's suggestion, taken with one button (htmx re-shows only the "Who deals with
it" section, so a file chosen stays chosen), then logged; and the same without JavaScript.
axe-core checks every state against WCAG 2.2 AA."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import Service
from contacts.models import Case
from tests.factories import RequestTypeFactory, ServiceFactory, TeamFactory, UserFactory

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WORDS = {
    "en": {
        "suggest": "Suggest where it goes",
        "use": "Use this",
        "log": "Log contact",
        "summary": "My council tax bill is wrong",
        "type": "Council tax bill",
        "gone": "It has gone to Council tax.",
    },
    "cy": {
        "suggest": "Awgrymu i ble mae'n mynd",
        "use": "Defnyddio hwn",
        "log": "Cofnodi'r cyswllt",
        "summary": "Mae fy nhreth gyngor yn anghywir",
        "type": "Bil treth y cyngor",
        "gone": "Mae wedi mynd at Treth y cyngor.",
    },
}


@pytest.fixture
def routed(db):
    desk = ServiceFactory(code="customer-services", name_en="Customer services")
    contact_centre = TeamFactory(service=desk, code="contact-centre", front_line=True)
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    billing = TeamFactory(service=tax, code="billing", name_en="Billing", name_cy="Biliau")
    RequestTypeFactory(
        service=tax,
        team=billing,
        name_en="Council tax bill",
        name_cy="Bil treth y cyngor",
        words_en="council tax bill wrong",
        words_cy="treth gyngor",
    )
    return UserFactory(team=contact_centre, username="front", first_name="Ffion"), billing


def no_violations(page):
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_the_suggestion_is_taken_and_the_contact_goes_to_the_other_service(
    sign_in_browser, routed, lang, tmp_path
):
    advisor, billing = routed
    words = WORDS[lang]
    page = sign_in_browser(advisor)
    page.goto(f"/{lang}/log-contact/letter/")
    no_violations(page)
    page.locator("#id_postal_address").fill("1 Stryd Fawr, Rhuthun")
    page.locator("input[name=kind][value=enquiry]").check()
    page.locator("#id_summary").fill(words["summary"])
    page.locator("input[name=language][value=cy]").check()
    scan = tmp_path / "bil.pdf"
    scan.write_bytes(PDF)
    page.locator("#id_attachments").set_input_files(str(scan))

    page.get_by_role("button", name=words["suggest"]).click()
    suggestion = page.locator("#suggestions")
    suggestion.wait_for()
    assert words["type"] in suggestion.inner_text()
    no_violations(page)
    screenshot(page, f"routing/log-suggested-{lang}")

    page.get_by_role("button", name=re.compile(f"^{words['use']}.*{words['type']}$")).click()
    expect(page.locator("#id_assign_to")).to_have_value(f"team:{billing.pk}")
    # Only the section was re-shown: the file chosen is still there.
    assert page.locator("#id_attachments").evaluate("input => input.files.length") == 1
    no_violations(page)
    screenshot(page, f"routing/log-suggestion-used-{lang}")

    with page.expect_navigation():
        page.get_by_role("button", name=words["log"]).click()
    banner = page.locator(".govuk-notification-banner")
    banner.wait_for()
    assert words["gone"] in banner.inner_text()
    no_violations(page)
    screenshot(page, f"routing/log-logged-{lang}")
    case = Case.objects.get()
    assert (case.service.code, case.team, case.request_type.name_en) == (
        "tax",
        billing,
        "Council tax bill",
    )
    assert case.attachments.get().filename == "bil.pdf"


def test_without_javascript_the_buttons_re_show_the_whole_page(
    browser, live_server, client, routed
):
    advisor, billing = routed
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
    page.goto("/en/log-contact/text/")
    page.locator("#id_from_number").fill("07700900124")
    page.locator("input[name=kind][value=enquiry]").check()
    page.locator("#id_summary").fill("council tax bill wrong")
    page.locator("input[name=language][value=en]").check()
    tax = Service.objects.get(code="tax")
    page.locator("#id_destination").select_option(f"service:{tax.pk}")
    page.get_by_role("button", name="Show who can deal with it").click()
    page.wait_for_load_state()
    assert page.locator("#id_assign_to").input_value() == f"team:{billing.pk}"
    assert page.locator("#id_summary").input_value() == "council tax bill wrong"
    page.get_by_role("button", name="Log contact").click()
    page.wait_for_load_state()
    assert Case.objects.get().team == billing
    context.close()
