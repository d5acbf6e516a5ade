"""What a person searched for, kept out of the address (and so out of access logs, browser
history and Referer headers): the words go in the session under a random key, and the
results page's address carries only the key (ADR 0028).

The session is the signed-in user's own, so a key is of no use to anyone else, and signing
out forgets every search. Only the last ``KEPT`` searches are kept, so that a long day of
searching does not grow the session without end.
"""

import secrets

from django.http import HttpRequest

SESSION_KEY = "private_queries"
KEPT = 20


def remember(request: HttpRequest, words: str) -> str:
    """Keep ``words`` in the session; returns the key the results' address carries."""
    kept: dict[str, str] = dict(request.session.get(SESSION_KEY, {}))
    for old in list(kept)[: max(0, len(kept) - KEPT + 1)]:
        del kept[old]
    key = secrets.token_urlsafe(9)
    kept[key] = words
    request.session[SESSION_KEY] = kept
    return key


def recall(request: HttpRequest, key: str) -> str | None:
    """The words kept under ``key`` in this session, or ``None`` (another session's key, or
    one forgotten)."""
    words = request.session.get(SESSION_KEY, {}).get(key)
    return words if isinstance(words, str) else None
