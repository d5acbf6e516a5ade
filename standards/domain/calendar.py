"""The council's working calendar (SPEC §3, "Time", in docs/spec.md).

A working day is Monday to Friday, except England-and-Wales bank holidays and the office
closure days an administrator adds. Everything here is plain Python so the rules can be tested
exhaustively without a database; callers build a ``WorkingCalendar`` from whatever they store.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")

# No real calendar has a year of consecutive non-working days; hitting this means the closures
# are wrong, and failing loudly beats looping forever.
_MAX_SEARCH_DAYS = 366
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@functools.lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England-and-Wales bank holidays of ``year``, substitute ("observed") days included.

    The ``holidays`` package is deterministic for a given version, so the result is cached.
    Weekend dates it lists (e.g. Christmas on a Saturday) are harmless: weekends never work.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year).keys())


class WorkingTimeProblem(StrEnum):
    """Why a moment is not working time."""

    NOT_A_WORKING_DAY = "not_a_working_day"
    OUTSIDE_BUSINESS_HOURS = "outside_business_hours"


@dataclass(frozen=True)
class BusinessHours:
    """Office opening hours; ``closes`` is the "end of business" of a working-day deadline."""

    opens: time = time(9)
    closes: time = time(17)

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError("Business hours must open before they close.")


def _require_date(day: date) -> None:
    # A datetime is a date subclass but never equals one, so it would silently miss every
    # holiday and closure lookup.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError("Expected a date, not a datetime or another type.")


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days the council works, its hours, and the time zone deadlines are set in."""

    closures: frozenset[date] = frozenset()
    hours: BusinessHours = BusinessHours()
    tz: ZoneInfo = LONDON

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a bank holiday and not an office closure."""
        _require_date(day)
        return (
            day.weekday() < _SATURDAY
            and day not in self.closures
            and day not in bank_holidays(day.year)
        )

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._step(day, _ONE_DAY)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self._step(day, -_ONE_DAY)

    def _step(self, day: date, step: timedelta) -> date:
        _require_date(day)
        current = day
        for _ in range(_MAX_SEARCH_DAYS):
            current += step
            if self.is_working_day(current):
                return current
        raise ValueError(f"No working day within {_MAX_SEARCH_DAYS} days of {day.isoformat()}.")

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day``.

        ``day`` itself never counts, working or not: that is how "within N working days of
        receipt" is defined, so a Saturday receipt makes the following Monday day 1.
        """
        if n < 1:
            raise ValueError("The number of working days must be at least 1.")
        current = day
        for _ in range(n):
            current = self.next_working_day(current)
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days ``d`` satisfy ``start < d <= end`` (0 if ``end <= start``).

        Counted arithmetically rather than day by day, because reports call this per case over
        spans of months.
        """
        _require_date(start)
        _require_date(end)
        if end <= start:
            return 0
        weeks, extra_days = divmod((end - start).days, 7)
        weekdays = weeks * 5 + sum(
            1 for i in range(1, extra_days + 1) if (start + i * _ONE_DAY).weekday() < _SATURDAY
        )
        days_off = set(self.closures)
        for year in range(start.year, end.year + 1):
            days_off |= bank_holidays(year)
        weekdays_off = sum(1 for d in days_off if start < d <= end and d.weekday() < _SATURDAY)
        return weekdays - weekdays_off

    def end_of_business(self, day: date) -> datetime:
        """``day`` at closing time, as an aware datetime in the calendar's time zone."""
        _require_date(day)
        return datetime.combine(day, self.hours.closes, tzinfo=self.tz)

    def start_of_business(self, day: date) -> datetime:
        """``day`` at opening time, as an aware datetime in the calendar's time zone."""
        _require_date(day)
        return datetime.combine(day, self.hours.opens, tzinfo=self.tz)

    def working_time_problem(self, moment: datetime) -> WorkingTimeProblem | None:
        """Why ``moment`` is not a time the office works (``None`` when it is): a day that is
        not a working day, or a working day outside business hours. Opening and closing time
        themselves are inside, since a working-day deadline falls at closing time."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("A naive datetime has no time in a time zone; pass an aware one.")
        local = moment.astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return WorkingTimeProblem.NOT_A_WORKING_DAY
        if not self.hours.opens <= local.time() <= self.hours.closes:
            return WorkingTimeProblem.OUTSIDE_BUSINESS_HOURS
        return None

    def local_date(self, moment: datetime) -> date:
        """The calendar date of ``moment`` in the calendar's time zone (not UTC's date)."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("A naive datetime has no date in a time zone; pass an aware one.")
        return moment.astimezone(self.tz).date()
