"""Shared-cache reads that a request makes together (docs/adr/0037).

A new case through the API read the shared cache twice before writing anything: its token, then
the case rules' version. Each read is a round trip to Redis and, in redis-py, more CPU than the
value is worth. A key most requests read is registered here (``read_together``); the first
``request_get`` of a request fetches it with the key asked for, in one ``MGET``, and the request
keeps what came back, so the later read costs nothing. Outside a request (a task, a shell) every
read goes to the cache.

What a request keeps is what the cache held when it started, as if it had read it then:
``request_forget`` drops a key for a request that changed what it names.
"""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from .request_context import current_request

_TOGETHER: list[str] = []
#: Where a request keeps what it read.
_KEPT = "_cache_reads"


def read_together(key: str) -> None:
    """``key`` is read by most requests: fetch it with the first read of each."""
    if key not in _TOGETHER:
        _TOGETHER.append(key)


def request_get(key: str) -> Any:
    """``cache.get(key)``, once a request."""
    request = current_request.get()
    if request is None:
        return cache.get(key)
    kept: dict[str, Any] | None = getattr(request, _KEPT, None)
    if kept is None:
        kept = {}
        setattr(request, _KEPT, kept)
    if key not in kept:
        keys = [key, *(other for other in _TOGETHER if other not in kept and other != key)]
        found = cache.get_many(keys)
        kept.update({name: found.get(name) for name in keys})
    return kept[key]


def request_forget(key: str, request: HttpRequest | None) -> None:
    """``request`` reads ``key`` from the cache again (it changed what the key names)."""
    kept: dict[str, Any] | None = getattr(request, _KEPT, None)
    if kept is not None:
        kept.pop(key, None)
