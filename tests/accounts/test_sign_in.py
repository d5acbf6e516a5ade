"""Signing in and out: each role lands where its work is; mistakes are explained in the page's
language; pages need a signed-in user."""

import pytest
from django.contrib.auth import SESSION_KEY

from accounts.models import Role
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-Word-123"  # the factories' password


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, username: str, password: str = PASSWORD, language: str = "en", **extra):
    return client.post(
        f"/{language}/sign-in/", {"username": username, "password": password, **extra}
    )


@pytest.mark.parametrize(
    ("role", "team", "landing", "second_factor"),
    [
        (Role.ADVISOR, True, "/en/my-work/", False),
        (Role.MANAGER, True, "/en/my-work/", True),
        (Role.COMPLAINTS_OFFICER, True, "/en/my-work/", True),
        (Role.COUNCILLOR, False, "/en/my-enquiries/", False),
        (Role.CLERK, False, "/en/my-enquiries/", False),
        (Role.ADMINISTRATOR, False, "/en/admin/", True),
    ],
)
def test_each_role_lands_where_its_work_is(client, role, team, landing, second_factor):
    """Roles that need a second factor set it up first (they have none yet: ADR 0025)."""
    user = UserFactory(role=role, team=TeamFactory() if team else None, username="someone")

    response = sign_in(client, "someone")

    assert response.status_code == 302
    assert response["Location"] == landing
    assert client.session[SESSION_KEY] == str(user.pk)
    landed = client.get(landing)
    if second_factor:
        assert landed["Location"] == "/en/second-factor/set-up/"
    else:
        assert landed.status_code == 200


def test_signing_in_in_welsh_lands_on_the_welsh_page(client, advisor):
    response = sign_in(client, "advisor", language="cy")

    assert response["Location"] == "/cy/my-work/"


def test_signing_in_returns_to_the_page_that_asked_for_it(client, advisor):
    asked = client.get("/en/team-queue/?channel=phone")
    assert asked["Location"] == "/en/sign-in/?next=/en/team-queue/%3Fchannel%3Dphone"

    response = sign_in(client, "advisor", next="/en/team-queue/?channel=phone")

    assert response["Location"] == "/en/team-queue/?channel=phone"


def test_signing_in_never_returns_to_another_site(client, advisor):
    response = sign_in(client, "advisor", next="https://evil.example/")

    assert response["Location"] == "/en/my-work/"


def test_the_sign_in_page_is_a_gov_uk_form(client):
    response = client.get("/en/sign-in/")

    assert response.status_code == 200
    assert "<title>Sign in – Cyswllt – Example County Council</title>" in response.text
    assert 'autocomplete="username"' in response.text
    assert 'autocomplete="current-password"' in response.text
    assert 'data-module="govuk-password-input"' in response.text
    assert "govuk-error-summary" not in response.text


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"username": "", "password": ""},
            [("username", "Enter your username"), ("password", "Enter your password")],
        ),
        ({"username": "advisor", "password": ""}, [("password", "Enter your password")]),
        (
            {"username": "advisor", "password": "wrong"},
            [("username", "Enter a correct username and password")],
        ),
        (
            {"username": "nobody", "password": PASSWORD},
            [("username", "Enter a correct username and password")],
        ),
    ],
)
def test_mistakes_are_listed_in_an_error_summary_linked_to_the_fields(
    client, advisor, data, errors
):
    response = client.post("/en/sign-in/", data)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "<title>Error: Sign in" in response.text
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in response.text
    for field, message in errors:
        assert f'<li><a href="#id_{field}">{message}</a></li>' in response.text
        assert (
            f'<p id="id_{field}-error" class="govuk-error-message"><span '
            f'class="govuk-visually-hidden">Error:</span> {message}</p>'
        ) in response.text


def test_mistakes_are_explained_in_welsh_on_the_welsh_page(client, advisor):
    response = client.post("/cy/sign-in/", {"username": "advisor", "password": "anghywir"})

    assert response.status_code == 200
    assert '<html lang="cy"' in response.text
    assert "<title>Gwall: Mewngofnodi" in response.text
    assert "Mae problem" in response.text
    assert "Rhowch enw defnyddiwr a chyfrinair cywir" in response.text


def test_a_closed_account_cannot_sign_in(client):
    UserFactory(username="gone", is_active=False)

    response = sign_in(client, "gone")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_signed_in_user_visiting_sign_in_goes_to_their_work(client, advisor):
    client.force_login(advisor)

    response = client.get("/en/sign-in/")

    assert response["Location"] == "/en/my-work/"


def test_the_landing_page_sends_each_role_to_its_work(client, advisor):
    assert client.get("/en/")["Location"] == "/en/sign-in/?next=/en/"
    client.force_login(advisor)
    assert client.get("/en/")["Location"] == "/en/my-work/"


def test_the_header_names_the_signed_in_user_and_their_role(client, advisor):
    client.force_login(advisor)

    response = client.get("/en/my-work/")

    assert (
        f"Signed in as <strong>{advisor.get_full_name()}</strong>, Customer services advisor"
        in response.text
    )
    assert '<form method="post" action="/en/sign-out/" class="app-header__sign-out">' in (
        response.text
    )


def test_signing_out_ends_the_session_and_says_so(client, advisor):
    client.force_login(advisor)

    response = client.post("/en/sign-out/", follow=True)

    assert response.redirect_chain == [("/en/sign-in/", 302)]
    assert SESSION_KEY not in client.session
    assert "You have signed out." in response.text
    assert client.get("/en/my-work/").status_code == 302


def test_signing_out_needs_a_post_so_a_link_cannot_sign_anyone_out(client, advisor):
    client.force_login(advisor)

    assert client.get("/en/sign-out/").status_code == 405
    assert SESSION_KEY in client.session


@pytest.mark.parametrize(
    "data",
    [
        {"username": "advisor\x00", "password": PASSWORD},
        {"username": "a" * 10_000, "password": PASSWORD},
        {"username": ["advisor", "other"], "password": PASSWORD},
        {"password": PASSWORD},
    ],
)
def test_strange_input_is_an_error_on_the_page_not_a_server_error(client, advisor, data):
    response = client.post("/en/sign-in/", data)

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert SESSION_KEY not in client.session
