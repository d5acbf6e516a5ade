"""Issuing, rotating and revoking API tokens. The key is returned once and never stored."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import User
from .models import ApiToken
from .scopes import Scope


def check_expiry(*, expires_at: datetime, now: datetime) -> None:
    if expires_at <= now:
        raise ValidationError(_("The expiry must be in the future."), code="expiry_past")
    if expires_at > now + timedelta(days=settings.API_TOKEN_MAX_DAYS):
        raise ValidationError(
            _("A token may last at most %(days)s days.") % {"days": settings.API_TOKEN_MAX_DAYS},
            code="expiry_too_far",
        )


def api_token_issue(
    *, user: User, name: str, scopes: Iterable[Scope], expires_at: datetime, now: datetime
) -> tuple[ApiToken, str]:
    """A new token and its key (shown to the caller once)."""
    token = ApiToken(user=user, name=name, scopes=list(scopes), expiry_date=expires_at)
    return token, api_token_save_new(token=token, now=now)


def api_token_save_new(*, token: ApiToken, now: datetime) -> str:
    """Stores a token built (by the admin's form or ``api_token_issue``) but not yet saved, and
    returns its key: only the key's hash is stored."""
    check_expiry(expires_at=token.expiry_date, now=now)
    token.scopes = sorted({Scope(s).value for s in token.scopes})
    key = ApiToken.objects.assign_key(token)
    token.save()
    return key


@transaction.atomic
def api_token_rotate(
    *, token: ApiToken, expires_at: datetime, now: datetime
) -> tuple[ApiToken, str]:
    """A new key for the same client, user and scopes; the old one stops working at once."""
    old = ApiToken.objects.select_for_update().get(pk=token.pk)
    if old.revoked:
        raise ValidationError(_("This token has been revoked or rotated already."), code="revoked")
    new, key = api_token_issue(
        user=old.user,
        name=old.name,
        scopes=[Scope(s) for s in old.scopes],
        expires_at=expires_at,
        now=now,
    )
    old.revoked = True
    old.replaced_by = new
    old.save(update_fields=["revoked", "replaced_by"])
    return new, key
