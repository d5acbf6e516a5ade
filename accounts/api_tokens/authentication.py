"""``Authorization: Token <key>`` for the REST API, against accounts.ApiToken."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .lookup import token_from_key
from .models import ApiToken


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and answers (401 with ``WWW-Authenticate: Token``), our tokens.

    A key that is unknown, revoked, rotated or expired is one answer, "Invalid token.", so a
    caller learns nothing of which it was.
    """

    model = ApiToken

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = token_from_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
