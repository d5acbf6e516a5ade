"""Moving open working-day deadlines when an office closure day is added or removed.

Milestones are grouped by their current due time, which is what their new one depends on, and
each group is moved by one ``UPDATE``: a few statements per closure, whatever the number of
cases.
"""

from datetime import date, datetime, time

from django.db.models import Case as Conditional
from django.db.models import F, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Greatest
from django.utils import timezone

from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import (
    Rule,
    shift_for_closure,
    unshift_for_closure,
    working_day_due_soon,
)

from .models import OPEN_MILESTONE_STATES, EventKind, Milestone, MilestoneState
from .timeline_sql import events_insert


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
    moved: list[int] = []
    groups = affected.values_list("due_at", "target__due_soon_working_days").distinct()
    for due_at, soon_days in groups:
        if due_at is None:
            continue  # cannot happen (due_at__gte above), but the column is nullable
        if added:
            new_due = shift_for_closure(due_at, closure, calendar)
        else:
            new_due = unshift_for_closure(due_at, calendar)
        if new_due == due_at:
            continue
        new_soon = working_day_due_soon(new_due, calendar=calendar, working_days=soon_days)
        group = list(
            affected.filter(due_at=due_at, target__due_soon_working_days=soon_days).values_list(
                "id", flat=True
            )
        )
        Milestone.objects.filter(id__in=group).update(
            due_at=new_due,
            due_soon_at=Greatest(F("starts_at"), Value(new_soon)),
            revision=F("revision") + 1,
            state=_state_after_move(new_due, new_soon, now),
        )
        moved.extend(group)
    if moved:
        events_insert(moved, kind=EventKind.DEADLINE_MOVED, now=now)
    return len(moved)


def _state_after_move(new_due: datetime, new_soon: datetime, now: datetime) -> Expression:
    """The state that fits the new times (the due-soon time is clamped to each row's start)."""
    if new_due <= now:
        return Value(MilestoneState.BREACHED)
    if new_soon <= now:
        return Conditional(
            When(starts_at__lte=now, then=Value(MilestoneState.DUE_SOON)),
            default=Value(MilestoneState.PENDING),
        )
    return Value(MilestoneState.PENDING)
