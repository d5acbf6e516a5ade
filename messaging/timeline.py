"""What the case timeline says of messages: written here and nowhere else in messaging, so
that every message event goes through the timeline's one writer (``contacts.timeline``) in one
place.

Only messages to a case's customer go on its timeline: what councillors are told is kept
beside it (``councillors.EnquiryUpdate``), and staff alerts are no part of the case's story.
"""

from collections.abc import Iterable
from datetime import datetime

from contacts.models import CaseEvent, EventKind
from contacts.timeline import event_build, events_record

from .models import OutboundMessage, Purpose, RecipientKind


class Said:
    """What happened to a message, as the timeline tells it."""

    SENT = EventKind.REPLY_SENT
    #: A fax handed to the e-mail-to-fax gateway, its PDF kept on the message.
    FAX_SENT = EventKind.FAX_SENT
    #: Sent once more after a worker died holding it: the customer may have it twice.
    SENT_AGAIN = EventKind.MESSAGE_SENT_AGAIN
    READY_TO_POST = EventKind.LETTER_READY
    FAILED = EventKind.MESSAGE_FAILED


#: Sent messages the timeline names by what they are rather than "Reply sent".
_SENT_AS = {
    Purpose.EXTENSION: EventKind.EXTENSION_NOTICE_SENT,
    Purpose.CALLBACK: EventKind.CALLBACK_NOTICE_SENT,
    Purpose.RUNNING_LATE: EventKind.APPOINTMENT_NOTICE_SENT,
    Purpose.REBOOKED: EventKind.APPOINTMENT_NOTICE_SENT,
}


def sent_text(message: OutboundMessage) -> str:
    """What exactly went to the customer, as the case timeline records it."""
    return f"{message.subject}\n\n{message.body}" if message.subject else message.body


def _event_of(message: OutboundMessage, *, kind: str, at: datetime) -> CaseEvent | None:
    """The timeline entry of what happened to ``message`` (none for messages to anyone but
    the case's customer)."""
    if message.case_id is None or message.recipient_kind != RecipientKind.CUSTOMER:
        return None
    if kind == Said.FAILED:
        text = f"{message.recipient}: {message.subject or message.get_purpose_display()}"
        actor_id = None
    else:
        text, actor_id = sent_text(message), message.author_id
        if kind == Said.SENT:
            kind = _SENT_AS.get(Purpose(message.purpose), kind)
    return event_build(case=message.case_id, kind=kind, actor=actor_id, at=at, text=text)


def message_event_record(message: OutboundMessage, *, kind: str, at: datetime) -> None:
    """Put what happened to ``message`` on its case's timeline."""
    message_events_record([(message, kind, at)])


def message_events_record(happened: Iterable[tuple[OutboundMessage, str, datetime]]) -> None:
    """Put what happened to each message on its case's timeline, in one statement."""
    events = [_event_of(message, kind=kind, at=at) for message, kind, at in happened]
    events_record([event for event in events if event is not None])
