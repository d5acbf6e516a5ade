"""E-mail through Django's e-mail backend (SMTP in production)."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage

from ..domain.replies import ReplyLanguage
from ..models import DeliveryState, OutboundMessage, RecipientKind
from .outcome import Outcome


def message_id(key: str) -> str:
    """A stable Message-ID, so that a resend after a lost reply is recognisable as the same
    mail."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@cyswllt>"


def deliver(message: OutboundMessage, *, connection=None) -> Outcome:
    """Send by e-mail; ``connection`` is an open SMTP connection shared by a batch. A customer's
    message comes from the case's service and is answered to its team; others come from
    Cyswllt itself."""
    case = message.case if message.recipient_kind == RecipientKind.CUSTOMER else None
    to_customer = case is not None
    team = case.team if case is not None else None
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=(case.service.email if case is not None else "") or settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        reply_to=[team.mailbox] if team is not None and team.mailbox else None,
        connection=connection,
        headers={
            "Message-ID": message_id(message.key),
            # RFC 3834: an automatic message, which auto-responders must not answer.
            "Auto-Submitted": "auto-replied" if to_customer else "auto-generated",
            "Content-Language": "cy, en"
            if message.language == ReplyLanguage.BILINGUAL
            else message.language,
        },
    )
    email.send(fail_silently=False)
    return Outcome(DeliveryState.SENT)
