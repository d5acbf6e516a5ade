"""Delivering owed messages: claim, render once, send, record — each message at most once at a
time, retried with backoff, given up after ``MAX_ATTEMPTS``."""

import contextlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from contacts.models import Case, CaseEvent, EventKind
from contacts.services import case_acknowledge

from . import backends
from .domain.replies import ReplyLanguage, ReplyMethod
from .domain.retries import gives_up, retry_delay
from .messages import Plan, acknowledgement_render
from .models import DeliveryState, OutboundMessage, Purpose

log = logging.getLogger(__name__)


def claim_timeout() -> timedelta:
    """A message "sending" for longer than this was left by a worker that died: try again."""
    return timedelta(seconds=settings.CYSWLLT["MESSAGE_CLAIM_SECONDS"])


REDISPATCH_BATCH = 500


def message_claim(message_id: int, *, now: datetime) -> bool:
    """Take the message for this attempt; ``False`` when it is not due or another has it."""
    claimable = Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now) | Q(
        state=DeliveryState.SENDING, claimed_at__lt=now - claim_timeout()
    )
    return bool(
        OutboundMessage.objects.filter(claimable, pk=message_id).update(
            state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def message_deliver(*, message_id: int, now: datetime | None = None) -> bool:
    """Deliver one owed message; ``True`` when it went out in this call.

    ``now`` stands for the clock in tests; otherwise the send is recorded at the moment the
    server accepted it."""
    clock = now
    now = now or timezone.now()
    if not message_claim(message_id, now=now):
        return False
    message = OutboundMessage.objects.select_related(
        "case__service", "case__team", "case__customer", "case__standard"
    ).get(pk=message_id)
    try:
        if not message.body:
            _render(message)
        outcome = backends.deliver(message)
    except Exception as error:
        log.warning("Delivery of %s failed: %s", message.key, error)
        _retry_later(message, error=error, now=now)
        return False
    if outcome.state == DeliveryState.TO_POST:
        _record_printed(message, outcome=outcome, at=clock or timezone.now())
    else:
        _record_sent(message, outcome=outcome, sent_at=clock or timezone.now())
    return True


def _render(message: OutboundMessage) -> None:
    plan = Plan(
        method=ReplyMethod(message.method),
        language=ReplyLanguage(message.language),
        recipient=message.recipient,
    )
    rendered = acknowledgement_render(message.case, plan)
    if rendered is None:
        raise LookupError(f"No template for {message.case.standard.code} by {message.method}")
    message.subject, message.body = rendered.subject, rendered.body
    OutboundMessage.objects.filter(pk=message.pk).update(subject=message.subject, body=message.body)


def _retry_later(message: OutboundMessage, *, error: Exception, now: datetime) -> None:
    if not gives_up(message.attempts):
        OutboundMessage.objects.filter(pk=message.pk).update(
            state=DeliveryState.QUEUED,
            next_attempt_at=now + retry_delay(message.attempts),
            claimed_at=None,
            last_error=str(error)[:2000],
        )
        return
    with transaction.atomic():
        OutboundMessage.objects.filter(pk=message.pk).update(
            state=DeliveryState.FAILED, claimed_at=None, last_error=str(error)[:2000]
        )
        # Staff must see on the case that the customer has not heard from us.
        CaseEvent.objects.create(
            case_id=message.case_id,
            kind=EventKind.MESSAGE_FAILED,
            created_at=now,
            text=f"{message.recipient}: {message.subject or message.get_purpose_display()}",
        )


def sent_text(message: OutboundMessage) -> str:
    """What exactly went to the customer, as the case timeline records it."""
    return f"{message.subject}\n\n{message.body}" if message.subject else message.body


@transaction.atomic
def _record_sent(message: OutboundMessage, *, outcome: backends.Outcome, sent_at: datetime) -> None:
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=DeliveryState.SENT,
        sent_at=sent_at,
        claimed_at=None,
        last_error="",
        provider_reference=outcome.provider_reference,
    )
    record_sent_on_case(message, sent_at=sent_at)


def record_sent_on_case(message: OutboundMessage, *, sent_at: datetime) -> None:
    """The timeline entry for a message that has left, and the acknowledgement it gives: on
    sending for e-mail and texts, on posting for letters."""
    CaseEvent.objects.create(
        case_id=message.case_id,
        kind=EventKind.REPLY_SENT,
        actor_id=message.author_id,
        created_at=sent_at,
        text=sent_text(message),
    )
    if message.purpose == Purpose.ACKNOWLEDGEMENT:
        # A case already resolved or closed owes no acknowledgement any more.
        with contextlib.suppress(ValidationError):
            case_acknowledge(case=Case(pk=message.case_id), actor=None, at=sent_at, now=sent_at)


@transaction.atomic
def _record_printed(message: OutboundMessage, *, outcome: backends.Outcome, at: datetime) -> None:
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=DeliveryState.TO_POST,
        claimed_at=None,
        last_error="",
        document=message.document.name,
        provider_reference=outcome.provider_reference,
    )
    CaseEvent.objects.create(
        case_id=message.case_id,
        kind=EventKind.LETTER_READY,
        actor_id=message.author_id,
        created_at=at,
        text=sent_text(message),
    )


def messages_owed(*, now: datetime, limit: int = REDISPATCH_BATCH) -> list[int]:
    """Messages whose attempt is due, or whose worker died mid-attempt."""
    return list(
        OutboundMessage.objects.filter(
            Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
            | Q(state=DeliveryState.SENDING, claimed_at__lt=now - claim_timeout())
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
