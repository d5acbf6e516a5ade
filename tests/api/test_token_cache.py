"""API tokens are read from the shared cache (docs/adr/0037): the second request reads no token
row, the key is still checked against its hash, and revoking, rotating or deactivating the
user stops the token at once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.api_tokens import lookup
from accounts.api_tokens.models import ApiToken
from accounts.api_tokens.services import api_token_rotate
from tests.factories import token_for

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def get(key: str):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(CASES)


def token_reads(key: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = get(key).status_code
    return status, sum("accounts_apitoken" in q["sql"] for q in queries.captured_queries)


def test_the_second_request_reads_no_token_row(advisor):
    key = token_for(advisor)
    assert token_reads(key) == (200, 1)
    assert token_reads(key) == (200, 0)


def test_a_wrong_secret_with_a_known_prefix_is_refused_even_when_cached(advisor):
    key = token_for(advisor)
    assert get(key).status_code == 200
    prefix, _, secret = key.partition(".")
    forged = f"{prefix}.{'x' * len(secret)}"
    response = get(forged)
    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})


def test_a_rotated_token_stops_at_once(advisor):
    key = token_for(advisor)
    assert get(key).status_code == 200
    token = ApiToken.objects.get(prefix=key.partition(".")[0])

    _new, new_key = api_token_rotate(
        token=token, expires_at=timezone.now() + timedelta(days=30), now=timezone.now()
    )

    assert get(key).status_code == 401
    assert get(new_key).status_code == 200


def test_a_revoked_token_stops_at_once(advisor):
    key = token_for(advisor)
    assert get(key).status_code == 200
    token = ApiToken.objects.get(prefix=key.partition(".")[0])
    token.revoked = True
    token.save()
    assert get(key).status_code == 401


def test_a_deactivated_user_stops_at_once(advisor):
    key = token_for(advisor)
    assert get(key).status_code == 200
    advisor.is_active = False
    advisor.save()
    response = get(key)
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "User inactive or deleted."},
    )


def test_a_cached_token_past_its_expiry_is_refused(advisor, monkeypatch):
    key = token_for(advisor)
    assert get(key).status_code == 200
    expiry = ApiToken.objects.get(prefix=key.partition(".")[0]).expiry_date
    monkeypatch.setattr(lookup.timezone, "now", lambda: expiry + timedelta(seconds=1))
    assert token_reads(key) == (401, 0)


def test_an_unknown_key_is_refused(advisor):
    assert get("nosuchprefix.secret").status_code == 401
    assert get(".secret").status_code == 401
