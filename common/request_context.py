"""Each request's id, for the log lines written while it is answered and for the response's
``X-Request-ID`` header, so that one request's lines can be found together, and a resident's
or a proxy's report of a failed request matched with them.

The id is made here (a random UUID) unless the request came through one of the operator's
trusted proxies (``CYSWLLT_TRUSTED_PROXIES``, as in ``common/client_address.py``) that sent
one: then the proxy's is kept, so the proxy's access log and Cyswllt's share it. Anyone else's
``X-Request-ID`` is ignored: a client could otherwise write what it liked into the logs.
"""

import ipaddress
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .client_address import trusted_networks

HEADER = "X-Request-ID"
#: What a proxy's id may look like (nginx's $request_id is 32 hex digits): nothing that could
#: break a log line or smuggle text into it.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")

#: The request being answered in this thread (or task), for the log filter.
current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def _from_trusted_proxy(request: HttpRequest) -> bool:
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        peer in network for network in trusted_networks(tuple(settings.CYSWLLT_TRUSTED_PROXIES))
    )


def request_id_for(request: HttpRequest) -> str:
    offered = request.headers.get(HEADER, "")
    if offered and _ACCEPTED.fullmatch(offered) and _from_trusted_proxy(request):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id_for(request)  # type: ignore[attr-defined]
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        return response
