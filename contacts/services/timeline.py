"""Notes and the customer's further messages on a case's timeline."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from ..models import (
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
)
from .steps import case_locked, ensure_open, status_move


def case_add_note(
    *, case: Case, actor: User | None, text: str, now: datetime | None = None
) -> CaseEvent:
    if not text.strip():
        raise ServiceError({"text": _("Write the note.")})
    return CaseEvent.objects.create(
        case=case, kind=EventKind.NOTE, actor=actor, text=text, created_at=now or timezone.now()
    )


@transaction.atomic
def case_add_inbound(
    *, case: Case, text: str, received_at: datetime, now: datetime | None = None
) -> Case:
    """The customer wrote again on an open case (a reply by e-mail, text or social media): the
    message goes on the timeline (a note by nobody on the staff) and a case that was awaiting
    the customer is back in progress. No acknowledgement is owed for it."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    at = min(received_at, now)
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor=None, text=text, created_at=at)
    if case.status == CaseStatus.AWAITING_CUSTOMER:
        status_move(case, CaseStatus.IN_PROGRESS, actor=None, at=at)
        case.save(update_fields=["status", "modified_at"])
    return case
