"""The sign-in's security pages in a real Chromium, in Welsh and English (ADR 0025): setting up
the authenticator app, giving its code after the password (a wrong code included), and the
page of someone locked out after too many wrong passwords. Each passes axe-core's WCAG 2.2 AA
check and leaves no English on the Welsh page; screenshots land in /tmp/ui/.
"""

from typing import Any

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from tests.factories import TeamFactory, UserFactory
from tests.second_factor import authenticator_for, password_only_login

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: What each page says, in the two languages.
TEXT = {
    "cy": {
        "set_up": "Gosod eich ap dilysu",
        "cannot_scan": "Ni allaf sganio'r cod QR",
        "security_code": "Rhowch eich cod diogelwch",
        "wrong": (
            "Nid yw'r cod diogelwch yn gywir. Gwiriwch eich ap dilysu a rhowch gynnig arall arni"
        ),
        "format": "Rhowch y cod diogelwch, sef 6 rhif",
        "problem": "Mae problem",
        "done": "Mae eich ap dilysu wedi'i osod.",
        "lost_phone": "Os byddwch yn colli eich ffôn",
        "locked": "Gormod o ymdrechion i fewngofnodi",
        "wait": (
            "Bu gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhowch gynnig arall arni."
        ),
    },
    "en": {
        "set_up": "Set up your authenticator app",
        "cannot_scan": "I cannot scan the QR code",
        "security_code": "Enter your security code",
        "wrong": "The security code is not right. Check your authenticator app and try again",
        "format": "Enter the security code, which is 6 numbers",
        "problem": "There is a problem",
        "done": "Your authenticator app is set up.",
        "lost_phone": "If you lose your phone",
        "locked": "Too many attempts to sign in",
        "wait": "There have been too many attempts to sign in. Wait 15 minutes and try again.",
    },
}


@pytest.fixture
def manager(db):
    """A role that needs the second factor."""
    return UserFactory(role=Role.MANAGER, team=TeamFactory(), username="boss", first_name="Nia")


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return "000000" if code(device) != "000000" else "111111"


def half_signed_in(page: Any, client: Any, live_server: Any, user: Any) -> Any:
    """The browser carries the session of ``user`` after the password only."""
    password_only_login(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def check(page: Any, name: str, language: str) -> dict[str, Any]:
    """Screenshot, axe-core's findings and any English left on a Welsh page."""
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"{name}-{language}")
    found: dict[str, Any] = {}
    if violations := axe_violations(page):
        found["axe"] = violations
    if language == "cy" and (left := english_left_on(page)):
        found["english"] = left
    return found


def assert_code_field(page: Any) -> None:
    """GOV.UK's security code pattern: a short numeric field the phone can fill in."""
    field = page.locator("#id_code")
    assert field.get_attribute("autocomplete") == "one-time-code"
    assert field.get_attribute("inputmode") == "numeric"
    assert "govuk-input--width-10" in (field.get_attribute("class") or "")
    assert field.get_attribute("aria-describedby") == "id_code-hint"


def assert_only_signing_out_offered(page: Any) -> None:
    """Before the second factor every other page sends them back: no queues, no "Out of
    office", but signing out."""
    assert page.locator("#navigation").count() == 0
    assert page.locator(".app-header__absences").count() == 0
    assert page.locator(".app-header__sign-out-button").is_visible()


def assert_error_summary(page: Any, language: str, message: str) -> None:
    summary = page.locator(".govuk-error-summary")
    assert summary.locator(".govuk-error-summary__title").inner_text() == TEXT[language]["problem"]
    assert summary.locator("a").inner_text() == message
    assert summary.locator("a").get_attribute("href") == "#id_code"
    # GOV.UK Frontend moves the focus to the summary so that a screen reader announces it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert page.locator("#id_code-error").inner_text().endswith(message)
    described_by = page.locator("#id_code").get_attribute("aria-describedby")
    assert described_by == "id_code-hint id_code-error"


@pytest.mark.parametrize("language", ["cy", "en"])
def test_setting_up_the_authenticator_app(page, live_server, client, manager, language):
    text = TEXT[language]
    half_signed_in(page, client, live_server, manager)

    page.goto(f"/{language}/my-work/")
    page.wait_for_url(f"**/{language}/second-factor/set-up/")
    found = {"set-up": check(page, "second-factor-set-up", language)}
    assert page.locator("h1").inner_text() == text["set_up"]
    assert page.locator("h2.govuk-heading-m").inner_text() == text["lost_phone"]
    assert_only_signing_out_offered(page)
    qr_code = page.locator("figure.cyswllt-qr-code")
    assert qr_code.get_attribute("role") == "img"
    assert qr_code.locator("svg").count() == 1
    assert_code_field(page)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    secret = page.locator("#secret-key")
    assert not secret.is_visible()
    page.get_by_text(text["cannot_scan"]).click()
    assert secret.is_visible()
    assert secret.get_attribute("lang") == "en"
    found["set-up-key"] = check(page, "second-factor-set-up-key", language)

    page.locator("#id_code").fill("12 34")
    page.locator("form:has(#id_code) button[type=submit]").click()
    found["set-up-format"] = check(page, "second-factor-set-up-format", language)
    assert_error_summary(page, language, text["format"])

    page.locator("#id_code").fill(wrong_code(device))
    page.locator("form:has(#id_code) button[type=submit]").click()
    found["set-up-wrong"] = check(page, "second-factor-set-up-wrong", language)
    assert_error_summary(page, language, text["wrong"])
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # django-otp makes the next try wait after a wrong code

    page.locator("#id_code").fill(code(device))
    page.locator("form:has(#id_code) button[type=submit]").click()
    page.wait_for_url(f"**/{language}/my-work/")
    assert page.locator("#navigation").count() == 1
    assert text["done"] in page.locator(".govuk-notification-banner").inner_text()
    device.refresh_from_db()
    assert device.confirmed
    assert {name: f for name, f in found.items() if f} == {}


@pytest.mark.parametrize("language", ["cy", "en"])
def test_entering_the_security_code(page, live_server, client, manager, language):
    text = TEXT[language]
    device = authenticator_for(manager)
    half_signed_in(page, client, live_server, manager)

    page.goto(f"/{language}/my-work/")
    page.wait_for_url(f"**/{language}/sign-in/security-code/?next=*")
    found = {"security-code": check(page, "security-code", language)}
    assert page.locator("h1").inner_text() == text["security_code"]
    assert_only_signing_out_offered(page)
    assert_code_field(page)

    page.locator("#id_code").fill(wrong_code(device))
    page.locator("form:has(#id_code) button[type=submit]").click()
    found["security-code-wrong"] = check(page, "security-code-wrong", language)
    assert_error_summary(page, language, text["wrong"])
    device.throttle_reset()

    page.locator("#id_code").fill(code(device))
    page.locator("form:has(#id_code) button[type=submit]").click()
    page.wait_for_url(f"**/{language}/my-work/")
    assert {name: f for name, f in found.items() if f} == {}


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_lockout_page_after_five_wrong_passwords(page, manager, language):
    text = TEXT[language]
    page.goto(f"/{language}/sign-in/")
    statuses = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill("boss")
        page.locator("#id_password").fill("not-the-password")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.locator("form:has(#id_password) button[type=submit]").click()
        statuses.append(answer.value.status)

    assert statuses == [200, 200, 200, 200, 429]
    assert answer.value.headers["retry-after"] == "900"
    found = check(page, "locked-out", language)
    assert page.locator("h1").inner_text() == text["locked"]
    assert text["wait"] in page.locator("main").inner_text()
    assert found == {}
