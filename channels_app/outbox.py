"""Owing a message: the outbox row is written in the caller's transaction and a worker is asked,
once it commits, to deliver it (``channels_app.delivery``)."""

from datetime import datetime, timedelta

from common.jobs import enqueue

from .domain.replies import ReplyMethod
from .messages import acknowledgement_plan
from .models import DeliveryState, MessageTemplate, OutboundMessage, Purpose

#: Methods with a delivery backend (``channels_app.backends``).
DELIVERABLE = frozenset({ReplyMethod.EMAIL, ReplyMethod.SMS, ReplyMethod.LETTER})
#: No address is acknowledged more often than this, whatever it sends: a loop with another
#: machine, or someone flooding the web form with another person's address, stops here.
ACKNOWLEDGEMENTS_PER_ADDRESS = 5
ACKNOWLEDGEMENT_WINDOW = timedelta(hours=1)


def acknowledgement_queue(*, case, now: datetime) -> OutboundMessage | None:
    """Owe ``case``'s customer its acknowledgement. Call inside the transaction that created
    the case, so that the case and the message it owes are stored together or not at all."""
    if (case.channel_details or {}).get("automatic"):
        return None
    plan = acknowledgement_plan(case)
    if plan is None or plan.method not in DELIVERABLE:
        return None
    # Standards that promise no acknowledgement (a compliment, an e-mail to a named officer)
    # have no template for it: nothing is owed.
    if not MessageTemplate.objects.filter(
        standard_id=case.standard_id, purpose=Purpose.ACKNOWLEDGEMENT, method=plan.method
    ).exists():
        return None
    recent = OutboundMessage.objects.filter(
        recipient=plan.recipient,
        purpose=Purpose.ACKNOWLEDGEMENT,
        created_at__gte=now - ACKNOWLEDGEMENT_WINDOW,
    )
    if recent.count() >= ACKNOWLEDGEMENTS_PER_ADDRESS:
        return None
    message = OutboundMessage.objects.create(
        key=f"case:{case.pk}:acknowledgement",
        case=case,
        purpose=Purpose.ACKNOWLEDGEMENT,
        method=plan.method,
        language=plan.language,
        recipient=plan.recipient,
        large_print=plan.method == ReplyMethod.LETTER
        and bool(case.customer and case.customer.large_print),
        state=DeliveryState.QUEUED,
        next_attempt_at=now,
        created_at=now,
    )
    from .tasks import message_deliver  # the task module imports the delivery services

    enqueue(message_deliver, message.pk)
    return message
