"""The per-address limit on automatic messages, applied to a batch a worker is delivering.

No address gets automatic messages more often than ``AUTOMATIC_PER_ADDRESS`` an hour, whatever
it sends: a loop with another machine, or someone flooding the web form with another person's
address, stops here. Counted at delivery, in one query a batch, rather than on the request
that records the contact (docs/adr/0037): the case and its acknowledgement are stored as
before, and the message over the limit is marked ``limited`` instead of sent.
"""

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import cast

from django.db.models import QuerySet

from .domain.flood_limit import Automatic, over_the_limit
from .models import DeliveryState, OutboundMessage, Purpose

AUTOMATIC_PER_ADDRESS = 5
AUTOMATIC_WINDOW = timedelta(hours=1)
AUTOMATIC_PURPOSES = (Purpose.ACKNOWLEDGEMENT, Purpose.OUT_OF_OFFICE)


def messages_over_the_limit(messages: Sequence[OutboundMessage]) -> set[int]:
    """Mark ``limited`` the automatic messages in ``messages`` that would exceed their
    address's limit, and return their ids (one read, one write, whatever the batch)."""
    automatic = [m for m in messages if m.purpose in AUTOMATIC_PURPOSES]
    if not automatic:
        return set()
    earliest = min(m.created_at for m in automatic)
    latest = max(m.created_at for m in automatic)
    history = automatic_messages(
        {m.recipient for m in automatic}, since=earliest - AUTOMATIC_WINDOW, until=latest
    ).values_list("pk", "recipient", "created_at")
    held = over_the_limit(
        (Automatic(key=pk, recipient=recipient, created_at=at) for pk, recipient, at in history),
        deciding={m.pk for m in automatic},
        limit=AUTOMATIC_PER_ADDRESS,
        window=AUTOMATIC_WINDOW,
    )
    ids = cast(set[int], held)  # the keys given were the messages' ids
    if ids:
        OutboundMessage.objects.filter(pk__in=ids).update(
            state=DeliveryState.LIMITED, claimed_at=None, claim_token=""
        )
    return ids


def automatic_messages(
    recipients: Collection[str], *, since: datetime, until: datetime
) -> QuerySet[OutboundMessage]:
    """The automatic messages owed to ``recipients`` between ``since`` and ``until`` that count
    against the limit, in the order they were owed (read from the partial index
    ``message_recipient_time``)."""
    return (
        OutboundMessage.objects.filter(
            recipient__in=recipients,
            purpose__in=AUTOMATIC_PURPOSES,
            created_at__gte=since,
            created_at__lte=until,
        )
        .exclude(state=DeliveryState.LIMITED)
        .order_by("created_at", "pk")
    )
