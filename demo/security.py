"""The demo's integration client and the second factor of its demo logins (ADR 0025).

Like the demo password, the integration token's key and the authenticators' secret are
published: seed_demo refuses any database but the embedded SQLite file unless told, and
nothing here changes what production asks of anyone.
"""

from base64 import b32encode
from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework_api_key.crypto import KeyGenerator

from accounts.api_tokens.models import ApiToken
from accounts.api_tokens.scopes import Scope
from accounts.models import User
from accounts.second_factor.policy import second_factor_required

#: The integration client's published key ("<prefix>.<secret>", the format of every token).
DEMO_TOKEN_PREFIX = "cyswdemo"
DEMO_TOKEN_KEY = f"{DEMO_TOKEN_PREFIX}.integration-demo-key-published"
DEMO_TOKEN_NAME = "Demo integration"
#: What the integration client does: logs contacts, works cases and delivers inbound e-mail.
INTEGRATION_SCOPES = (Scope.CASES_READ, Scope.CASES_WRITE, Scope.INBOUND)
#: Renewed when fewer days than this are left, so that a rerun within the year changes nothing.
DEMO_TOKEN_DAYS, DEMO_TOKEN_RENEW_DAYS = 365, 30

#: The one authenticator secret (hex, 20 bytes) of every demo login that needs a second factor.
DEMO_TOTP_KEY = b"cyswllt-demo-totp-20".hex()


def integration_permissions(user: User) -> None:
    """Inbound e-mail needs the permission (channels_app.api.inbound.CanDeliverInbound)."""
    permission = Permission.objects.get(
        codename="deliver_inbound", content_type__app_label="channels_app"
    )
    if not user.user_permissions.filter(pk=permission.pk).exists():
        user.user_permissions.add(permission)


def integration_token(*, user: User, now: datetime) -> ApiToken:
    token = ApiToken.objects.filter(prefix=DEMO_TOKEN_PREFIX).first()
    scopes = sorted(scope.value for scope in INTEGRATION_SCOPES)
    if token is None:
        token = ApiToken(
            id=f"{DEMO_TOKEN_PREFIX}.demo",
            prefix=DEMO_TOKEN_PREFIX,
            hashed_key=KeyGenerator().hash(DEMO_TOKEN_KEY),
            name=DEMO_TOKEN_NAME,
            user=user,
            scopes=scopes,
            expiry_date=now + timedelta(days=DEMO_TOKEN_DAYS),
        )
        token.save()
        return token
    changed = []
    if token.user_id != user.pk or token.scopes != scopes or token.revoked:
        # A revoked token cannot be un-revoked (the library refuses): start again.
        token.delete()
        return integration_token(user=user, now=now)
    if token.expiry_date < now + timedelta(days=DEMO_TOKEN_RENEW_DAYS):
        token.expiry_date = now + timedelta(days=DEMO_TOKEN_DAYS)
        changed.append("expiry_date")
    if changed:
        token.save(update_fields=changed)
    return token


def demo_authenticators(users: list[User]) -> None:
    """Every demo login whose role needs a second factor has the demo authenticator."""
    for user in users:
        if not second_factor_required(user):
            continue
        if not TOTPDevice.objects.filter(user=user, confirmed=True, key=DEMO_TOTP_KEY).exists():
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(
                user=user, name="demo authenticator", key=DEMO_TOTP_KEY, confirmed=True
            )


def demo_security_code(now: datetime) -> str:
    """The demo authenticator's code at ``now`` (what an authenticator app would show)."""
    code = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
    code.time = now.timestamp()
    return f"{code.token():06d}"


def demo_secret_base32() -> str:
    """The secret as an authenticator app asks for it typed in."""
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
