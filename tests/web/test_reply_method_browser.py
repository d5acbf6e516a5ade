"""Issue 15, item 5 in a real Chromium, in Welsh and in English: a case whose customer nothing
reaches says so once, with what to do; the advisor adds an e-mail address and a preference from
the case page (a bad address first: refused in the page's language, nothing changed), is back on
the case with the change on its timeline, and the reply goes by e-mail. axe-core's WCAG 2.2 AA
check of each state; screenshots under CYSWLLT_SCREENSHOTS (reply-method/*)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import Customer, CustomerEvent
from messaging.models import OutboundMessage
from tests.contacts.customers.world import front_line_team
from tests.factories import UserFactory, make_case

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "add": "ychwanegu eu cyfeiriad e-bost, eu rhif ffôn symudol neu eu cyfeiriad post",
        "save": "Cadw'r newidiadau",
        "email_error": "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
        "updated": "Diweddarwyd cofnod y cwsmer.",
        "email": "E-bost",
        "changed": "Newidiwyd manylion y cwsmer",
        "reply": "Ateb y cwsmer",
    },
    "en": {
        "add": "add their e-mail address, mobile number or postal address",
        "save": "Save changes",
        "email_error": "Enter an email address in the correct format, like name@example.com",
        "updated": "Customer record updated.",
        "email": "E-mail",
        "changed": "Customer's details changed",
        "reply": "Reply to the customer",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"reply-method/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


@pytest.fixture
def contact_centre_call(db):
    """The contact centre's own answered call: its front-line advisor works the case and may
    correct the customer's record. The caller gave only a landline number."""
    team = front_line_team()
    advisor = UserFactory(role=Role.ADVISOR, team=team, username="front-line", first_name="Siân")
    case = make_case(
        service=team.service,
        channel="phone",
        details={"contact_type": "answered", "caller_number": "01824 706000"},
        customer=Customer(name="Ann Jones", phone="01824 706000"),
        received_at=timezone.now() - timedelta(hours=1),
        owner=advisor,
        team=team,
    )
    return advisor, case


@pytest.mark.parametrize("language", ["cy", "en"])
def test_adding_a_way_to_reach_the_customer_from_the_case_page(
    sign_in_browser, contact_centre_call, language
):
    advisor, case = contact_centre_call
    customer = case.customer
    words = WORDS[language]
    page = sign_in_browser(advisor)
    base = f"/{language}/cases/{case.reference}/"

    # Said once, with what to do; nothing offers to send a message.
    page.goto(base)
    assert page.locator("#unreachable").count() == 1
    assert page.get_by_role("link", name=words["reply"]).count() == 0
    check(page, f"unreachable-{language}")

    page.locator("#unreachable").get_by_role("link", name=words["add"]).click()
    page.wait_for_url(f"**{base}customer/")
    check(page, f"edit-{language}")

    # A bad address: refused in the page's language, nothing changed.
    page.fill("#id_email", "ann@")
    submit(page)
    assert words["email_error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"edit-error-{language}")
    customer.refresh_from_db()
    assert customer.email == "" and not CustomerEvent.objects.exists()

    # A good one, and the customer's preference.
    page.fill("#id_email", "ann@example.com")
    page.check("input[name=preferred_contact_method][value=email]")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert words["updated"] in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("#unreachable").count() == 0
    assert page.locator("#customer-message-way").inner_text() == words["email"]
    assert words["changed"] in page.locator("main").inner_text()
    check(page, f"reachable-{language}")
    customer.refresh_from_db()
    assert (customer.email, customer.preferred_contact_method) == ("ann@example.com", "email")

    # The reply goes by e-mail.
    page.get_by_role("link", name=words["reply"]).click()
    page.wait_for_url(f"**{base}reply/")
    assert "ann@example.com" in page.locator("#message-way").inner_text()
    check(page, f"reply-{language}")
    page.fill("#id_text", "Your bin will be emptied on Thursday.")
    submit(page)
    page.wait_for_url(f"**{base}")
    message = OutboundMessage.objects.get(case=case, purpose="reply")
    assert (message.method, message.recipient) == ("email", "ann@example.com")
