"""The second factor (SPEC §12): administrators, managers, complaints officers and data
protection officers give a code from an authenticator app after their password; set up
before any page when they have none."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import Role
from tests.factories import TeamFactory, UserFactory
from tests.second_factor import authenticator_for, password_only_login

pytestmark = pytest.mark.django_db

PASSWORD = "pass-Word-123"


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.fixture
def manager(db):
    return UserFactory(role=Role.MANAGER, team=TeamFactory(), username="boss")


@pytest.mark.parametrize(
    "role",
    [Role.ADMINISTRATOR, Role.MANAGER, Role.COMPLAINTS_OFFICER, Role.DATA_PROTECTION_OFFICER],
)
def test_a_role_that_needs_it_is_sent_to_set_up_before_any_page(client, role):
    user = UserFactory(role=role, team=TeamFactory(), username="someone")
    password_only_login(client, user)

    for page in ("/en/my-work/", "/en/admin/", "/en/audit/cases/", "/en/absences/"):
        assert client.get(page)["Location"] == "/en/second-factor/set-up/"


def test_an_advisor_needs_no_second_factor_unless_the_council_asks(client, settings, advisor):
    password_only_login(client, advisor)
    assert client.get("/en/my-work/").status_code == 200

    settings.OTP_REQUIRED_FOR_ALL = True
    assert client.get("/en/my-work/")["Location"] == "/en/second-factor/set-up/"


def test_setting_up_shows_a_qr_code_and_the_key_and_confirms_with_a_code(client, manager):
    password_only_login(client, manager)

    page = client.get("/en/second-factor/set-up/")
    device = TOTPDevice.objects.get(user=manager)
    assert page.status_code == 200
    assert "<svg" in page.text
    assert page.context["secret"].replace(" ", "") in page.text.replace(" ", "")
    assert not device.confirmed

    wrong_code = "000000" if code(device) != "000000" else "111111"
    wrong = client.post("/en/second-factor/set-up/", {"code": wrong_code})
    assert (
        "The security code is not right. Check your authenticator app and try again" in wrong.text
    )
    device.refresh_from_db()
    assert not device.confirmed
    # django-otp makes each wrong code wait longer (1 s, 2 s, 4 s...) before the next: skip it.
    device.throttle_reset()

    done = client.post("/en/second-factor/set-up/", {"code": code(device)})
    assert done["Location"] == "/en/my-work/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/my-work/").status_code == 200


def test_the_pages_before_the_second_factor_offer_no_page_they_cannot_open(client, manager):
    password_only_login(client, manager)

    set_up = client.get("/en/second-factor/set-up/")

    # Every other page would send them back here: the queues, "Out of office" and the counts
    # are left out; signing out stays.
    assert set_up.status_code == 200
    for link in ('id="navigation"', "My work", "Out of office", "/en/absences/", "queue-counts"):
        assert link not in set_up.text
    assert "Sign out" in set_up.text
    assert "Any authenticator app will work" in set_up.text
    assert "ask an administrator to remove your authenticator app" in set_up.text

    client.force_login(manager)  # now past the second factor
    work = client.get("/en/my-work/")
    assert 'id="navigation"' in work.text
    assert "Out of office" in work.text


def test_a_person_with_an_authenticator_gives_its_code_after_the_password(client, manager):
    device = authenticator_for(manager)
    response = client.post("/en/sign-in/", {"username": "boss", "password": PASSWORD})
    assert response["Location"] == "/en/my-work/"

    asked = client.get("/en/my-work/")
    assert asked["Location"] == "/en/sign-in/security-code/?next=%2Fen%2Fmy-work%2F"
    # Their password alone cannot set up another authenticator instead.
    assert client.get("/en/second-factor/set-up/")["Location"] == "/en/sign-in/security-code/"

    blank = client.post("/en/sign-in/security-code/", {"code": ""})
    assert "Enter the security code from your authenticator app" in blank.text
    letters = client.post("/en/sign-in/security-code/", {"code": "abc"})
    assert "Enter the security code, which is 6 numbers" in letters.text

    passed = client.post(
        "/en/sign-in/security-code/", {"code": code(device), "next": "/en/my-work/"}
    )
    assert passed["Location"] == "/en/my-work/"
    assert client.get("/en/my-work/").status_code == 200


def test_the_security_code_page_never_sends_anyone_to_another_site(client, manager):
    device = authenticator_for(manager)
    password_only_login(client, manager)

    passed = client.post(
        "/en/sign-in/security-code/", {"code": code(device), "next": "https://evil.example/"}
    )

    assert passed["Location"] == "/en/my-work/"


def test_the_api_refuses_a_session_without_the_second_factor(client, manager):
    password_only_login(client, manager)

    response = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="en")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Finish signing in with your security code first."},
    )


def test_the_token_endpoint_asks_for_the_code_of_a_role_that_needs_it(manager):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    url = "/api/v1/auth/token/"
    credentials = {"username": "boss", "password": PASSWORD}

    no_device = client.post(url, credentials, format="json")
    assert (no_device.status_code, no_device.json()) == (
        400,
        {"otp": ["Set up your second factor by signing in to the website first."]},
    )
    device = authenticator_for(manager)
    no_code = client.post(url, credentials, format="json")
    assert (no_code.status_code, no_code.json()) == (
        400,
        {"otp": ["Enter the security code from your authenticator app"]},
    )
    with_code = client.post(url, {**credentials, "otp": code(device)}, format="json")
    assert with_code.status_code == 200
