"""Staff sessions end after 30 minutes without a request and 12 hours after signing in,
whatever is done meanwhile (SPEC §12); the two-week cookie is gone."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from accounts.session_limits import SEEN_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db


def shift(client, **seconds_back: int) -> None:
    session = client.session
    for key, back in seconds_back.items():
        session[key] -= back
    session.save()


def test_the_session_cookie_lasts_no_longer_than_the_absolute_limit():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_a_session_left_idle_for_30_minutes_ends_and_says_why(client, advisor):
    client.force_login(advisor)
    assert client.get("/en/my-work/").status_code == 200
    shift(client, **{SEEN_AT: 30 * 60})

    response = client.get("/en/my-work/")

    assert response["Location"] == "/en/sign-in/?next=/en/my-work/"
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert (
        "You have been signed out because you had not used Cyswllt for 30 minutes. "
        "Sign in again to carry on." in page.text
    )


def test_a_session_in_use_carries_on(client, advisor):
    client.force_login(advisor)
    shift(client, **{SEEN_AT: 29 * 60, SIGNED_IN_AT: 29 * 60})

    assert client.get("/en/my-work/").status_code == 200
    assert client.session[SESSION_KEY] == str(advisor.pk)


def test_a_session_ends_12_hours_after_signing_in_even_when_busy(client, advisor):
    client.force_login(advisor)
    shift(client, **{SIGNED_IN_AT: 12 * 3600, SEEN_AT: 60})

    response = client.get("/en/my-work/")

    assert response["Location"] == "/en/sign-in/?next=/en/my-work/"
    assert SESSION_KEY not in client.session
    assert (
        "You have been signed out because you signed in more than 12 hours ago."
        in client.get(response["Location"]).text
    )


def test_the_api_treats_an_ended_session_as_no_credentials(client, advisor):
    client.force_login(advisor)
    shift(client, **{SEEN_AT: 31 * 60})

    response = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
