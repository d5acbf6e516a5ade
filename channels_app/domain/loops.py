"""Recognising automatic e-mail, which must never be acknowledged (mail loops, bounces, lists).

Follows RFC 3834 (Auto-Submitted), the de facto Precedence header, the List-* headers of RFC
2369/2919, delivery status notifications (RFC 3464) and the null sender of bounces.
"""

from collections.abc import Mapping

AUTOMATIC_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
#: Headers that only automatic replies and mailing lists send.
AUTOMATIC_MARKERS = ("x-autoreply", "x-autorespond", "list-id", "list-unsubscribe")
SYSTEM_SENDERS = ("mailer-daemon@", "postmaster@")


def is_automatic(headers: Mapping[str, str]) -> bool:
    """Whether a message with these headers was sent by a machine, not a person."""
    lowered = {name.lower(): (value or "").strip() for name, value in headers.items()}
    auto_submitted = lowered.get("auto-submitted", "").lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if lowered.get("precedence", "").lower() in AUTOMATIC_PRECEDENCE:
        return True
    if lowered.get("x-auto-response-suppress", "").lower() in ("all", "oof", "autoreply"):
        return True
    if any(marker in lowered for marker in AUTOMATIC_MARKERS):
        return True
    if lowered.get("return-path", "") == "<>":
        return True
    if "multipart/report" in lowered.get("content-type", "").lower():
        return True
    sender = lowered.get("from", "").lower()
    return any(system in sender for system in SYSTEM_SENDERS)
