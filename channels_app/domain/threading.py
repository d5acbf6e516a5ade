"""Finding the case an inbound message answers: a reference quoted in its subject, or the
Message-IDs it replies to."""

import re
from collections.abc import Iterable

_MESSAGE_ID = re.compile(r"<[^<>\s]{1,996}>")


def references_in(text: str, *, prefix: str) -> list[str]:
    """Case references (``CYS-2026-004213``) quoted in ``text``, first first, without repeats."""
    pattern = re.compile(rf"(?<![\w-])({re.escape(prefix)}-\d{{4}}-\d{{6}})(?![\w-])", re.I)
    found: list[str] = []
    for match in pattern.findall(text or ""):
        reference = match.upper()
        if reference not in found:
            found.append(reference)
    return found


def message_ids_in(headers: Iterable[str]) -> list[str]:
    """The Message-IDs of In-Reply-To and References, nearest (last quoted) first."""
    ids: list[str] = []
    for value in headers:
        ids.extend(_MESSAGE_ID.findall(value or ""))
    unique: list[str] = []
    for message_id in reversed(ids):
        if message_id not in unique:
            unique.append(message_id)
    return unique
