"""API tokens per client (SPEC §12, issue 16 finding 2): scopes, expiry and rotation; stored
hashed, the key shown once; DRF's never-expiring tokens are gone."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.api_tokens.models import ApiToken
from accounts.api_tokens.scopes import Scope
from accounts.api_tokens.services import api_token_issue, api_token_rotate
from tests.factories import token_for

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def api(key: str, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_without_the_scope_gets_403_with_a_translated_message(advisor):
    key = token_for(advisor, scopes=[Scope.PRINT_QUEUE])

    english = api(key).get(CASES)
    welsh = api(key, "cy").get(CASES)

    assert (english.status_code, english.json()) == (
        403,
        {"detail": "This API token's scopes do not include this endpoint."},
    )
    assert (welsh.status_code, welsh.json()) == (
        403,
        {"detail": "Nid yw cwmpas y tocyn API hwn yn cynnwys y pwynt terfyn hwn."},
    )


def test_a_read_scope_does_not_write(advisor):
    key = token_for(advisor, scopes=[Scope.CASES_READ])

    assert api(key).get(CASES).status_code == 200
    assert api(key).post(CASES, {}, format="json").status_code == 403


def test_an_expired_token_gets_401(advisor):
    now = timezone.now()
    token, key = api_token_issue(
        user=advisor, name="old", scopes=list(Scope), expires_at=now + timedelta(days=1), now=now
    )
    ApiToken.objects.filter(pk=token.pk).update(expiry_date=now - timedelta(seconds=1))

    response = api(key).get(CASES)

    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})


def test_rotation_stops_the_old_key_and_the_new_one_works(advisor):
    now = timezone.now()
    token, old_key = api_token_issue(
        user=advisor,
        name="telephony",
        scopes=[Scope.CASES_READ],
        expires_at=now + timedelta(days=30),
        now=now,
    )

    new, new_key = api_token_rotate(token=token, expires_at=now + timedelta(days=30), now=now)

    assert api(old_key).get(CASES).status_code == 401
    assert api(new_key).get(CASES).status_code == 200
    assert (new.name, new.user, new.scopes) == ("telephony", advisor, ["cases:read"])
    token.refresh_from_db()
    assert (token.revoked, token.replaced_by) == (True, new)


def test_the_key_is_stored_hashed(advisor):
    key = token_for(advisor)

    token = ApiToken.objects.get()
    assert key.startswith(token.prefix + ".")
    assert key not in token.hashed_key
    assert token.hashed_key.startswith("sha512$$")


def test_a_drf_style_key_no_longer_opens_the_api(advisor):
    # rest_framework.authtoken's keys were 40 hex digits with no prefix: one still held by an
    # old client is just an unknown key.
    token_for(advisor)
    legacy = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"

    response = api(legacy).get(CASES)

    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})


def test_drf_authtoken_is_not_installed():
    # Nothing uses its never-expiring tokens any more (ADR 0025): the app and its admin are gone.
    assert not apps.is_installed("rest_framework.authtoken")


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, "The expiry must be in the future."), (366, "A token may last at most 365 days.")],
)
def test_a_token_must_expire_and_not_too_late(advisor, days, message):
    now = timezone.now()
    with pytest.raises(Exception) as refused:
        api_token_issue(
            user=advisor, name="x", scopes=[], expires_at=now + timedelta(days=days), now=now
        )
    assert refused.value.messages == [message]
    assert not ApiToken.objects.exists()


def test_the_admin_refuses_a_token_without_an_expiry_and_shows_a_new_key_once(
    client, administrator, advisor
):
    client.force_login(administrator)
    url = "/en/admin/accounts/apitoken/add/"
    base = {"name": "Telephony", "user": advisor.pk, "scopes": ["cases:read"]}

    refused = client.post(url, {**base, "expiry_date_0": "", "expiry_date_1": ""})
    assert refused.status_code == 200
    assert "This field is required." in refused.text
    assert not ApiToken.objects.exists()

    expires = timezone.localtime() + timedelta(days=30)
    made = client.post(
        url,
        {**base, "expiry_date_0": f"{expires:%Y-%m-%d}", "expiry_date_1": "12:00:00"},
        follow=True,
    )
    token = ApiToken.objects.get()
    shown = [str(m) for m in made.context["messages"]]
    key = shown[0].split(" is ")[1].split(". Copy")[0]
    assert ApiToken.objects.get_from_key(key) == token
    assert key not in client.get(f"/en/admin/accounts/apitoken/{token.pk}/change/").text
