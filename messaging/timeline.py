"""What the case timeline says of messages: written here and nowhere else in messaging, so
that every message event goes through the timeline's one writer (``contacts.timeline``) in one
place.

Only messages to a case's customer go on its timeline: what councillors are told is kept
beside it (``councillors.EnquiryUpdate``), and staff alerts are no part of the case's story.
"""

from datetime import datetime

from contacts.models import EventKind
from contacts.timeline import event_record

from .models import OutboundMessage, RecipientKind


class Said:
    """What happened to a message, as the timeline tells it."""

    SENT = EventKind.REPLY_SENT
    #: Sent once more after a worker died holding it: the customer may have it twice.
    SENT_AGAIN = EventKind.MESSAGE_SENT_AGAIN
    READY_TO_POST = EventKind.LETTER_READY
    FAILED = EventKind.MESSAGE_FAILED


def sent_text(message: OutboundMessage) -> str:
    """What exactly went to the customer, as the case timeline records it."""
    return f"{message.subject}\n\n{message.body}" if message.subject else message.body


def message_event_record(message: OutboundMessage, *, kind: str, at: datetime) -> None:
    """Put what happened to ``message`` on its case's timeline (nothing for messages to
    anyone but the case's customer)."""
    if message.case_id is None or message.recipient_kind != RecipientKind.CUSTOMER:
        return
    if kind == Said.FAILED:
        text = f"{message.recipient}: {message.subject or message.get_purpose_display()}"
        actor_id = None
    else:
        text, actor_id = sent_text(message), message.author_id
    event_record(case=message.case_id, kind=kind, actor=actor_id, at=at, text=text)
