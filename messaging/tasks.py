"""Celery tasks: thin adapters over the delivery services."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from common.jobs import enqueue

from . import delivery, handoff


@shared_task(name="messaging.tasks.message_deliver", ignore_result=True)
def message_deliver(message_id: int) -> int:
    """Deliver the message, and with it other due messages (``delivery.DELIVERY_BATCH``)."""
    return len(delivery.messages_deliver(message_ids=[message_id], extra=delivery.DELIVERY_BATCH))


@shared_task(name="messaging.tasks.messages_drain", ignore_result=True)
def messages_drain() -> int:
    """Deliver due messages until none is left (``handoff.outbox_drain``)."""
    return handoff.outbox_drain(ask_another=lambda: enqueue(messages_drain))


@shared_task(name="messaging.tasks.messages_redispatch", ignore_result=True)
def messages_redispatch() -> int:
    """Ask again for every message still owed: lost task, broker restart, dead worker, retry;
    and record what messages a dead worker sent but never recorded."""
    now = timezone.now()
    delivery.messages_record_left(now=now)
    owed = delivery.messages_owed(now=now)
    for message_id in owed:
        enqueue(message_deliver, message_id)
    return len(owed)


def delivery_ask() -> None:
    """Once the current transaction commits, make sure a worker is draining the outbox: one
    cache round trip, and a task published only when none is queued or running."""
    transaction.on_commit(_drain_unless_draining)


def _drain_unless_draining() -> None:
    if handoff.drain_flag_claim():
        enqueue(messages_drain)
