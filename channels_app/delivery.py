"""Delivering owed messages: claim, render once, send, record — each message at most once at a
time, retried with backoff, given up after ``MAX_ATTEMPTS``."""

import contextlib
import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from contacts.models import Case, CaseEvent, EventKind
from contacts.services import case_acknowledge

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
        _send(message)
    except Exception as error:
        log.warning("Delivery of %s failed: %s", message.key, error)
        _retry_later(message, error=error, now=now)
        return False
    _record_sent(message, sent_at=clock or timezone.now())
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


def _send(message: OutboundMessage) -> None:
    service = message.case.service
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=service.email or settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        reply_to=[message.case.team.mailbox]
        if message.case.team and message.case.team.mailbox
        else None,
        headers={
            # A stable id, so that a resend after a lost reply is recognisable as the same mail.
            "Message-ID": f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@cyswllt>",
            # RFC 3834: an automatic reply, which auto-responders must not answer.
            "Auto-Submitted": "auto-replied",
            "Content-Language": "cy, en"
            if message.language == ReplyLanguage.BILINGUAL
            else message.language,
        },
    )
    email.send(fail_silently=False)


def _retry_later(message: OutboundMessage, *, error: Exception, now: datetime) -> None:
    if gives_up(message.attempts):
        state, next_attempt = DeliveryState.FAILED, now
    else:
        state, next_attempt = DeliveryState.QUEUED, now + retry_delay(message.attempts)
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=state, next_attempt_at=next_attempt, claimed_at=None, last_error=str(error)[:2000]
    )


@transaction.atomic
def _record_sent(message: OutboundMessage, *, sent_at: datetime) -> None:
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=DeliveryState.SENT, sent_at=sent_at, claimed_at=None, last_error=""
    )
    CaseEvent.objects.create(
        case_id=message.case_id,
        kind=EventKind.REPLY_SENT,
        created_at=sent_at,
        text=f"{message.subject}\n\n{message.body}",
    )
    if message.purpose == Purpose.ACKNOWLEDGEMENT:
        # A case already resolved or closed owes no acknowledgement any more.
        with contextlib.suppress(ValidationError):
            case_acknowledge(case=Case(pk=message.case_id), actor=None, at=sent_at, now=sent_at)


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
