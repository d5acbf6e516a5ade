"""Writes to the calendar that move the deadlines of open cases depending on it.

The calendar is the standards app's, but closing the offices moves the deadlines of cases,
which standards cannot see: the write lives here, above both (ADR 0015)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standards.models import ClosureDay
from standards.selectors import case_rules_forget, working_calendar

from ..rescheduling import milestones_reschedule_for_closure


@transaction.atomic
def closure_day_add(
    *, day: date, reason_cy: str, reason_en: str, now: datetime | None = None
) -> tuple[ClosureDay, int]:
    """Close the offices on ``day``; open deadlines counting across it move a working day on.

    Returns the closure and how many milestones moved.
    """
    if ClosureDay.objects.filter(date=day).exists():
        raise ValidationError({"date": _("The offices are already closed on that day.")})
    closure = ClosureDay.objects.create(date=day, reason_cy=reason_cy, reason_en=reason_en)
    case_rules_forget()
    moved = milestones_reschedule_for_closure(
        closure=day, added=True, calendar=working_calendar(), now=now or timezone.now()
    )
    return closure, moved


@transaction.atomic
def closure_day_remove(*, closure: ClosureDay, now: datetime | None = None) -> int:
    day = closure.date
    closure.delete()
    case_rules_forget()
    return milestones_reschedule_for_closure(
        closure=day, added=False, calendar=working_calendar(), now=now or timezone.now()
    )
