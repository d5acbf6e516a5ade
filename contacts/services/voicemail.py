"""A voicemail's acknowledgement deadline when the officer it was left for is away (SPEC §10,
docs/adr/0022-voicemail-deadline-and-absences.md): the pure rule is
``standards.domain.voicemail``; this reads the officer's absences for it."""

from collections.abc import Sequence
from datetime import UTC, date, datetime

from accounts.models import Absence, User
from standards import milestone_kinds
from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import Deadline, working_day_due_soon
from standards.domain.voicemail import Away, voicemail_acknowledge_by

from ..models import Milestone
from .milestone_writer import Timing, milestone_build


def officer_away(officer_id: int, *, from_day: date) -> list[Away]:
    """The officer's absences that have not ended by ``from_day``, with who covers each (one
    query)."""
    return [
        Away(first_day=first, last_day=last, covered=cover is not None, cover_id=cover)
        for first, last, cover in Absence.objects.filter(user_id=officer_id, ends_on__gte=from_day)
        .order_by("starts_on")
        .values_list("starts_on", "ends_on", "cover_id")
    ]


def voicemail_milestones(
    milestones: Sequence[Milestone],
    *,
    officer: User,
    received_at: datetime,
    calendar: WorkingCalendar,
) -> list[Milestone]:
    """``milestones`` of a new voicemail case, its acknowledgement re-timed for the absences of
    ``officer`` (one query; nothing changes when they are not away)."""
    away = officer_away(officer.pk, from_day=calendar.local_date(received_at))
    if not away:
        return list(milestones)
    deadline = voicemail_acknowledge_by(received_at, away=away, calendar=calendar)
    result = []
    for milestone in milestones:
        if milestone.kind == milestone_kinds.ACKNOWLEDGE and milestone.due_at != deadline.due_at:
            due_soon_at = working_day_due_soon(
                deadline.due_at,
                calendar=calendar,
                working_days=milestone.target.due_soon_working_days,
            )
            start = received_at.astimezone(UTC)
            milestone = milestone_build(
                target=milestone.target,
                kind=milestone.kind,
                timing=Timing(
                    rule=milestone.rule,
                    starts_at=milestone.starts_at,
                    deadline=Deadline(
                        deadline.due_at, min(max(due_soon_at, start), deadline.due_at)
                    ),
                ),
            )
        result.append(milestone)
    return result
