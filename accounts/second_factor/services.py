"""Setting up and passing the second factor."""

from typing import Any

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

#: The one device the set-up page makes; a confirmed one is the user's authenticator app.
DEVICE_NAME = "authenticator"


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The unconfirmed device the set-up page shows, made on first visit and kept until
    confirmed, so reloading the page does not change the code the person is scanning."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirms ``device`` if ``token`` is its current code, and marks the session verified."""
    if not device.verify_token(token):
        return False
    # One authenticator per person: a new one replaces any before it.
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return True


def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """True, and the session verified, when ``token`` is the current code of one of the
    signed-in user's confirmed devices (django-otp throttles repeated wrong codes)."""
    device = django_otp.match_token(request.user, token)
    if device is None:
        return False
    django_otp.login(request, device)
    return True
