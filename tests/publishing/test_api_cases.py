"""A web change made through the API is a publication request like any other (the hook gives
it one), and emergency information is refused there: its Welsh clock is the one action's."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from contacts import hooks
from contacts.models import Case
from publishing.hooks import on_case_created
from publishing.models import PublicationRequest
from publishing.services import page_publish
from tests.api.conftest import CASES_URL
from tests.factories import token_for

pytestmark = pytest.mark.django_db

EMAIL = {
    "contact_type": "department",
    "from_address": "resident@example.com",
    "to_address": "web@example.gov.wales",
}


def payload(kind: str) -> dict:
    return {
        "channel": "email",
        "kind": kind,
        "received_at": "2026-03-02T10:00:00Z",
        "summary": "Update the bin days page",
        "description": "Tuesday, not Monday.",
        "channel_details": EMAIL,
    }


@pytest.fixture
def api(web_officer):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(web_officer)}")
    return client


def test_publishing_is_told_of_every_new_case():
    assert on_case_created in hooks.case_created.registered()


def test_a_web_change_through_the_api_can_be_published(api, web_officer, web_team):
    answer = api.post(CASES_URL, {**payload("web_content_change"), "team": "web"}, format="json")

    assert answer.status_code == 201, answer.json()
    case = Case.objects.get()
    request = PublicationRequest.objects.get(case=case)
    assert (request.page, request.change, request.emergency) == (
        "Update the bin days page",
        "Tuesday, not Monday.",
        False,
    )
    page_publish(
        case=case, language="en", url="https://www.example.gov.wales/biniau", actor=web_officer
    )
    page_publish(
        case=case, language="cy", url="https://www.example.gov.wales/cy/biniau", actor=web_officer
    )
    case.refresh_from_db()
    assert case.status == "resolved"


def test_emergency_information_is_refused_through_the_api(api, web_team):
    answer = api.post(CASES_URL, payload("emergency_information"), format="json")

    assert answer.status_code == 400
    assert "Emergency information is raised on the web publishing pages." in str(answer.json())
    assert not Case.objects.exists()
    with translation.override("cy"):
        assert (
            translation.gettext("Emergency information is raised on the web publishing pages.")
            != "Emergency information is raised on the web publishing pages."
        )
