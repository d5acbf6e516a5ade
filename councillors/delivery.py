"""Sending the messages owed to councillors and clerks (``councillors.notices``).

Each message is claimed before it is sent (skipping those another worker holds), so two
workers never send the same one; a claim left by a worker that died is taken over after
``CLAIM_TIMEOUT``; failures are retried with the outbox's backoff and given up after as many
attempts. A letter waits, ready to post, in the admin's list of messages to members.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from messaging.backends import PermanentFailure
from messaging.backends import sms as sms_backend
from messaging.backends.email import message_id
from messaging.domain.retries import gives_up, retry_delay

from .models import ContactMethod, MemberMessage, MessageState

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)
BATCH_SIZE = 100


def member_messages_claim(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    with transaction.atomic():
        ids = list(
            MemberMessage.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=MessageState.QUEUED, next_attempt_at__lte=now)
                | Q(state=MessageState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
            )
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        MemberMessage.objects.filter(id__in=ids).update(
            state=MessageState.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return ids


def _send(message: MemberMessage) -> str:
    """Hand the message to its method; the state it is left in."""
    if message.method == ContactMethod.SMS:
        sms_backend.backend().send(
            phone_number=message.address,
            body=f"{message.subject}\n\n{message.body}",
            reference=message.key,
        )
        return MessageState.SENT
    if message.method == ContactMethod.LETTER:
        return MessageState.TO_POST
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers={"Message-ID": message_id(message.key), "Content-Language": message.language},
    ).send(fail_silently=False)
    return MessageState.SENT


def member_messages_send(*, now: datetime | None = None) -> int:
    """Send every message that is due; how many left (or wait to be posted)."""
    now = now or timezone.now()
    sent = 0
    for message in MemberMessage.objects.filter(id__in=member_messages_claim(now=now)).order_by(
        "id"
    ):
        try:
            state = _send(message)
        except Exception as error:
            log.warning("Message %s to a member failed: %s", message.key, error)
            failed = isinstance(error, PermanentFailure) or gives_up(message.attempts)
            MemberMessage.objects.filter(pk=message.pk).update(
                state=MessageState.FAILED if failed else MessageState.QUEUED,
                next_attempt_at=now if failed else now + retry_delay(message.attempts),
                claimed_at=None,
                last_error=str(error)[:2000],
            )
            continue
        MemberMessage.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
            state=state,
            sent_at=timezone.now() if state == MessageState.SENT else None,
            claimed_at=None,
            last_error="",
        )
        sent += 1
    return sent
