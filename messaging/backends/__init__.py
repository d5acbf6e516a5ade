"""Delivery backends: one module per method, each turning a rendered outbox message into a
sent e-mail, an accepted text message or a letter in the print queue.

``deliver`` is the only entry point ``messaging.delivery`` uses; a backend raises on any
failure, and the outbox retries, unless it raises ``PermanentFailure``.
"""

import contextlib

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

from ..domain.replies import ReplyMethod
from ..models import OutboundMessage
from . import email
from .outcome import Outcome, PermanentFailure

__all__ = ["Outcome", "PermanentFailure", "Session", "deliver"]


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
        # Texts and letters are imported when first needed: WeasyPrint alone takes a third of a
        # second to load, which a worker that only sends e-mail need never pay.
        if method is ReplyMethod.SMS:
            from . import sms

            return sms.deliver(message)
        if method is ReplyMethod.LETTER:
            from . import letters

            return letters.deliver(message)
        if self._connection is None:
            self._connection = get_connection(fail_silently=False)
            # Opened here, or Django's SMTP backend would close it after each message.
            self._connection.open()
        try:
            if method is ReplyMethod.FAX:
                # A fax is an e-mail to the fax gateway, over the batch's one connection.
                from . import fax

                return fax.deliver(message, connection=self._connection)
            return email.deliver(message, connection=self._connection)
        except Exception:
            self._drop_connection()
            raise

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
