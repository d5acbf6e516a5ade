"""A token reaches only the endpoints its scopes name (scopes.py); sessions are not limited."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .models import ApiToken
from .scopes import OPEN_ROUTES, scope_needed


class TokenScopeAllows(BasePermission):
    message = _("This API token's scopes do not include this endpoint.")

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True  # a session (or a webhook's secret): the view's own rules decide
        match = request._request.resolver_match
        route = match.url_name if match else None
        if route in OPEN_ROUTES:
            return True
        scope = scope_needed(route, request.method or "GET")
        return scope is not None and token.allows(scope)
