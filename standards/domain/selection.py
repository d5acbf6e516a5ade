"""Which standard a new case is given: the most specific selectable standard that matches.

A standard tied to a case kind (complaint, compliment, councillor enquiry...) applies whatever
the channel; otherwise the channel and its contact type decide (an e-mail to a department, a
voicemail, an appointment...).
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SelectionKey:
    code: str
    channel: str
    contact_type: str
    case_kind: str


def select_standard(
    candidates: Iterable[SelectionKey], *, channel: str, contact_type: str, kind: str
) -> str | None:
    """The code of the best matching standard, or ``None`` when no standard applies."""
    best: tuple[int, str] | None = None
    for key in candidates:
        score = _score(key, channel=channel, contact_type=contact_type, kind=kind)
        if score is not None and (best is None or score > best[0]):
            best = (score, key.code)
    return best[1] if best else None


def _score(key: SelectionKey, *, channel: str, contact_type: str, kind: str) -> int | None:
    if key.case_kind:
        return 100 if key.case_kind == kind else None
    if key.channel != channel:
        return None
    if key.contact_type:
        return 20 if key.contact_type == contact_type else None
    return 10
