"""Celery tasks: thin adapters over the delivery services."""

from celery import shared_task
from django.utils import timezone

from common.jobs import enqueue

from . import delivery


@shared_task(name="channels_app.tasks.message_deliver", ignore_result=True)
def message_deliver(message_id: int) -> int:
    """Deliver the message, and with it other due messages (``delivery.DELIVERY_BATCH``)."""
    return len(delivery.messages_deliver(message_ids=[message_id], extra=delivery.DELIVERY_BATCH))


@shared_task(name="channels_app.tasks.messages_redispatch", ignore_result=True)
def messages_redispatch() -> int:
    """Ask again for every message still owed: lost task, broker restart, dead worker, retry."""
    owed = delivery.messages_owed(now=timezone.now())
    for message_id in owed:
        enqueue(message_deliver, message_id)
    return len(owed)


@shared_task(name="channels_app.tasks.mailboxes_fetch", ignore_result=True)
def mailboxes_fetch() -> int:
    """Accept the department mailboxes' new mail (safe to run twice or at once)."""
    from .inbound.imap import mailboxes_fetch as fetch  # imap-tools only where it is needed

    return sum(report.total for report in fetch())


@shared_task(name="channels_app.tasks.pending_uploads_purge", ignore_result=True)
def pending_uploads_purge() -> int:
    """Remove files added to contact forms that were never sent."""
    from .webforms.uploads import pending_uploads_purge as purge

    return purge(now=timezone.now())
