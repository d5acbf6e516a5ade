"""Messages held for review after a restore from backup (docs/adr/0040).

A message owed when a backup was taken may have gone between the backup and the failure that
made the restore necessary; sending it again would repeat it to the customer with nothing to
warn. The restore holds every such message in the same transaction that brings the data back
(``HOLD_OWED_SQL``), and a person releases each one to be sent or cancels it. Delivery claims
only queued messages and those a dead worker left sending, so it never sees a held one.
"""

from collections.abc import Sequence
from datetime import datetime

from .models import DeliveryState, OutboundMessage

#: Run by the restore after the data, in its transaction: one statement however many messages.
#: The claim is dropped (its worker is gone) but ``handed_over_at`` kept, so that a message
#: released after it was handed over is sent as, and shown as, a repeat.
HOLD_OWED_SQL = (
    f"UPDATE {OutboundMessage._meta.db_table}"
    f" SET state = '{DeliveryState.HELD}', claimed_at = NULL, claim_token = ''"
    f" WHERE state IN ('{DeliveryState.QUEUED}', '{DeliveryState.SENDING}');"
)


def messages_release(*, message_ids: Sequence[int], now: datetime) -> int:
    """Send the held messages among ``message_ids`` after all; how many were released.

    They are owed again from ``now``, so beat's re-dispatch hands them to a worker within its
    interval: after a restore, a few seconds more do not matter, and delivery keeps one way in.
    """
    return OutboundMessage.objects.filter(pk__in=message_ids, state=DeliveryState.HELD).update(
        state=DeliveryState.QUEUED, next_attempt_at=now
    )


def messages_cancel(*, message_ids: Sequence[int]) -> int:
    """Never send the held messages among ``message_ids``; how many were cancelled. What a
    message would have done for its case (an acknowledgement, a confirmation) is left undone:
    whoever cancels it knows whether it went."""
    return OutboundMessage.objects.filter(pk__in=message_ids, state=DeliveryState.HELD).update(
        state=DeliveryState.CANCELLED
    )
