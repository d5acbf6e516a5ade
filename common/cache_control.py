"""No browser or proxy cache keeps a page that may carry personal data (ADR 0028).

A response is private when it was made for someone: a signed-in user (staff pages, the API
after DRF has authenticated its caller), a caller with credentials in the request (an
``Authorization`` header, Open311's ``api_key``), anyone sending something (not a GET), or a
visitor whose session or CSRF cookie the page used (it then varies on ``Cookie``: a public
form with what they typed). Such a response
is marked never to be stored, unless its view set its own ``Cache-Control``. What is left, the
anonymous public pages that depend on nothing but the address, stays cacheable; the static
files are served before any middleware.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers, has_vary_header


def made_for_someone(request: HttpRequest, response: HttpResponseBase) -> bool:
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or "HTTP_AUTHORIZATION" in request.META
        or "api_key" in request.GET
        # An answer to a form or an API call: what was sent comes back in it.
        or request.method not in ("GET", "HEAD")
        or has_vary_header(response, "Cookie")
    )


class PrivatePagesNotStoredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and made_for_someone(request, response):
            add_never_cache_headers(response)
        return response
