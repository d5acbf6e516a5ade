"""Sign-in lockout (SPEC §12, issue 16 finding 1): wrong passwords for one account from one
address lock that pair out, on the staff form and the API's token endpoint alike; the right
password is refused while locked; the cool-off ends it; others are unaffected."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from rest_framework.test import APIClient

from accounts.api_tokens.models import ApiToken
from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-Word-123"
TOKEN_URL = "/api/v1/auth/token/"
LOCKED_EN = "There have been too many attempts to sign in. Wait 15 minutes and try again."
LOCKED_CY = "Bu gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhowch gynnig arall arni."


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.ADVISOR, username="officer")


def form_attempt(client, password, username="officer", address="203.0.113.7", language="en"):
    return client.post(
        f"/{language}/sign-in/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def api_attempt(client, password, username="officer", address="203.0.113.7"):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def test_wrong_passwords_on_the_form_lock_the_account_and_the_right_one_is_refused(client, officer):
    for _ in range(4):
        assert form_attempt(client, "wrong").status_code == 200
    assert form_attempt(client, "wrong").status_code == 429  # the fifth (AXES_FAILURE_LIMIT)

    response = form_attempt(client, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_EN in response.text
    assert response["Retry-After"] == "900"
    assert SESSION_KEY not in client.session


def test_the_lockout_page_is_in_welsh_on_the_welsh_page(client, officer):
    for _ in range(5):
        form_attempt(client, "wrong", language="cy")

    response = form_attempt(client, PASSWORD, language="cy")

    assert response.status_code == 429
    assert LOCKED_CY in response.text


def test_wrong_passwords_on_the_token_endpoint_lock_it_with_a_429(officer):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cy")
    for _ in range(4):
        assert api_attempt(client, "wrong").status_code == 400
    assert api_attempt(client, "wrong").status_code == 429

    response = api_attempt(client, PASSWORD)

    assert (response.status_code, response.json()) == (429, {"detail": LOCKED_CY})
    assert not ApiToken.objects.exists()


def test_failures_on_the_form_and_the_api_count_together(client, officer):
    for _ in range(3):
        form_attempt(client, "wrong")
    for _ in range(2):
        api_attempt(APIClient(), "wrong")

    assert form_attempt(client, PASSWORD).status_code == 429


def test_another_account_and_another_address_are_not_locked(client, officer):
    UserFactory(role=Role.ADVISOR, username="colleague")
    for _ in range(5):
        form_attempt(client, "wrong")

    other_account = form_attempt(client, PASSWORD, username="colleague")
    assert other_account.status_code == 302
    client.logout()
    other_address = form_attempt(client, PASSWORD, address="198.51.100.9")
    assert other_address.status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)


def test_the_cool_off_ends_the_lockout(client, officer):
    for _ in range(5):
        form_attempt(client, "wrong")
    assert form_attempt(client, PASSWORD).status_code == 429

    # Sixteen minutes on (AXES_COOLOFF_TIME is 15): the attempts have aged out.
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=16))

    response = form_attempt(client, PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(officer.pk)


def test_a_locked_out_attempt_stores_no_password(client, officer):
    for _ in range(6):
        form_attempt(client, "wrong-secret")

    attempt = AccessAttempt.objects.get()
    assert "wrong-secret" not in attempt.post_data
    assert attempt.failures_since_start == 5
