"""When to try a failed delivery again: exponential backoff with a ceiling."""

from datetime import timedelta

FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
#: After this many failed attempts a message is given up and shown to staff as failed.
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt (1 → 30 s, 2 → 60 s, ... ≤ 1 hour)."""
    if attempts < 1:
        raise ValueError("A retry follows at least one attempt.")
    return min(FIRST_RETRY * (1 << (attempts - 1)), LONGEST_WAIT)


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
