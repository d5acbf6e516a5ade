"""E-mail through Django's e-mail backend (SMTP in production)."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage

from ..domain.replies import ReplyLanguage
from ..models import DeliveryState, OutboundMessage
from . import Outcome


def message_id(key: str) -> str:
    """A stable Message-ID, so that a resend after a lost reply is recognisable as the same
    mail."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@cyswllt>"


def deliver(message: OutboundMessage, *, connection=None) -> Outcome:
    """Send by e-mail; ``connection`` is an open SMTP connection shared by a batch."""
    case = message.case
    service = case.service
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=service.email or settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        reply_to=[case.team.mailbox] if case.team and case.team.mailbox else None,
        connection=connection,
        headers={
            "Message-ID": message_id(message.key),
            # RFC 3834: an automatic reply, which auto-responders must not answer.
            "Auto-Submitted": "auto-replied",
            "Content-Language": "cy, en"
            if message.language == ReplyLanguage.BILINGUAL
            else message.language,
        },
    )
    email.send(fail_silently=False)
    return Outcome(DeliveryState.SENT)
