"""An officer writing to the customer about a case: the message is messaging's, the full
response it may give is ``contacts``' (``case_respond``)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from contacts.models import Case
from contacts.services import case_respond
from contacts.services.steps import case_locked, case_with_relations, ensure_open

from .outbox import reply_queue


@transaction.atomic
def case_reply(
    *,
    case: Case,
    actor: User,
    text: str,
    responds: bool = False,
    idempotency_key: str = "",
    now: datetime | None = None,
) -> Case:
    """An officer writes to the customer; with ``responds`` the reply is the full response
    the standard promised."""
    now = now or timezone.now()
    case = case_locked(case)
    if responds:
        ensure_open(case)
    reply_queue(
        case=case_with_relations(case),
        author=actor,
        text=text,
        now=now,
        idempotency_key=idempotency_key,
    )
    if responds:
        case = case_respond(case=case, actor=actor, at=now, now=now)
    return case
