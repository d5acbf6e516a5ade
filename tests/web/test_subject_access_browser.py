"""The subject access request page in a real browser, in both languages: accessible (axe),
no English left on the Welsh page, no Content-Security-Policy violation (the page fixture
fails on one), the export produced from the keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from dataprotection.models import SubjectAccessExport
from tests.factories import CustomerFactory, UserFactory, make_case

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_officer_finds_and_exports_from_the_keyboard(
    sign_in_browser, advisor, service, language
):
    received = timezone.now() - timedelta(days=2)
    gwen = CustomerFactory(name="Gwen Morgan", email="gwen@example.com", phone="01267 234567")
    again = CustomerFactory(name="G Morgan", email="", phone="01267-234567")
    make_case(
        service=service,
        customer=again,
        summary="Bins",
        description="Neighbour: dai@example.org",
        received_at=received,
    )
    request = make_case(
        service=service,
        kind="subject_access",
        customer=gwen,
        summary="Copy of my data",
        received_at=received,
        owner=advisor,
    )
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/cases/{request.reference}/subject-access/")
    page.locator("#id_records_1").check()
    with page.expect_navigation():
        page.locator("#id_records_1").press("Enter")
    assert page.locator(".govuk-table tbody tr").count() == 2  # both cases
    page.locator("form[action$='/export/'] button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    screenshot(page, f"subject-access-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []
    export = SubjectAccessExport.objects.get()
    assert sorted(export.customer_ids) == sorted([gwen.pk, again.pk])
    assert page.get_by_text("dai@example.org").is_visible()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_officer_list_of_requests(sign_in_browser, service, language):
    dpo = UserFactory(role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo")
    make_case(
        service=service,
        kind="subject_access",
        customer=CustomerFactory(name="Gwen Morgan"),
        received_at=timezone.now() - timedelta(days=2),
    )
    page = sign_in_browser(dpo)
    page.goto(f"/{language}/data-protection/subject-access/")

    assert page.locator("#open-requests tbody tr").count() == 1
    screenshot(page, f"subject-access-requests-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []
