"""Owing a message to a councillor, a clerk or a member of staff: the one way the apps built on
messaging (councillors, complaints) and its own staff notices write to the outbox.

The caller renders the text when it acts, so that what goes is what it saw; the rows are
written in the caller's transaction, one statement however many people, and a key owed before
is left as it was. Delivery is asked for once the transaction commits; if that request is lost
(the broker is down), the beat job finds the rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from contacts.models import Case

from .models import DeliveryState, OutboundMessage, RecipientKind
from .tasks import delivery_ask


@dataclass(frozen=True)
class PersonMessage:
    """One message owed to a person who is not a case's customer."""

    key: str
    person: User | None
    kind: RecipientKind
    purpose: str
    method: str
    address: str
    language: str
    subject: str
    body: str
    case: Case | None = None


def messages_owe(messages: Sequence[PersonMessage], *, now: datetime) -> None:
    """Write ``messages`` to the outbox (those whose key was owed before are left alone) and
    ask a worker for them once the caller's transaction commits."""
    if not messages:
        return
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(
                key=message.key,
                recipient_kind=message.kind,
                person=message.person,
                case=message.case,
                purpose=message.purpose,
                method=message.method,
                language=message.language,
                recipient=message.address,
                subject=message.subject[:500],
                body=message.body,
                state=DeliveryState.QUEUED,
                next_attempt_at=now,
                created_at=now,
            )
            for message in messages
        ],
        ignore_conflicts=True,
    )
    delivery_ask()
