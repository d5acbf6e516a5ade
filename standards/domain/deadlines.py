"""Deadline rules of the Customer Care Standards (SPEC §3, "Time", in docs/spec.md).

Pure functions: the calendar and every moment ("received", "now", "scheduled") are arguments,
so the rules are testable without a database or a frozen clock. Inputs must be aware datetimes;
outputs are always aware and in UTC, which is how they are stored.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from standards.domain.calendar import WorkingCalendar


class Rule(StrEnum):
    """How a target's ``amount`` turns into a due time."""

    # 17:00 (closing time) local on the Nth working day after the local date of receipt.
    WORKING_DAYS = "working_days"
    # H real hours after receipt: across a clock change the local wall time shifts by an hour.
    HOURS = "hours"
    # M minutes after a scheduled time (appointment, agreed visit time).
    MINUTES_AFTER_SCHEDULED = "minutes_after_scheduled"
    # Exactly at the agreed time (e.g. a callback); the amount is ignored.
    AT_SCHEDULED = "at_scheduled"
    # No deadline, only measured (e.g. reception waiting time).
    MEASURED = "measured"
    # Closing time on the same date N calendar months after the local date of receipt (e.g. a
    # subject access request: one month, extendable by two more). See within_calendar_months.
    CALENDAR_MONTHS = "calendar_months"


class DeadlineError(ValueError):
    """A deadline cannot be computed from the inputs; the message is plain English."""


@dataclass(frozen=True)
class DueSoonThreshold:
    """When an open milestone starts to count as "due soon".

    ``working_days`` applies to working-day rules (due soon once fewer than this many working
    days are left; 0 means never before the due time). ``fraction`` applies to the other rules
    (due soon once less than this fraction of the span is left).
    """

    working_days: int = 1
    fraction: Fraction | float = 0.25

    def __post_init__(self) -> None:
        if self.working_days < 0:
            raise DeadlineError("The due-soon threshold in working days cannot be negative.")
        if not 0 <= self.fraction <= 1:
            raise DeadlineError("The due-soon fraction must be between 0 and 1.")


@dataclass(frozen=True)
class Deadline:
    """A due time and the moment the milestone becomes "due soon"; both None when measured.

    ``due_soon_at`` is never earlier than the start of the span and never later than ``due_at``.
    """

    due_at: datetime | None
    due_soon_at: datetime | None


