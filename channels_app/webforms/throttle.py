"""Counters in Django's cache (Redis in production) that slow down form spam and reference
guessing without a CAPTCHA, which a screen-reader user may not be able to pass.

Each counter lives for its window from the first hit in it (a fixed window): simple, one round
trip per check, and enough to make guessing or flooding slow. Counters are keyed on the
client's address as ``common.client_address`` finds it behind the council's proxies, together
with what is being tried, so that one person cannot lock anyone else out.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    allowed: int
    window_seconds: int


#: Submissions of the contact forms: from one client address, and giving one e-mail address
#: from one client address. Never per e-mail address alone: anyone could type a resident's
#: address five times and stop that resident from writing to us.
SUBMISSIONS_PER_EMAIL_AND_CLIENT = Limit("webform-email-client", 5, 60 * 60)
SUBMISSIONS_PER_CLIENT = Limit("webform-client", 20, 60 * 60)
#: Wrong answers to the status look-up: for one reference from one client address (a short
#: lock, so that guessing is slow but nobody else is locked out of their case), and from one
#: client address whatever the reference (guessing across many cases).
LOOKUP_FAILURES_PER_REFERENCE_AND_CLIENT = Limit("track-reference-client", 5, 15 * 60)
LOOKUP_FAILURES_PER_CLIENT = Limit("track-client", 20, 15 * 60)


def pair(*values: str) -> str:
    """One counter's value for several things together (a reference and a client address)."""
    return "\x1f".join(values)


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
