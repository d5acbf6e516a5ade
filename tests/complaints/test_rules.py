"""The policy's rules, with dates worked out by hand (no database)."""

from datetime import UTC, date, datetime

import pytest

from complaints.domain.rules import (
    Quarter,
    add_months,
    closure_band,
    extension_allowed,
    is_late,
    parse_quarter,
    per_thousand,
    percentage,
    quarter_of,
)
from standards.domain.calendar import WorkingCalendar

CALENDAR = WorkingCalendar()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # February is shorter
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap year
        (date(2026, 10, 31), 3, date(2027, 1, 31)),  # across the year end
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("events_on", "received_on", "late"),
    [
        (date(2026, 1, 15), date(2026, 7, 15), False),  # exactly 6 months: in time
        (date(2026, 1, 15), date(2026, 7, 16), True),
        (date(2025, 8, 31), date(2026, 2, 28), False),
        (date(2025, 8, 31), date(2026, 3, 1), True),
        (date(2026, 3, 2), date(2026, 3, 2), False),  # the same day
    ],
)
def test_six_month_rule(events_on, received_on, late):
    assert is_late(events_on=events_on, received_on=received_on) is late


# Received Monday 2 March 2026 10:00 (GMT). 20 working days: 3–6, 9–13, 16–20, 23–27 March
# and Monday 30 March (day 20), after the clocks change: 17:00 BST = 16:00 UTC.
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("closed_at", "band"),
    [
        (datetime(2026, 3, 2, 11, 0, tzinfo=UTC), "within_20"),
        (datetime(2026, 3, 30, 16, 0, tzinfo=UTC), "within_20"),  # closing time on day 20
        (datetime(2026, 3, 30, 16, 1, tzinfo=UTC), "up_to_3_months"),
        (datetime(2026, 6, 2, 20, 0, tzinfo=UTC), "up_to_3_months"),  # 2 June, last day
        (datetime(2026, 6, 3, 9, 0, tzinfo=UTC), "up_to_6_months"),
        (datetime(2026, 9, 2, 12, 0, tzinfo=UTC), "up_to_6_months"),
        (datetime(2026, 9, 3, 9, 0, tzinfo=UTC), "over_6_months"),
    ],
)
def test_closure_band(closed_at, band):
    assert closure_band(received_at=RECEIVED, closed_at=closed_at, calendar=CALENDAR) == band


def test_closure_band_skips_bank_holidays():
    """Received Thursday 2 April 2026: Good Friday (3 April), Easter Monday (6 April) and the
    early May bank holiday (4 May) are not working days: 7–10 April are days 1–4, 13–17 April
    5–9, 20–24 April 10–14, 27 April–1 May 15–19, so day 20 is Tuesday 5 May (17:00 BST)."""
    received = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    on_time = datetime(2026, 5, 5, 16, 0, tzinfo=UTC)
    assert closure_band(received_at=received, closed_at=on_time, calendar=CALENDAR) == ("within_20")
    late = datetime(2026, 5, 5, 16, 1, tzinfo=UTC)
    assert closure_band(received_at=received, closed_at=late, calendar=CALENDAR) == (
        "up_to_3_months"
    )


def test_extension_only_before_the_old_date_passes():
    due = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    assert extension_allowed(due_at=due, now=datetime(2026, 3, 16, 16, 59, tzinfo=UTC))
    assert not extension_allowed(due_at=due, now=due)
    assert not extension_allowed(due_at=due, now=datetime(2026, 3, 17, 9, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("quarter", "starts_on", "ends_before"),
    [
        (Quarter(2026, 1), date(2026, 4, 1), date(2026, 7, 1)),
        (Quarter(2026, 2), date(2026, 7, 1), date(2026, 10, 1)),
        (Quarter(2026, 3), date(2026, 10, 1), date(2027, 1, 1)),
        (Quarter(2026, 4), date(2027, 1, 1), date(2027, 4, 1)),
    ],
)
def test_financial_quarters(quarter, starts_on, ends_before):
    assert (quarter.starts_on, quarter.ends_before) == (starts_on, ends_before)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 1), Quarter(2026, 1)),
        (date(2026, 6, 30), Quarter(2026, 1)),
        (date(2026, 12, 31), Quarter(2026, 3)),
        (date(2027, 1, 1), Quarter(2026, 4)),
        (date(2027, 3, 31), Quarter(2026, 4)),
    ],
)
def test_quarter_of(day, expected):
    assert quarter_of(day) == expected


def test_previous_quarter():
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2026, 3).previous() == Quarter(2026, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q1", Quarter(2026, 1)),
        (" 2026-q4 ", Quarter(2026, 4)),
        ("2026-Q5", None),
        ("2026-Q0", None),
        ("26-Q1", None),
        ("", None),
        ("2026Q1", None),
        ("x" * 5000, None),
        ("１２３４-Q1", None),  # full-width digits are digits to isdigit, not to us
    ],
)
def test_parse_quarter(text, expected):
    assert parse_quarter(text) == expected


def test_quarter_out_of_range():
    with pytest.raises(ValueError):
        Quarter(2026, 5)


def test_percentages():
    assert percentage(1, 3) == 33.3
    assert percentage(2, 3) == 66.7
    assert percentage(0, 0) is None
    assert per_thousand(5, 100_000) == 0.05
    assert per_thousand(5, 0) is None
