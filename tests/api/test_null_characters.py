"""A null character (NUL, U+0000) anywhere the API reads text is a clear 400, never a 500:
PostgreSQL can neither store nor compare text holding one (issue 16, finding 9; found by
tests/api/test_schemathesis.py)."""

import json

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from accounts.models import Role
from tests.factories import UserFactory, make_case, token_for

from .conftest import CASES_URL, case_url, counts

pytestmark = pytest.mark.django_db

REFUSED = ["Null characters are not allowed."]

NEW_CASE = {"channel": "email", "received_at": "2026-03-02T10:00:00Z", "summary": "Missed bin"}


@pytest.mark.parametrize("field", ["service", "team", "owner", "standard"])
def test_a_name_looked_up_with_a_null_character_is_refused(api, service, field):
    before = counts()

    response = api.post(
        CASES_URL, json.dumps({**NEW_CASE, field: "waste\x00"}), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {field: REFUSED}
    assert counts() == before


def test_a_transfer_to_a_username_with_a_null_character_is_refused(api, service):
    case = make_case(service=service)

    response = api.post(
        case_url(case.reference, "transfer"),
        json.dumps({"to_user": "\x00ü", "note": "For you"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"to_user": REFUSED}
    case.refresh_from_db()
    assert case.owner is None


@pytest.fixture
def integration(db) -> APIClient:
    user = UserFactory.create(role=Role.ADMINISTRATOR, team=None, username="mail-server")
    user.user_permissions.add(Permission.objects.get(codename="deliver_inbound"))
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def test_a_query_parameter_with_a_null_character_is_refused_by_its_name(integration):
    before = counts()

    response = integration.post(
        "/api/v1/inbound/email/?mailbox=waste%00@example.gov.wales",
        b"From: ann@example.com\r\nSubject: Bin\r\n\r\nMissed again.",
        content_type="message/rfc822",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"mailbox": REFUSED}
    assert counts() == before


def test_a_query_parameter_named_with_a_null_character_is_refused(api):
    response = api.get(f"{CASES_URL}?owner%00=advisor")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": REFUSED}


def test_a_parameter_no_view_reads_is_refused_too_in_welsh_when_asked(api_cy):
    response = api_cy.get(f"{CASES_URL}?since=a%00")

    assert response.status_code == 400
    assert response.json() == {"since": ["Ni chaniateir nodau null."]}


def test_pages_are_left_to_their_forms(client):
    """Only the API answers in JSON: a page's query string goes to its view."""
    response = client.get("/en/?q=a%00")

    assert response["Content-Type"].startswith("text/html")
