"""Rules of the model concerns and complaints policy (SPEC §2) as plain functions.

No Django and no database: the calendar and every moment are arguments, so each rule is tested
on its own with hand-worked dates.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, datetime

from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import within_working_days

#: Complaints are normally made within this many months of the events.
TIME_LIMIT_MONTHS = 6

WITHIN_20_DAYS = "within_20"
UP_TO_3_MONTHS = "up_to_3_months"
UP_TO_6_MONTHS = "up_to_6_months"
OVER_6_MONTHS = "over_6_months"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that month is shorter
    (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def is_late(*, events_on: date, received_on: date) -> bool:
    """Made more than 6 months after the events: accepted only with a recorded reason.

    The complaint made on the date 6 months after the events is in time."""
    return received_on > add_months(events_on, TIME_LIMIT_MONTHS)


def closure_band(*, received_at: datetime, closed_at: datetime, calendar: WorkingCalendar) -> str:
    """How long a complaint took, in the bands the Complaints Standards Authority counts.

    Within 20 working days means by closing time on the 20th working day after the date of
    receipt (SPEC §3); the month bands count calendar months from the local date of receipt,
    the last day included."""
    if closed_at <= within_working_days(received_at, 20, calendar):
        return WITHIN_20_DAYS
    received_on = calendar.local_date(received_at)
    closed_on = calendar.local_date(closed_at)
    if closed_on <= add_months(received_on, 3):
        return UP_TO_3_MONTHS
    if closed_on <= add_months(received_on, 6):
        return UP_TO_6_MONTHS
    return OVER_6_MONTHS


def extension_allowed(*, due_at: datetime, now: datetime) -> bool:
    """The complainant must hear of an extension before the old date passes."""
    return now < due_at


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of the council's financial year: quarter 1 is April to June of ``year``,
    quarter 4 January to March of ``year + 1`` (the Authority reports by financial year)."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError("A quarter is numbered 1 to 4.")
        if not 2000 <= self.year <= 2999:
            raise ValueError("The year is out of range.")

    @property
    def starts_on(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def ends_before(self) -> date:
        """The first day after the quarter."""
        return add_months(self.starts_on, 3)

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def quarter_of(day: date) -> Quarter:
    """The financial quarter ``day`` falls in."""
    months_since_april = (day.month - 4) % 12
    year = day.year if day.month >= 4 else day.year - 1
    return Quarter(year, months_since_april // 3 + 1)


def parse_quarter(text: str) -> Quarter | None:
    """``2026-Q1`` → Quarter(2026, 1); anything else → None."""
    year, sep, number = text.strip().upper().partition("-Q")
    if not sep or not (year.isascii() and year.isdigit() and len(year) == 4):
        return None
    if number not in ("1", "2", "3", "4") or not 2000 <= int(year) <= 2999:
        return None
    return Quarter(int(year), int(number))


def percentage(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent to one decimal place; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def per_thousand(count: int, population: int) -> float | None:
    return round(1000 * count / population, 2) if population else None
