"""The data protection pages in a real browser, in both languages: accessible (axe, WCAG 2.2
AA), no English left on the Welsh pages, an erasure refused and then made from the keyboard."""

import pytest

from accounts.models import Role
from contacts.models import Customer
from dataprotection.models import LegalHold
from dataprotection.services.retention import retention_apply
from tests.factories import CustomerFactory, UserFactory, make_case

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def check(page, name: str, language: str) -> None:
    screenshot(page, f"{name}-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_officer_erases_a_customer_and_sees_it_recorded(sign_in_browser, service, language):
    dpo = UserFactory(role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo")
    customer = CustomerFactory(name="Ann Jones")
    make_case(service=service, customer=customer)
    retention_apply()
    page = sign_in_browser(dpo)

    page.goto(f"/{language}/data-protection/customers/{customer.pk}/erase/")
    check(page, "erase", language)
    page.locator("button.govuk-button--warning").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    check(page, "erase-refused", language)

    page.locator("#id_reason").fill("Article 17")
    with page.expect_navigation():
        page.locator("button.govuk-button--warning").press("Enter")
    assert page.url.endswith(f"/{language}/data-protection/")
    assert page.locator("#erasures tbody tr").count() == 1
    assert page.locator("#runs tbody tr").count() == 1
    check(page, "data-protection", language)
    assert not Customer.objects.filter(pk=customer.pk).exists()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_officer_places_and_releases_a_legal_hold(sign_in_browser, service, language):
    dpo = UserFactory(role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo")
    case = make_case(service=service)
    page = sign_in_browser(dpo)

    page.goto(f"/{language}/data-protection/legal-holds/add/")
    check(page, "hold-add", language)
    page.locator("#id_reason").fill("Tribunal")
    with page.expect_navigation():
        page.locator("#place-hold").click()
    assert page.locator(".govuk-error-summary").count() == 1
    check(page, "hold-add-refused", language)

    page.locator("#id_reference").fill(case.reference)
    with page.expect_navigation():
        page.locator("#place-hold").click()
    assert page.url.endswith(f"/{language}/data-protection/")
    assert page.locator("#holds tbody tr").count() == 1
    check(page, "hold-placed", language)

    with page.expect_navigation():
        page.locator("#holds button").click()
    assert page.locator("#holds button").count() == 0
    assert LegalHold.objects.get().released_by == dpo
