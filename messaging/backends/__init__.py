"""Delivery backends: one module per method, each turning a rendered outbox message into a
sent e-mail, an accepted text message or a letter in the print queue.

``deliver`` is the only entry point ``messaging.delivery`` uses; a backend raises on any
failure, and the outbox retries, unless it raises ``PermanentFailure``.
"""

import contextlib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

from ..domain.replies import ReplyMethod
from ..models import DeliveryState, OutboundMessage


@dataclass(frozen=True)
class Outcome:
    """What a successful delivery left: ``SENT`` (the provider accepted it) or ``TO_POST`` (a
    printable letter waits in the print queue), and the provider's own reference if any."""

    state: DeliveryState
    provider_reference: str = ""


class PermanentFailure(Exception):
    """The provider refused the message for good (an invalid number, a rejected API key):
    trying again would fail the same way, so the message fails at once and staff see it on the
    case instead of after a day of retries."""


def deliver(message: OutboundMessage) -> Outcome:
    with Session() as session:
        return session.deliver(message)


class Session:
    """Deliveries of one batch: e-mails share one SMTP connection, opened at the first e-mail
    and closed at the end (a connection per message costs its own handshake), and dropped after
    a failure so that the next message starts afresh."""

    def __init__(self) -> None:
        self._connection: BaseEmailBackend | None = None

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc_info) -> None:
        self._drop_connection()

    def deliver(self, message: OutboundMessage) -> Outcome:
        method = ReplyMethod(message.method)
        # Each backend is imported when first needed: WeasyPrint alone takes a third of a
        # second to load, which a worker that only sends e-mail need never pay.
        if method is ReplyMethod.SMS:
            from . import sms

            return sms.deliver(message)
        if method is ReplyMethod.LETTER:
            from . import letters

            return letters.deliver(message)
        from . import email

        if self._connection is None:
            self._connection = get_connection(fail_silently=False)
            # Opened here, or Django's SMTP backend would close it after each message.
            self._connection.open()
        try:
            return email.deliver(message, connection=self._connection)
        except Exception:
            self._drop_connection()
            raise

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
