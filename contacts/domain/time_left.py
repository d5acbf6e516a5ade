"""How long a milestone has left, or how late it is, in the terms staff plan their day by.

Pure: the calendar and "now" are arguments. Working days are counted the way the deadline
rules count them (SPEC §3): "N working days left" means the due date is the Nth working day
after today, and "overdue by N working days" means an extension of N working days (to closing
time on the Nth working day after the due date) is the shortest that would not already have
passed. Lateness is always counted that way once the calendar date has moved past the due
date, so a deadline missed on Friday at 17:00 is "overdue by 1 working day" all weekend and
until Monday's closing time, never "40 hours" (SPEC §3). Ahead of a deadline less than a day
away, and late on the due date itself, hours (and then minutes) say more than "0 working
days".
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from standards.domain.calendar import WorkingCalendar

_ONE_DAY = timedelta(days=1)
_ONE_HOUR = timedelta(hours=1)
_ONE_MINUTE = timedelta(minutes=1)


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    MINUTES = "minutes"


@dataclass(frozen=True)
class TimeLeft:
    """``amount`` of ``unit`` left before the due time, or past it when ``overdue``.

    Zero minutes and not overdue means due this very minute.
    """

    amount: int
    unit: Unit
    overdue: bool


def time_left(*, due_at: datetime, now: datetime, calendar: WorkingCalendar) -> TimeLeft:
    """The time from ``now`` to ``due_at`` (or back from it, once past) in working terms.

    Hours are whole hours rounded down; minutes are rounded up, so a deadline half a minute
    away shows as 1 minute rather than 0.
    """
    for moment in (due_at, now):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("time_left needs aware datetimes.")
    # In UTC: Python subtracts two times of one zone as wall-clock times, which would lose or
    # gain the hour the clocks change by.
    due_at, now = due_at.astimezone(UTC), now.astimezone(UTC)
    overdue = now > due_at
    earlier, later = (due_at, now) if overdue else (now, due_at)
    span = later - earlier
    if overdue and calendar.local_date(now) > calendar.local_date(due_at):
        return TimeLeft(_working_days_late(due_at, now, calendar), Unit.WORKING_DAYS, True)
    if span >= _ONE_DAY:
        days = calendar.working_days_between(
            calendar.local_date(earlier), calendar.local_date(later)
        )
        if days >= 1:
            return TimeLeft(days, Unit.WORKING_DAYS, overdue)
    if span >= _ONE_HOUR:
        return TimeLeft(span // _ONE_HOUR, Unit.HOURS, overdue)
    return TimeLeft(-(-span // _ONE_MINUTE), Unit.MINUTES, overdue)


def _working_days_late(due_at: datetime, now: datetime, calendar: WorkingCalendar) -> int:
    """The fewest working days an extension would need to be due no earlier than ``now``
    (``now`` is on a later local date than ``due_at``): the working days after the due date up
    to today, plus one when today is not a working day or its business hours are over."""
    today = calendar.local_date(now)
    days = calendar.working_days_between(calendar.local_date(due_at), today)
    if not calendar.is_working_day(today) or now > calendar.end_of_business(today):
        days += 1
    return days
