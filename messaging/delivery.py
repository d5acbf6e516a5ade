"""Delivering owed messages: claim, render once, send, record — each message at most once at a
time, retried with backoff, given up after ``MAX_ATTEMPTS``; in batches when many are due."""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from contacts.models import CaseEvent, EventKind
from contacts.services import cases_acknowledge

from . import backends
from .domain.replies import ReplyLanguage, ReplyMethod
from .domain.retries import gives_up, retry_delay
from .messages import Plan, acknowledgement_render, templates_for
from .models import DeliveryState, MessageTemplate, OutboundMessage, Purpose

log = logging.getLogger(__name__)


def claim_timeout() -> timedelta:
    """A message "sending" for longer than this was left by a worker that died: try again."""
    return timedelta(seconds=settings.CYSWLLT["MESSAGE_CLAIM_SECONDS"])


REDISPATCH_BATCH = 500
#: A delivery task takes the message it was queued for and up to this many more that are due:
#: under load the queue drains in batches sharing one SMTP connection and one transaction.
DELIVERY_BATCH = 20


def messages_claim(message_ids: Sequence[int], *, now: datetime, extra: int = 0) -> list[int]:
    """Take ``message_ids`` (those due, or left by a dead worker) and up to ``extra`` other
    messages that are due, for this attempt. A message another worker holds is skipped, never
    waited for; each message is taken by one worker at a time."""
    named = Q(pk__in=message_ids) & (
        Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
        | Q(state=DeliveryState.SENDING, claimed_at__lt=now - claim_timeout())
    )
    wanted = named | Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now) if extra else named
    with transaction.atomic():
        ids = list(
            OutboundMessage.objects.select_for_update(skip_locked=True)
            .filter(wanted)
            .annotate(named=Case(When(pk__in=message_ids, then=Value(0)), default=Value(1)))
            .order_by("named", "next_attempt_at")
            .values_list("pk", flat=True)[: len(message_ids) + extra]
        )
        if ids:
            OutboundMessage.objects.filter(pk__in=ids).update(
                state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def message_deliver(*, message_id: int, now: datetime | None = None) -> bool:
    """Deliver one owed message; ``True`` when it went out in this call."""
    return message_id in messages_deliver(message_ids=[message_id], now=now)


def messages_deliver(
    *, message_ids: Sequence[int], now: datetime | None = None, extra: int = 0
) -> set[int]:
    """Deliver ``message_ids`` and up to ``extra`` other due messages; the ids that went out.

    ``now`` stands for the clock in tests; otherwise each send is recorded at the moment the
    server accepted it."""
    clock = now
    now = now or timezone.now()
    claimed = messages_claim(message_ids, now=now, extra=extra)
    if not claimed:
        return set()
    messages = list(
        OutboundMessage.objects.select_related(
            "case__service", "case__team", "case__customer", "case__standard", "author"
        )
        .prefetch_related("case__milestones")
        .filter(pk__in=claimed)
        .order_by("pk")
    )
    messages = _render_unrendered(messages, now=now)
    delivered: list[tuple[OutboundMessage, backends.Outcome, datetime]] = []
    with backends.Session() as session:
        for message in messages:
            try:
                outcome = session.deliver(message)
            except Exception as error:
                log.warning("Delivery of %s failed: %s", message.key, error)
                _retry_later(message, error=error, now=now)
                continue
            delivered.append((message, outcome, clock or timezone.now()))
    _record(delivered)
    return {message.pk for message, _, _ in delivered}


def _render_unrendered(messages: list[OutboundMessage], *, now: datetime) -> list[OutboundMessage]:
    """Render the acknowledgements whose text was left to the worker, and store the text
    before anything is sent, so that a retry sends exactly what this attempt tried to. The
    messages that could not be rendered are retried later and left out."""
    templates: dict[tuple, MessageTemplate | None] = {}
    ready, rendered = [], []
    for message in messages:
        if message.body:
            ready.append(message)
            continue
        case = message.case
        use = (case.standard_id, message.purpose, message.method)
        if use not in templates:
            templates[use] = templates_for(
                standard_id=case.standard_id, purpose=message.purpose, method=message.method
            ).first()
        plan = Plan(
            method=ReplyMethod(message.method),
            language=ReplyLanguage(message.language),
            recipient=message.recipient,
        )
        template = templates[use]
        text = acknowledgement_render(case, plan, template=template) if template else None
        if text is None:
            error = LookupError(f"No template for {case.standard.code} by {message.method}")
            _retry_later(message, error=error, now=now)
            continue
        message.subject, message.body = text.subject, text.body
        ready.append(message)
        rendered.append(message)
    OutboundMessage.objects.bulk_update(rendered, ["subject", "body"])
    return ready


def _retry_later(message: OutboundMessage, *, error: Exception, now: datetime) -> None:
    # A refusal the provider will repeat (an invalid number) is given up at once.
    permanent = isinstance(error, backends.PermanentFailure)
    if not permanent and not gives_up(message.attempts):
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
def _record(delivered: list[tuple[OutboundMessage, "backends.Outcome", datetime]]) -> None:
    """Record a batch's deliveries in one transaction: the messages' new state, their
    timeline entries, and the acknowledgements they gave."""
    events, acknowledged_at = [], {}
    for message, outcome, at in delivered:
        message.claimed_at, message.last_error = None, ""
        message.provider_reference = outcome.provider_reference
        if outcome.state == DeliveryState.TO_POST:
            message.state = DeliveryState.TO_POST
            events.append(_event(message, EventKind.LETTER_READY, at))
            continue
        message.state, message.sent_at = DeliveryState.SENT, at
        events.append(_event(message, EventKind.REPLY_SENT, at))
        if message.purpose == Purpose.ACKNOWLEDGEMENT:
            acknowledged_at[message.case_id] = at
    OutboundMessage.objects.bulk_update(
        [message for message, _, _ in delivered],
        ["state", "sent_at", "claimed_at", "last_error", "provider_reference", "document"],
    )
    CaseEvent.objects.bulk_create(events)
    cases_acknowledge(acknowledged_at=acknowledged_at)


def _event(message: OutboundMessage, kind: str, at: datetime) -> CaseEvent:
    return CaseEvent(
        case_id=message.case_id,
        kind=kind,
        actor_id=message.author_id,
        created_at=at,
        text=sent_text(message),
    )


def record_sent_on_case(message: OutboundMessage, *, sent_at: datetime) -> None:
    """The timeline entry for a message that has left, and the acknowledgement it gives: on
    sending for e-mail and texts, on posting for letters."""
    _event(message, EventKind.REPLY_SENT, sent_at).save()
    if message.purpose == Purpose.ACKNOWLEDGEMENT:
        cases_acknowledge(acknowledged_at={message.case_id: sent_at})


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
