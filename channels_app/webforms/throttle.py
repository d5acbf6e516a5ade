"""Counters in Django's cache (Redis in production) that slow down form spam and reference
guessing without a CAPTCHA, which a screen-reader user may not be able to pass.

Each counter lives for its window from the first hit in it (a fixed window): simple, one round
trip per check, and enough to make guessing or flooding slow.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    name: str
    allowed: int
    window_seconds: int


#: Submissions of the contact forms.
SUBMISSIONS_PER_ADDRESS = Limit("webform-address", 5, 60 * 60)
SUBMISSIONS_PER_IP = Limit("webform-ip", 20, 60 * 60)
#: Wrong answers to the status look-up.
LOOKUP_FAILURES_PER_IP = Limit("track-ip", 10, 60 * 60)
LOOKUP_FAILURES_PER_REFERENCE = Limit("track-reference", 5, 60 * 60)


def client_ip(request: HttpRequest) -> str:
    # The address of whoever connected: the reverse proxy must pass the client's own address
    # as REMOTE_ADDR, since a forwarded header could be written by anyone.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(limit: Limit, value: str) -> str:
    # Hashed: addresses and references are personal data and should not sit in Redis as keys.
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()
    return f"throttle:{limit.name}:{digest}"


def exceeded(limit: Limit, value: str) -> bool:
    return (cache.get(_key(limit, value)) or 0) >= limit.allowed


def hit(limit: Limit, value: str) -> int:
    key = _key(limit, value)
    if cache.add(key, 1, limit.window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, limit.window_seconds)
        return 1
