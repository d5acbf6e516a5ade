"""What the inbound pipeline (``pipeline.py``) and its adapters share: the outcome reported, the
quarantine, and the record of messages already accepted."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import Service
from contacts.models import Case

from ..models import InboundMessage, Mailbox, QuarantinedMessage


class Result:
    CREATED = "created"  # a new case
    THREADED = "threaded"  # added to an open case
    DUPLICATE = "duplicate"  # seen before: nothing changed
    QUARANTINED = "quarantined"  # kept for staff review


@dataclass(frozen=True)
class Outcome:
    result: str
    case: Case | None = None
    quarantined: QuarantinedMessage | None = None


def quarantine(
    *,
    channel: str,
    reason: str,
    detail: str,
    raw: bytes,
    received_at: datetime,
    mailbox: Mailbox | None = None,
    case: Case | None = None,
) -> Outcome:
    message = QuarantinedMessage.objects.create(
        channel=channel,
        reason=reason,
        detail=detail.replace("\x00", "")[:5000],  # PostgreSQL text holds no NUL
        raw=raw,
        size=len(raw),
        mailbox=mailbox,
        case=case,
        received_at=received_at,
    )
    return Outcome(Result.QUARANTINED, case=case, quarantined=message)


def seen_before(source_key: str) -> Case | None:
    """The case a message with this key already went to (opened, or was added to), if any.
    One query, each half reading its own unique index (an OR would scan the cases)."""
    opened_by = Case.objects.filter(source_key=source_key).order_by()
    added_to = Case.objects.filter(inbound_messages__source_key=source_key).order_by()
    return next(iter(opened_by.union(added_to, all=True)[:1]), None)


def record_message(
    *, case: Case, source_key: str, opened_case: bool, keyed_like_case: bool = False, **fields
) -> bool:
    """Remember the message on ``case``; ``False`` when another delivery got there first.

    ``keyed_like_case``: the case was made from this message just now under the same source
    key, whose unique index already settled any race, so no savepoint (two round trips) is
    needed to recover from one."""
    if keyed_like_case:
        InboundMessage.objects.create(
            case=case, source_key=source_key, opened_case=opened_case, **fields
        )
        return True
    try:
        with transaction.atomic():
            InboundMessage.objects.create(
                case=case, source_key=source_key, opened_case=opened_case, **fields
            )
    except IntegrityError:
        return False
    return True


def webhook_service() -> Service | None:
    """The service that receives texts, social media posts and phone events
    (``CYSWLLT_INBOUND_SERVICE``)."""
    code = settings.CYSWLLT.get("INBOUND_SERVICE", "")
    return Service.objects.filter(code=code).first() if code else None


def summary_of(text: str, fallback: str) -> str:
    """A case summary from the customer's words: the first line, shortened to fit."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    if not first:
        return fallback
    return first if len(first) <= 200 else first[:199].rstrip() + "…"
