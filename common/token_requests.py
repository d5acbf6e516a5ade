"""Requests that present an API token, served without the browser's middleware (ADR 0037).

A caller with ``Authorization: Token …`` on the API is a machine: DRF authenticates it by the
token alone (``ApiTokenAuthentication`` comes first and answers 401 for a bad token, so a
session is never consulted), and it has no session, CSRF cookie, second factor, sign-in limits,
flash messages or htmx. The middleware that serve those (``settings.BROWSER_MIDDLEWARE``) were a
twentieth of a new case's CPU for nothing. Everything else — the security headers, the request
id, the language, the cache rule, the metrics, the sign-in lockout — runs for it as for any
request, in the same order.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler

API_PREFIX = "/api/"


def presents_api_token(environ: dict[str, Any]) -> bool:
    """An API request with a token header (DRF reads the keyword case-blind)."""
    header = environ.get("HTTP_AUTHORIZATION", "")
    return header[:6].lower() == "token " and environ.get("PATH_INFO", "").startswith(API_PREFIX)


def without_browser_middleware(middleware: Iterable[str], browser: Iterable[str]) -> list[str]:
    middleware = list(middleware)
    unknown = set(browser) - set(middleware)
    if unknown:
        raise ImproperlyConfigured(
            f"BROWSER_MIDDLEWARE names middleware not in MIDDLEWARE: {sorted(unknown)}"
        )
    return [path for path in middleware if path not in set(browser)]


class TokenRequestHandler(WSGIHandler):
    """Django's handler with ``MIDDLEWARE`` less ``BROWSER_MIDDLEWARE``."""

    def load_middleware(self, is_async: bool = False) -> None:
        # Django builds the chain from settings.MIDDLEWARE alone. This runs once, when the
        # process loads its application and before it serves anything, so the list is lent
        # for the build and put back.
        every = settings.MIDDLEWARE
        settings.MIDDLEWARE = without_browser_middleware(every, settings.BROWSER_MIDDLEWARE)
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = every


class ByCredentials:
    """The WSGI application: token requests to their handler, the rest to Django's own."""

    def __init__(self, site: Callable[..., Any], token_requests: Callable[..., Any]) -> None:
        self.site = site
        self.token_requests = token_requests

    def handler_for(self, environ: dict[str, Any]) -> Callable[..., Any]:
        return self.token_requests if presents_api_token(environ) else self.site

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        return self.handler_for(environ)(environ, start_response)
