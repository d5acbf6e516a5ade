"""The messages owed to councillors and clerks, in the one outbox (``messaging``)."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from messaging.delivery import messages_deliver, messages_owed
from messaging.models import OutboundMessage, RecipientKind


def member_messages() -> QuerySet[OutboundMessage]:
    return OutboundMessage.objects.filter(recipient_kind=RecipientKind.MEMBER)


def member_messages_send(*, now: datetime | None = None) -> int:
    """Deliver every message owed to a member at ``now``, as the beat job's workers would; how
    many went (or wait to be posted)."""
    members = set(member_messages().values_list("pk", flat=True))
    owed = [pk for pk in messages_owed(now=now or timezone.now()) if pk in members]
    return len(messages_deliver(message_ids=owed, now=now)) if owed else 0
