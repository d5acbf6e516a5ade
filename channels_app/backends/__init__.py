"""Delivery backends: one module per method, each turning a rendered outbox message into a
sent e-mail, an accepted text message or a letter in the print queue.

``deliver`` is the only entry point ``channels_app.delivery`` uses; a backend raises on any
failure, and the outbox retries.
"""

from dataclasses import dataclass

from ..domain.replies import ReplyMethod
from ..models import DeliveryState, OutboundMessage


@dataclass(frozen=True)
class Outcome:
    """What a successful delivery left: ``SENT`` (the provider accepted it) or ``TO_POST`` (a
    printable letter waits in the print queue), and the provider's own reference if any."""

    state: DeliveryState
    provider_reference: str = ""


def deliver(message: OutboundMessage) -> Outcome:
    from . import email, letters, sms  # each backend pulls in its own library

    backend = {
        ReplyMethod.EMAIL: email.deliver,
        ReplyMethod.SMS: sms.deliver,
        ReplyMethod.LETTER: letters.deliver,
    }[ReplyMethod(message.method)]
    return backend(message)
