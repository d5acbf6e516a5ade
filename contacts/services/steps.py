"""The steps every action on a case is made of: lock, check the time, check it is open, move
its status."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from ..domain import lifecycle
from ..models import (
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
)
from .creation import CLOCK_SKEW


def case_locked(case: Case) -> Case:
    """The case row locked for this transaction, so concurrent actions apply one at a time."""
    return Case.objects.select_for_update().get(pk=case.pk)


def action_time(case: Case, at: datetime | None, now: datetime) -> datetime:
    if at is None:
        return now
    if timezone.is_naive(at):
        raise ServiceError({"at": _("Give the time with its UTC offset.")})
    if at > now + CLOCK_SKEW:
        raise ServiceError({"at": _("The time cannot be in the future.")})
    if at < case.received_at:
        raise ServiceError({"at": _("The time cannot be before the case was received.")})
    return at


def status_move(
    case: Case, to_status: str, *, actor: User | None, at: datetime, text: str = ""
) -> None:
    if case.status == to_status:
        return
    if not lifecycle.can_move(case.status, to_status):
        raise ServiceError(
            {
                "status": _("A case that is %(from)s cannot become %(to)s.")
                % {"from": CaseStatus(case.status).label, "to": CaseStatus(to_status).label}
            }
        )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.STATUS_CHANGED,
        created_at=at,
        actor=actor,
        from_status=case.status,
        to_status=to_status,
        text=text,
    )
    case.status = to_status


def ensure_open(case: Case) -> None:
    if case.status not in lifecycle.OPEN:
        raise ServiceError(
            {
                "status": _("The case is %(status)s; reopen it first.")
                % {"status": CaseStatus(case.status).label}
            }
        )


def case_with_relations(case: Case) -> Case:
    """The case with what a message about it needs (customer, service, team)."""
    return Case.objects.select_related("customer", "service", "team").get(pk=case.pk)
