"""Delivering owed messages — every kind, to every kind of recipient — through one loop:
claim, render once, hand over, record; retried with backoff, given up after ``MAX_ATTEMPTS``.

- **Claim.** A worker takes the message it was asked for and up to ``extra`` others that are
  due, with ``SELECT … FOR UPDATE SKIP LOCKED``, under a claim token of its own. A heartbeat
  (``heartbeat.Heartbeat``) keeps the claim fresh while the worker works, so a claim that goes
  stale (``claim_timeout``, half a minute) was left by a worker that died, and is retaken.
- **One message at a time.** Each message is marked handed over just before it goes to its
  provider, and sent the moment the provider accepts it (one UPDATE, committed at once). A
  worker killed mid-batch repeats at most the one message it was handing over; that message is
  recognised when it is sent again and the timeline says so.
- **Recorded together.** What the batch's messages did — their timeline entries and the
  acknowledgements they gave — is written once the batch is over, in one transaction and a few
  statements however many messages (``messages_record``). Messages a dying worker sent but
  never recorded are recorded by beat (``messages_record_left``); ``recorded_at`` says which
  are done, so nothing is recorded twice.
"""

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from contacts.services import cases_acknowledge, cases_confirm

from . import backends
from .domain.retries import gives_up, retry_delay
from .flood import messages_over_the_limit
from .heartbeat import Heartbeat
from .models import DeliveryState, Method, OutboundMessage, Purpose
from .rendering import MessageRenderer
from .timeline import Said, message_event_record, message_events_record

log = logging.getLogger(__name__)

REDISPATCH_BATCH = 500
#: A delivery task takes the message it was queued for and up to this many more that are due:
#: under load the queue drains in batches sharing one SMTP connection.
DELIVERY_BATCH = 20


def claim_timeout() -> timedelta:
    """A claim not renewed for this long was left by a worker that died: try again. A live
    worker renews its claims three times as often (``heartbeat_interval``)."""
    return timedelta(seconds=_claim_seconds())


def heartbeat_interval() -> float:
    return _claim_seconds() / 3


def _claim_seconds() -> int:
    return cast(int, settings.CYSWLLT["MESSAGE_CLAIM_SECONDS"])


def _owed(now: datetime) -> Q:
    return Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now) | Q(
        state=DeliveryState.SENDING, claimed_at__lt=now - claim_timeout()
    )


