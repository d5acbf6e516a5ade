"""Tests sign people in with ``Client.force_login``; for a role that needs a second factor
(ADR 0025) that means signed in *and* past the second factor, as after the security-code
page: a confirmed authenticator device and the session marked verified by it. The requirement
itself stays on; ``password_only_login`` is the session of someone who has given only their
password."""

from typing import Any

from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor.policy import second_factor_required

_password_only = Client.force_login
_login = Client.login


def authenticator_for(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def password_only_login(client: Client, user: Any, backend: str | None = None) -> None:
    _password_only(client, user, backend)


def force_login_verified(self: Client, user: Any, backend: str | None = None) -> None:
    _password_only(self, user, backend)
    if not second_factor_required(user):
        return
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    request = HttpRequest()
    request.session = session
    self._set_login_cookies(request)  # type: ignore[attr-defined]  # a cookie session's key is its content: send the new one


def login_with_request(self: Client, **credentials: Any) -> bool:
    """``Client.login`` hands ``authenticate`` no request, which django-axes needs to count the
    attempt against an address: the test client's own one."""
    if "request" not in credentials:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials["request"] = request
    return _login(self, **credentials)


def install() -> None:
    Client.force_login = force_login_verified  # type: ignore[method-assign,assignment]
    Client.login = login_with_request  # type: ignore[method-assign,assignment]
