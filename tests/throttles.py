"""The public pages' throttle counters live in the shared Redis: tests start (and leave) the
ones they touch at zero."""

from collections.abc import Iterable

from django.core.cache import cache

from channels_app.webforms import throttle

LOCAL = "127.0.0.1"  # the test client's address


def throttle_keys(
    *, emails: Iterable[str] = (), references: Iterable[str] = (), addresses=(LOCAL,)
) -> list[str]:
    keys = []
    for address in addresses:
        keys += [
            throttle._key(throttle.SUBMISSIONS_PER_CLIENT, address),
            throttle._key(throttle.LOOKUP_FAILURES_PER_CLIENT, address),
        ]
        keys += [
            throttle._key(throttle.SUBMISSIONS_PER_EMAIL_AND_CLIENT, throttle.pair(email, address))
            for email in emails
        ]
        keys += [
            throttle._key(
                throttle.LOOKUP_FAILURES_PER_REFERENCE_AND_CLIENT, throttle.pair(reference, address)
            )
            for reference in references
        ]
    return keys


def throttles_clear(**kwargs) -> None:
    cache.delete_many(throttle_keys(**kwargs))