def messages_claim(
    message_ids: Sequence[int], *, now: datetime, extra: int = 0, token: str = ""
) -> list[int]:
    """Take ``message_ids`` (those due, or left by a dead worker) and up to ``extra`` other
    messages that are due, for this attempt, under claim ``token``. A message another worker
    holds is skipped, never waited for; each message is taken by one worker at a time."""
    due = Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
    owed = OutboundMessage.objects.select_for_update(skip_locked=True)
    if not message_ids:
        chosen = owed.filter(due).order_by("next_attempt_at")
    else:
        named = Q(pk__in=message_ids) & _owed(now)
        chosen = (
            owed.filter(named | due if extra else named)
            .annotate(named=Case(When(pk__in=message_ids, then=Value(0)), default=Value(1)))
            .order_by("named", "next_attempt_at")
        )
    with transaction.atomic():
        ids = list(chosen.values_list("pk", flat=True)[: len(message_ids) + extra])
        if ids:
            OutboundMessage.objects.filter(pk__in=ids).update(
                state=DeliveryState.SENDING,
                claimed_at=now,
                claim_token=token or uuid.uuid4().hex,
                attempts=F("attempts") + 1,
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
    provider accepted it."""
    clock = now
    now = now or timezone.now()
    token = uuid.uuid4().hex
    claimed = messages_claim(message_ids, now=now, extra=extra, token=token)
    return _deliver_claimed(claimed, token=token, now=now, clock=clock)


def messages_deliver_due(*, limit: int = DELIVERY_BATCH) -> int:
    """Deliver up to ``limit`` due messages, oldest first; how many were taken (a worker
    draining the outbox goes on while it takes a full batch, ``handoff.outbox_drain``)."""
    now = timezone.now()
    token = uuid.uuid4().hex
    claimed = messages_claim([], now=now, extra=limit, token=token)
    _deliver_claimed(claimed, token=token, now=now, clock=None)
    return len(claimed)


def _deliver_claimed(
    claimed: Sequence[int], *, token: str, now: datetime, clock: datetime | None
) -> set[int]:
    if not claimed:
        return set()
    loaded = list(
        OutboundMessage.objects.select_related(
            "case__service", "case__team", "case__customer", "case__standard", "author", "person"
        )
        .prefetch_related("case__milestones")
        .filter(pk__in=claimed)
        .order_by("pk")
    )
    limited = messages_over_the_limit(loaded)
    messages = [message for message in loaded if message.pk not in limited]
    ready = _render_all(messages, renderer=MessageRenderer(now=now), now=now)
    delivered: dict[int, str] = {}  # id → what the timeline says of it
    accepted: Accepted | None = None  # the last message its provider took, not yet marked
    try:
        with Heartbeat(token, interval=heartbeat_interval()), backends.Session() as session:
            for message in ready:
                # One statement marks the message before sent and this one handed over.
                still_ours, said = _hand_over(message, token=token, now=now, accepted=accepted)
                if said is not None and accepted is not None:
                    delivered[accepted.message.pk] = said
                accepted = None
                if not still_ours:
                    continue
                outcome = _provider_take(message, session=session, now=now)
                if outcome is not None:
                    accepted = Accepted(message, outcome, at=clock or timezone.now())
            if accepted is not None:
                said = _mark_sent(accepted.message, outcome=accepted.outcome, at=accepted.at)
                if said is not None:
                    delivered[accepted.message.pk] = said
    finally:
        messages_record(delivered, now=clock or timezone.now())
    return set(delivered)


@dataclass(frozen=True)
class Accepted:
    """A message its provider accepted at ``at``, marked sent by the very next statement."""

    message: OutboundMessage
    outcome: backends.Outcome
    at: datetime


def _render_all(
    messages: Sequence[OutboundMessage], *, renderer: MessageRenderer, now: datetime
) -> list[OutboundMessage]:
    """The batch's messages with their text, each rendered once before any goes out, so that
    nothing but one statement stands between a provider's acceptance and its record. A
    message that cannot be rendered is retried later."""
    ready = []
    for message in messages:
        message.rendered_now = not message.body  # type: ignore[attr-defined]
        if not message.body:
            try:
                message.subject, message.body = renderer.render(message)
            except LookupError as error:
                _retry_later(message, error=error, now=now)
                continue
        ready.append(message)
    return ready


def _hand_over(
    message: OutboundMessage, *, token: str, now: datetime, accepted: Accepted | None
) -> tuple[bool, str | None]:
    """Mark ``message`` handed over (with its text, if rendered now) while it is still this
    worker's, and in the same statement ``accepted`` sent: whether ``message`` is still ours,
    and what the timeline will say of ``accepted`` (``None``: nothing was marked).

    Marked before the provider sees it: a worker that dies after this leaves a trace that the
    message may have gone, so that sending it again is shown as a repeat. One statement for
    both halves the round trips of a batch (ADR 0016)."""
    was_handed_over = message.handed_over_at is not None
    said, sent_columns = _sent_fields(accepted) if accepted else (None, _NO_SENT_COLUMNS)
    params: dict[str, Any] = {
        "next": message.pk,
        "token": token,
        "now": now,
        "rendered": getattr(message, "rendered_now", False),
        "subject": message.subject,
        "body": message.body,
        "sent": accepted.message.pk if accepted else None,
        "done": [DeliveryState.SENT, DeliveryState.TO_POST],
        "sending": DeliveryState.SENDING,
        **sent_columns,
    }
    with connection.cursor() as cursor:
        cursor.execute(_HAND_OVER_SQL, params)
        marked = {row[0] for row in cursor.fetchall()}
    message.repeat = was_handed_over  # type: ignore[attr-defined]
    sent_marked = accepted is not None and accepted.message.pk in marked
    return message.pk in marked, said if sent_marked else None


_HAND_OVER_SQL = f"""
UPDATE {OutboundMessage._meta.db_table} AS m SET
    handed_over_at = CASE WHEN m.id = %(next)s THEN %(now)s ELSE m.handed_over_at END,
    subject = CASE WHEN m.id = %(next)s AND %(rendered)s THEN %(subject)s ELSE m.subject END,
    body = CASE WHEN m.id = %(next)s AND %(rendered)s THEN %(body)s ELSE m.body END,
    state = CASE WHEN m.id = %(sent)s THEN %(sent_state)s ELSE m.state END,
    sent_at = CASE WHEN m.id = %(sent)s THEN %(sent_at)s ELSE m.sent_at END,
    claimed_at = CASE WHEN m.id = %(sent)s THEN NULL ELSE m.claimed_at END,
    claim_token = CASE WHEN m.id = %(sent)s THEN '' ELSE m.claim_token END,
    last_error = CASE WHEN m.id = %(sent)s THEN '' ELSE m.last_error END,
    provider_reference = CASE WHEN m.id = %(sent)s THEN %(reference)s ELSE m.provider_reference END,
    document = CASE WHEN m.id = %(sent)s THEN %(document)s ELSE m.document END
WHERE (m.id = %(next)s AND m.state = %(sending)s AND m.claim_token = %(token)s)
   OR (m.id = %(sent)s AND NOT m.state = ANY(%(done)s))
RETURNING m.id
"""

_NO_SENT_COLUMNS: dict[str, Any] = {
    "sent_state": "",
    "sent_at": None,
    "reference": "",
    "document": "",
}


def _sent_fields(accepted: Accepted) -> tuple[str | None, dict[str, Any]]:
    """What the timeline will say of a message its provider accepted, and the columns that
    record it: sent (or, for a letter, waiting to be posted)."""
    message, outcome = accepted.message, accepted.outcome
    message.claimed_at, message.claim_token, message.last_error = None, "", ""
    message.provider_reference = outcome.provider_reference
    if outcome.state == DeliveryState.TO_POST:
        message.state = DeliveryState.TO_POST
        said = Said.READY_TO_POST
    else:
        message.state, message.sent_at = DeliveryState.SENT, accepted.at
        if getattr(message, "repeat", False):
            said = Said.SENT_AGAIN
        else:
            said = Said.FAX_SENT if message.method == Method.FAX else Said.SENT
    return said, {
        "sent_state": message.state,
        "sent_at": message.sent_at,
        "reference": message.provider_reference,
        "document": message.document.name or "",
    }


def _provider_take(
    message: OutboundMessage, *, session: backends.Session, now: datetime
) -> backends.Outcome | None:
    """Hand ``message`` to its provider; ``None`` when it did not go (retried later)."""
    try:
        return session.deliver(message)
    except Exception as error:
        log.warning(
            "Delivery of message %s failed: %s",
            message.pk,
            type(error).__name__,
            extra={"case_reference": message.case.reference if message.case else None},
        )
        _retry_later(message, error=error, now=now)
        return None


def _retry_later(message: OutboundMessage, *, error: Exception, now: datetime) -> None:
    # The provider said no, so this attempt did not hand the message over.
    message.handed_over_at = None
    # A refusal the provider will repeat (an invalid number) is given up at once.
    permanent = isinstance(error, backends.PermanentFailure)
    if not permanent and not gives_up(message.attempts):
        OutboundMessage.objects.filter(pk=message.pk).update(
            state=DeliveryState.QUEUED,
            next_attempt_at=now + retry_delay(message.attempts),
            claimed_at=None,
            claim_token="",
            handed_over_at=None,
            last_error=str(error)[:2000],
        )
        return
    with transaction.atomic():
        OutboundMessage.objects.filter(pk=message.pk).update(
            state=DeliveryState.FAILED,
            claimed_at=None,
            claim_token="",
            handed_over_at=None,
            last_error=str(error)[:2000],
        )
        # Staff must see on the case that the customer has not heard from us.
        message_event_record(message, kind=Said.FAILED, at=now)


def _mark_sent(message: OutboundMessage, *, outcome: backends.Outcome, at: datetime) -> str | None:
    """Mark the batch's last accepted message on its own: what the timeline will say of it;
    ``None`` when it was already marked (a worker that took it over got there first)."""
    said, fields = _sent_fields(Accepted(message, outcome, at=at))
    updated = (
        OutboundMessage.objects.filter(pk=message.pk)
        .exclude(state__in=(DeliveryState.SENT, DeliveryState.TO_POST))
        .update(
            state=fields["sent_state"],
            sent_at=fields["sent_at"],
            claimed_at=None,
            claim_token="",
            last_error="",
            provider_reference=fields["reference"],
            document=fields["document"],
        )
    )
    return said if updated else None


def messages_record(said: Mapping[int, str], *, now: datetime) -> None:
    """Put on record what the messages ``said`` (id → what the timeline says) did, those not
    yet recorded: their timeline entries and the acknowledgements they gave, in one
    transaction. A message another recorder holds is left to it, never recorded twice."""
    if not said:
        return
    with transaction.atomic():
        messages = list(
            OutboundMessage.objects.select_for_update(skip_locked=True)
            .filter(
                pk__in=said,
                state__in=(DeliveryState.SENT, DeliveryState.TO_POST),
                recorded_at__isnull=True,
            )
            .order_by("pk")
        )
        if not messages:
            return
        OutboundMessage.objects.filter(pk__in=[m.pk for m in messages]).update(recorded_at=now)
        events = [(m, said[m.pk], m.sent_at or m.handed_over_at or now) for m in messages]
        message_events_record(events)
        _promises_kept([(m, at) for m, _said, at in events if m.state == DeliveryState.SENT])


#: What a message to a case's customer does for the case once it has gone: an acknowledgement
#: acknowledges it; a confirmation of who is dealing with it and when meets the confirmation
#: milestone (SPEC §10), which nothing else does.
def _acknowledged(at: dict[int, datetime]) -> None:
    cases_acknowledge(acknowledged_at=at)


def _confirmed(at: dict[int, datetime]) -> None:
    cases_confirm(confirmed_at=at)


_KEEPS = {Purpose.ACKNOWLEDGEMENT: _acknowledged, Purpose.CONFIRMATION: _confirmed}


def _promises_kept(sent: Sequence[tuple[OutboundMessage, datetime]]) -> None:
    """What the messages that went (each with when) did for their cases: a few statements
    per purpose however many messages."""
    for purpose, keep in _KEEPS.items():
        kept = {m.case_id: at for m, at in sent if m.case_id is not None and m.purpose == purpose}
        if kept:
            keep(kept)


def messages_record_left(*, now: datetime, limit: int = REDISPATCH_BATCH) -> int:
    """Record the messages a worker sent but died before recording (beat's job): those
    accepted more than a claim's lifetime ago, so a live worker's batch is left to it."""
    left = list(
        OutboundMessage.objects.filter(
            state__in=(DeliveryState.SENT, DeliveryState.TO_POST),
            recorded_at__isnull=True,
            handed_over_at__lt=now - claim_timeout(),
        )
        .order_by("pk")
        .values_list("pk", "method")[:limit]
    )
    said = {pk: Said.FAX_SENT if method == Method.FAX else Said.SENT for pk, method in left}
    messages_record(said, now=now)
    return len(left)


def record_sent_on_case(message: OutboundMessage, *, sent_at: datetime) -> None:
    """The timeline entry for a message that has left, and what it does for its case (the
    acknowledgement or confirmation it gives): on sending for e-mail and texts, on posting
    for letters."""
    message_event_record(message, kind=Said.SENT, at=sent_at)
    _promises_kept([(message, sent_at)])


def messages_owed(*, now: datetime, limit: int = REDISPATCH_BATCH) -> list[int]:
    """Messages whose attempt is due, or whose worker died mid-attempt."""
    return list(
        OutboundMessage.objects.filter(_owed(now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def messages_deliver_owed(*, now: datetime | None = None, limit: int = REDISPATCH_BATCH) -> int:
    """Deliver, in this process, every message owed at ``now`` (up to ``limit``); how many
    went. The beat job asks workers instead (``tasks.messages_redispatch``)."""
    owed = messages_owed(now=now or timezone.now(), limit=limit)
    return len(messages_deliver(message_ids=owed, now=now)) if owed else 0
