"""Moving open working-day deadlines when an office closure day is added or removed.

Milestones are grouped by their current due time, which is what their new one depends on, and
each group is moved by one ``UPDATE`` (``milestone_writer.milestones_move``, which decides the
state and writes the events): a few statements per closure, whatever the number of cases.
"""

from datetime import date, datetime, time

from django.utils import timezone

from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import (
    Rule,
    shift_for_closure,
    unshift_for_closure,
    working_day_due_soon,
)

from .models import OPEN_MILESTONE_STATES, Milestone
from .services.milestone_writer import milestones_move


def milestones_reschedule_for_closure(
    *, closure: date, added: bool, calendar: WorkingCalendar, now: datetime
) -> int:
    """Move the open, unextended working-day milestones whose window holds ``closure``.

    ``calendar`` is the calendar after the change. Returns how many milestones moved. Call it
    inside the transaction that adds or removes the closure day.
    """
    if not added and not calendar.is_working_day(closure):
        return 0  # a weekend or bank holiday was never a working day to give back
    day_start = timezone.make_aware(datetime.combine(closure, time.min), calendar.tz)
    affected = Milestone.objects.filter(
        state__in=OPEN_MILESTONE_STATES,
        rule=Rule.WORKING_DAYS,
        extended_at__isnull=True,
        starts_at__lt=day_start,
        due_at__gte=day_start,
    )
    moved = 0
    # Latest first when deadlines move later (earliest first when they move earlier), so that
    # a group moved onto the due time of a group not yet moved is not moved twice.
    groups = (
        affected.values_list("due_at", "target__due_soon_working_days")
        .order_by("-due_at" if added else "due_at")
        .distinct()
    )
    for due_at, soon_days in list(groups):
        if due_at is None:  # excluded by the due_at__gte filter; here for the type checker
            continue
        if added:
            new_due = shift_for_closure(due_at, closure, calendar)
        else:
            new_due = unshift_for_closure(due_at, calendar)
        if new_due == due_at:
            continue
        new_soon = working_day_due_soon(new_due, calendar=calendar, working_days=soon_days)
        group = affected.filter(due_at=due_at, target__due_soon_working_days=soon_days)
        moved += len(milestones_move(group, due_at=new_due, due_soon_at=new_soon, now=now))
    return moved
