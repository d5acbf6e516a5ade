"""Moving open working-day deadlines when an office closure day is added or removed.

Milestones are grouped by their current due time, which is what their new one depends on, and
each group is moved by one ``UPDATE``: a few statements per closure, whatever the number of
cases.
"""

import uuid
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Case as When_
from django.db.models import F, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import (
    Rule,
    shift_for_closure,
    unshift_for_closure,
    working_day_due_soon,
)

from .models import OPEN_MILESTONE_STATES, CaseEvent, EventKind, Milestone, MilestoneState


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
    token = uuid.uuid4()
    moved = 0
    groups = affected.values_list("due_at", "target__due_soon_working_days").distinct()
    for due_at, soon_days in groups:
        if added:
            new_due = shift_for_closure(due_at, closure, calendar)
        else:
            new_due = unshift_for_closure(due_at, calendar)
        if new_due == due_at:
            continue
        new_soon = working_day_due_soon(new_due, calendar=calendar, working_days=soon_days)
        moved += affected.filter(due_at=due_at, target__due_soon_working_days=soon_days).update(
            due_at=new_due,
            due_soon_at=Greatest(F("starts_at"), Value(new_soon)),
            revision=F("revision") + 1,
            batch_token=token,
        )
    if moved:
        _restate(token, now)
        _record(token, now)
        Milestone.objects.filter(batch_token=token).update(batch_token=None)
    return moved


def _restate(token: uuid.UUID, now: datetime) -> None:
    """Bring the moved milestones' states in line with their new times."""
    Milestone.objects.filter(batch_token=token).update(
        state=When_(
            When(due_at__lte=now, then=Value(MilestoneState.BREACHED)),
            When(due_soon_at__lte=now, then=Value(MilestoneState.DUE_SOON)),
            default=Value(MilestoneState.PENDING),
        ),
    )


def _record(token: uuid.UUID, now: datetime) -> None:
    q = connection.ops.quote_name
    batch = Milestone._meta.get_field("batch_token").get_db_prep_value(
        token, connection, prepared=False
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(CaseEvent._meta.db_table)} (case_id, kind, created_at, "
            f"milestone_id, from_status, to_status, text) "
            f"SELECT m.case_id, %s, %s, m.id, '', m.state, '' "
            f"FROM {q(Milestone._meta.db_table)} m WHERE m.batch_token = %s",
            [EventKind.DEADLINE_MOVED, now, batch],
        )