def _require_aware(moment: datetime | None, name: str) -> datetime:
    if moment is None:
        raise DeadlineError(f"The {name} time is required for this rule.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DeadlineError(f"The {name} time must include a time zone.")
    return moment.astimezone(UTC)


def _coerce_rule(rule: Rule | str) -> Rule:
    # Rules arrive as plain strings from storage; an unknown one is a data error, not a crash.
    try:
        return Rule(rule)
    except ValueError:
        raise DeadlineError(f"Unknown deadline rule: {rule!r}.") from None


def _require_amount(amount: int | None, minimum: int, what: str) -> int:
    if amount is None or amount < minimum:
        raise DeadlineError(f"The number of {what} must be at least {minimum}.")
    return amount


def _before(due_at: datetime, fraction: Fraction | float, span: timedelta) -> datetime:
    """``due_at`` minus ``fraction`` of ``span``, exact to the microsecond (Fraction-safe)."""
    microseconds = span // timedelta(microseconds=1)
    return due_at - timedelta(microseconds=round(Fraction(fraction) * microseconds))


def _clamp(moment: datetime, earliest: datetime, latest: datetime) -> datetime:
    return min(max(moment, earliest), latest)


def _working_day_due_soon(
    due_at: datetime, *, start: datetime, calendar: WorkingCalendar, working_days: int
) -> datetime:
    """Closing time ``working_days`` working days before the due date, kept inside the span."""
    if working_days == 0:
        return due_at
    day = calendar.local_date(due_at)
    for _ in range(working_days):
        day = calendar.previous_working_day(day)
    return _clamp(calendar.end_of_business(day).astimezone(UTC), start, due_at)


def within_working_days(received_at: datetime, n: int, calendar: WorkingCalendar) -> datetime:
    """Closing time on the ``n``-th working day after the local date of receipt.

    The receipt date never counts, whatever the time of day and whether or not it was a working
    day, so receipts at 00:00 and at 23:59 on the same date are due at the same moment.
    """
    received_at = _require_aware(received_at, "received")
    n = _require_amount(n, 1, "working days")
    due_day = calendar.add_working_days(calendar.local_date(received_at), n)
    return calendar.end_of_business(due_day).astimezone(UTC)


def within_calendar_months(received_at: datetime, n: int, calendar: WorkingCalendar) -> datetime:
    """Closing time on the date ``n`` calendar months after the local date of receipt.

    As the Information Commissioner counts a subject access request's month: the receipt date
    is day 0, whatever the time and whether or not it was a working day, and the deadline is
    the same date ``n`` months on (3 September -> 3 October). A month without that date ends
    on its last day (31 January -> 28 or 29 February). A deadline that falls on a day the
    council does not work moves to the next working day.
    """
    received_at = _require_aware(received_at, "received")
    n = _require_amount(n, 1, "calendar months")
    received_on = calendar.local_date(received_at)
    year, month_index = divmod(received_on.month - 1 + n, 12)
    year += received_on.year
    month = month_index + 1
    due_day = date(year, month, min(received_on.day, monthrange(year, month)[1]))
    if not calendar.is_working_day(due_day):
        due_day = calendar.next_working_day(due_day)
    return calendar.end_of_business(due_day).astimezone(UTC)


def end_of_following_working_day(received_at: datetime, calendar: WorkingCalendar) -> datetime:
    """ "By the end of the following working day": the same as one working day."""
    return within_working_days(received_at, 1, calendar)


def within_hours(received_at: datetime, hours: int) -> datetime:
    """``hours`` elapsed real hours after receipt (UTC arithmetic, so DST shifts wall time)."""
    received_at = _require_aware(received_at, "received")
    return received_at + timedelta(hours=_require_amount(hours, 1, "hours"))


def minutes_after(scheduled_at: datetime, minutes: int) -> datetime:
    """``minutes`` after an appointment or agreed time (0 means exactly on time)."""
    scheduled_at = _require_aware(scheduled_at, "scheduled")
    return scheduled_at + timedelta(minutes=_require_amount(minutes, 0, "minutes"))


def compute_deadline(
    rule: Rule,
    amount: int | None,
    *,
    received_at: datetime,
    calendar: WorkingCalendar,
    scheduled_at: datetime | None = None,
    threshold: DueSoonThreshold = DueSoonThreshold(),
) -> Deadline:
    """The due time and due-soon time of one milestone under ``rule``."""
    rule = _coerce_rule(rule)
    received_at = _require_aware(received_at, "received")

    if rule is Rule.MEASURED:
        return Deadline(due_at=None, due_soon_at=None)

    if rule is Rule.WORKING_DAYS:
        n = _require_amount(amount, 1, "working days")
        due_at = within_working_days(received_at, n, calendar)
        due_soon_at = _working_day_due_soon(
            due_at, start=received_at, calendar=calendar, working_days=threshold.working_days
        )
        return Deadline(due_at=due_at, due_soon_at=due_soon_at)

    if rule is Rule.CALENDAR_MONTHS:
        due_at = within_calendar_months(
            received_at, _require_amount(amount, 1, "calendar months"), calendar
        )
        due_soon_at = _working_day_due_soon(
            due_at, start=received_at, calendar=calendar, working_days=threshold.working_days
        )
        return Deadline(due_at=due_at, due_soon_at=due_soon_at)

    if rule is Rule.HOURS:
        due_at = within_hours(received_at, _require_amount(amount, 1, "hours"))
        return Deadline(due_at, _before(due_at, threshold.fraction, due_at - received_at))

    scheduled_at = _require_aware(scheduled_at, "scheduled")
    if rule is Rule.MINUTES_AFTER_SCHEDULED:
        due_at = minutes_after(scheduled_at, _require_amount(amount, 0, "minutes"))
        return Deadline(due_at, _before(due_at, threshold.fraction, due_at - scheduled_at))

    # Rule.AT_SCHEDULED: the span runs from receipt to the agreed time.
    if scheduled_at <= received_at:
        return Deadline(due_at=scheduled_at, due_soon_at=scheduled_at)
    due_soon_at = _before(scheduled_at, threshold.fraction, scheduled_at - received_at)
    return Deadline(scheduled_at, _clamp(due_soon_at, received_at, scheduled_at))


def extend_deadline(
    rule: Rule,
    *,
    new_due_at: datetime,
    now: datetime,
    calendar: WorkingCalendar,
    threshold: DueSoonThreshold = DueSoonThreshold(),
) -> Deadline:
    """The deadline after staff set a new due time (the reason is recorded by the caller).

    The due-soon time is recomputed from ``now``, the start of the extended span.
    """
    new_due_at = _require_aware(new_due_at, "new due")
    now = _require_aware(now, "current")
    rule = _coerce_rule(rule)
    if rule is Rule.MEASURED:
        raise DeadlineError("A measured standard has no deadline to extend.")
    if new_due_at <= now:
        raise DeadlineError("The new due time must be in the future.")
    if rule in (Rule.WORKING_DAYS, Rule.CALENDAR_MONTHS):
        due_soon_at = _working_day_due_soon(
            new_due_at, start=now, calendar=calendar, working_days=threshold.working_days
        )
    else:
        due_soon_at = _before(new_due_at, threshold.fraction, new_due_at - now)
    return Deadline(due_at=new_due_at, due_soon_at=due_soon_at)


def shift_for_closure(due_at: datetime, closure: date, calendar_after: WorkingCalendar) -> datetime:
    """Move a working-day due time later because an office closure day was added.

    Precondition (checked by the caller, who knows the receipt date): the milestone is open, its
    rule is WORKING_DAYS, and receipt date < ``closure`` <= the local due date.
    ``calendar_after`` already contains ``closure``. Losing one working day inside the window
    makes the due day the next working day after the old one.

    A closure on a day that was not a working day anyway (a weekend or bank holiday), or after
    the due date, changes nothing and the due time is returned unchanged.
    """
    due_at = _require_aware(due_at, "due")
    if closure not in calendar_after.closures:
        raise DeadlineError("The calendar after the change must contain the new closure.")
    calendar_before = replace(calendar_after, closures=calendar_after.closures - {closure})
    due_day = calendar_after.local_date(due_at)
    if closure > due_day or not calendar_before.is_working_day(closure):
        return due_at
    new_day = calendar_after.next_working_day(due_day)
    return calendar_after.end_of_business(new_day).astimezone(UTC)


def unshift_for_closure(due_at: datetime, calendar_after: WorkingCalendar) -> datetime:
    """Move a working-day due time earlier because an office closure day was removed.

    Precondition (checked by the caller): the milestone is open, its rule is WORKING_DAYS, the
    removed closure fell on a weekday that is not a bank holiday, receipt date < closure < the
    local due date, and ``calendar_after`` no longer contains it. Gaining one working day inside
    the window makes the due day the previous working day before the old one.
    """
    due_at = _require_aware(due_at, "due")
    new_day = calendar_after.previous_working_day(calendar_after.local_date(due_at))
    return calendar_after.end_of_business(new_day).astimezone(UTC)


def working_day_due_soon(
    due_at: datetime, *, calendar: WorkingCalendar, working_days: int
) -> datetime:
    """Closing time ``working_days`` working days before the local due date, not clamped to a
    span: for callers that clamp to each milestone's own start in SQL."""
    due_at = _require_aware(due_at, "due")
    earliest = datetime.min.replace(tzinfo=UTC)
    return _working_day_due_soon(
        due_at, start=earliest, calendar=calendar, working_days=working_days
    )
