"""The working calendar: which days count, and where business days begin and end.

Every expected value below was worked out by hand from a printed calendar and the published
England-and-Wales bank holidays; none is recomputed by the code under test.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from standards.domain.calendar import (
    LONDON,
    BusinessHours,
    WorkingCalendar,
    WorkingTimeProblem,
    bank_holidays,
)

DEFAULT = WorkingCalendar()
# An administrator closes the office between Christmas and New Year 2026.
XMAS_CLOSED = WorkingCalendar(
    closures=frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
)
HALF_FOUR = WorkingCalendar(hours=BusinessHours(opens=time(8, 30), closes=time(16, 30)))


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2026, 1, 1), id="new-year-2026-thu"),
        pytest.param(date(2026, 4, 3), id="good-friday-2026"),
        pytest.param(date(2026, 4, 6), id="easter-monday-2026"),
        pytest.param(date(2026, 5, 4), id="early-may-2026"),
        pytest.param(date(2026, 5, 25), id="spring-2026"),
        pytest.param(date(2026, 8, 31), id="summer-2026"),
        pytest.param(date(2026, 12, 25), id="christmas-2026-fri"),
        pytest.param(date(2026, 12, 28), id="boxing-day-2026-substitute-mon"),
        pytest.param(date(2027, 12, 27), id="christmas-2027-substitute-mon"),
        pytest.param(date(2027, 12, 28), id="boxing-day-2027-substitute-tue"),
        pytest.param(date(2028, 1, 3), id="new-year-2028-substitute-mon"),
    ],
)
def test_bank_holidays_include_welsh_dates(day: date) -> None:
    """The holidays package gives the England-and-Wales dates, substitute days included."""
    assert day in bank_holidays(day.year)


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2026, 3, 2), id="ordinary-monday"),
        pytest.param(date(2026, 12, 29), id="tue-after-christmas-2026"),
        pytest.param(date(2027, 12, 29), id="wed-after-christmas-2027"),
        pytest.param(date(2026, 3, 17), id="st-patricks-day-is-not-welsh"),
        pytest.param(date(2026, 3, 1), id="st-davids-day-is-not-a-bank-holiday"),
    ],
)
def test_bank_holidays_exclude_ordinary_days(day: date) -> None:
    assert day not in bank_holidays(day.year)


def test_bank_holidays_are_cached_frozensets() -> None:
    """Deterministic per year, so the same immutable object comes back."""
    assert isinstance(bank_holidays(2026), frozenset)
    assert bank_holidays(2026) is bank_holidays(2026)


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 2), True, id="monday"),
        pytest.param(DEFAULT, date(2026, 3, 6), True, id="friday"),
        pytest.param(DEFAULT, date(2026, 3, 7), False, id="saturday"),
        pytest.param(DEFAULT, date(2026, 3, 8), False, id="sunday"),
        pytest.param(DEFAULT, date(2026, 4, 3), False, id="good-friday"),
        pytest.param(DEFAULT, date(2026, 4, 6), False, id="easter-monday"),
        pytest.param(DEFAULT, date(2026, 4, 7), True, id="tue-after-easter"),
        pytest.param(DEFAULT, date(2026, 12, 28), False, id="boxing-day-substitute-2026"),
        pytest.param(DEFAULT, date(2026, 12, 29), True, id="dec-29-2026-open"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 29), False, id="dec-29-2026-closed"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 24), True, id="dec-24-2026-not-closed"),
        pytest.param(DEFAULT, date(2027, 12, 27), False, id="christmas-substitute-2027"),
        pytest.param(DEFAULT, date(2027, 12, 28), False, id="boxing-substitute-2027"),
        pytest.param(DEFAULT, date(2027, 12, 29), True, id="dec-29-2027"),
        pytest.param(DEFAULT, date(2028, 1, 3), False, id="new-year-substitute-2028"),
        pytest.param(DEFAULT, date(2028, 1, 4), True, id="jan-4-2028"),
    ],
)
def test_is_working_day(calendar: WorkingCalendar, day: date, expected: bool) -> None:
    assert calendar.is_working_day(day) is expected


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 2), date(2026, 3, 3), id="mon-to-tue"),
        pytest.param(DEFAULT, date(2026, 3, 6), date(2026, 3, 9), id="fri-to-mon"),
        pytest.param(DEFAULT, date(2026, 3, 7), date(2026, 3, 9), id="sat-to-mon"),
        pytest.param(DEFAULT, date(2026, 3, 8), date(2026, 3, 9), id="sun-to-mon"),
        pytest.param(DEFAULT, date(2026, 4, 2), date(2026, 4, 7), id="over-easter"),
        pytest.param(DEFAULT, date(2026, 5, 1), date(2026, 5, 5), id="over-early-may"),
        pytest.param(DEFAULT, date(2026, 5, 22), date(2026, 5, 26), id="over-spring"),
        pytest.param(DEFAULT, date(2026, 8, 28), date(2026, 9, 1), id="over-summer"),
        pytest.param(DEFAULT, date(2026, 12, 24), date(2026, 12, 29), id="over-christmas-2026"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 24), date(2027, 1, 4), id="over-closure-2026"),
        pytest.param(DEFAULT, date(2027, 12, 24), date(2027, 12, 29), id="over-christmas-2027"),
        pytest.param(DEFAULT, date(2027, 12, 31), date(2028, 1, 4), id="over-new-year-2028"),
    ],
)
def test_next_working_day(calendar: WorkingCalendar, day: date, expected: date) -> None:
    assert calendar.next_working_day(day) == expected


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 3), date(2026, 3, 2), id="tue-to-mon"),
        pytest.param(DEFAULT, date(2026, 3, 9), date(2026, 3, 6), id="mon-to-fri"),
        pytest.param(DEFAULT, date(2026, 3, 8), date(2026, 3, 6), id="sun-to-fri"),
        pytest.param(DEFAULT, date(2026, 4, 7), date(2026, 4, 2), id="over-easter"),
        pytest.param(DEFAULT, date(2026, 12, 29), date(2026, 12, 24), id="over-christmas-2026"),
        pytest.param(XMAS_CLOSED, date(2027, 1, 4), date(2026, 12, 24), id="over-closure-2026"),
        pytest.param(DEFAULT, date(2027, 12, 29), date(2027, 12, 24), id="over-christmas-2027"),
        pytest.param(DEFAULT, date(2028, 1, 4), date(2027, 12, 31), id="over-new-year-2028"),
    ],
)
def test_previous_working_day(calendar: WorkingCalendar, day: date, expected: date) -> None:
    assert calendar.previous_working_day(day) == expected


@pytest.mark.parametrize(
    ("calendar", "day", "n", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 2), 10, date(2026, 3, 16), id="spec-example"),
        pytest.param(DEFAULT, date(2026, 3, 6), 1, date(2026, 3, 9), id="fri-plus-1"),
        pytest.param(DEFAULT, date(2026, 3, 7), 1, date(2026, 3, 9), id="sat-plus-1"),
        pytest.param(DEFAULT, date(2026, 3, 8), 1, date(2026, 3, 9), id="sun-plus-1"),
        pytest.param(DEFAULT, date(2026, 3, 6), 5, date(2026, 3, 13), id="fri-plus-5"),
        pytest.param(DEFAULT, date(2026, 4, 1), 3, date(2026, 4, 8), id="easter-plus-3"),
        pytest.param(DEFAULT, date(2026, 3, 30), 10, date(2026, 4, 15), id="easter-plus-10"),
        pytest.param(DEFAULT, date(2026, 4, 30), 2, date(2026, 5, 5), id="early-may"),
        pytest.param(DEFAULT, date(2026, 5, 18), 10, date(2026, 6, 2), id="spring"),
        pytest.param(DEFAULT, date(2026, 8, 24), 10, date(2026, 9, 8), id="summer"),
        pytest.param(DEFAULT, date(2026, 12, 21), 5, date(2026, 12, 30), id="christmas-2026"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 21), 5, date(2027, 1, 5), id="closure-2026"),
        pytest.param(DEFAULT, date(2027, 12, 20), 5, date(2027, 12, 29), id="christmas-2027"),
        pytest.param(DEFAULT, date(2027, 12, 30), 2, date(2028, 1, 4), id="new-year-2028"),
    ],
)
def test_add_working_days(calendar: WorkingCalendar, day: date, n: int, expected: date) -> None:
    assert calendar.add_working_days(day, n) == expected


@pytest.mark.parametrize("n", [pytest.param(0, id="zero"), pytest.param(-1, id="negative")])
def test_add_working_days_needs_at_least_one(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        DEFAULT.add_working_days(date(2026, 3, 2), n)


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 2), date(2026, 3, 16), 10, id="spec-example"),
        pytest.param(DEFAULT, date(2026, 3, 2), date(2026, 3, 2), 0, id="same-day"),
        pytest.param(DEFAULT, date(2026, 3, 16), date(2026, 3, 2), 0, id="end-before-start"),
        pytest.param(DEFAULT, date(2026, 3, 6), date(2026, 3, 9), 1, id="fri-to-mon"),
        pytest.param(DEFAULT, date(2026, 3, 7), date(2026, 3, 8), 0, id="weekend-only"),
        pytest.param(DEFAULT, date(2026, 4, 1), date(2026, 4, 8), 3, id="over-easter"),
        pytest.param(DEFAULT, date(2026, 12, 21), date(2026, 12, 30), 5, id="christmas-2026"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 21), date(2026, 12, 30), 3, id="closure-2026"),
        pytest.param(DEFAULT, date(2026, 12, 21), date(2027, 1, 5), 8, id="new-year-2027"),
        pytest.param(XMAS_CLOSED, date(2026, 12, 21), date(2027, 1, 5), 5, id="closed-new-year"),
        pytest.param(DEFAULT, date(2027, 12, 31), date(2028, 1, 4), 1, id="new-year-2028"),
        # 261 weekdays in 2026, less 8 weekday bank holidays (Boxing Day is a Saturday).
        pytest.param(DEFAULT, date(2025, 12, 31), date(2026, 12, 31), 253, id="whole-2026"),
    ],
)
def test_working_days_between(
    calendar: WorkingCalendar, start: date, end: date, expected: int
) -> None:
    assert calendar.working_days_between(start, end) == expected


def test_working_days_between_agrees_with_day_by_day_count() -> None:
    """The arithmetic count matches walking day by day, for spans over Christmas 2026."""
    start = date(2026, 12, 1)
    for length in range(0, 60):
        end = start + timedelta(days=length)
        walked = sum(
            1 for i in range(1, length + 1) if XMAS_CLOSED.is_working_day(start + timedelta(i))
        )
        assert XMAS_CLOSED.working_days_between(start, end) == walked, end


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 16), datetime(2026, 3, 16, 17, tzinfo=UTC), id="gmt"),
        pytest.param(
            DEFAULT,
            date(2026, 3, 29),
            datetime(2026, 3, 29, 16, tzinfo=UTC),
            id="bst-starts-that-day",
        ),
        pytest.param(DEFAULT, date(2026, 3, 30), datetime(2026, 3, 30, 16, tzinfo=UTC), id="bst"),
        pytest.param(
            DEFAULT,
            date(2026, 10, 23),
            datetime(2026, 10, 23, 16, tzinfo=UTC),
            id="last-bst-friday",
        ),
        pytest.param(
            DEFAULT,
            date(2026, 10, 26),
            datetime(2026, 10, 26, 17, tzinfo=UTC),
            id="first-gmt-monday",
        ),
        pytest.param(
            HALF_FOUR,
            date(2026, 3, 2),
            datetime(2026, 3, 2, 16, 30, tzinfo=UTC),
            id="closes-16-30-gmt",
        ),
        pytest.param(
            HALF_FOUR,
            date(2026, 6, 2),
            datetime(2026, 6, 2, 15, 30, tzinfo=UTC),
            id="closes-16-30-bst",
        ),
    ],
)
def test_end_of_business(calendar: WorkingCalendar, day: date, expected: datetime) -> None:
    result = calendar.end_of_business(day)
    assert result == expected
    assert result.tzinfo is LONDON


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 3, 2), datetime(2026, 3, 2, 9, tzinfo=UTC), id="gmt"),
        pytest.param(DEFAULT, date(2026, 3, 30), datetime(2026, 3, 30, 8, tzinfo=UTC), id="bst"),
        pytest.param(
            HALF_FOUR, date(2026, 3, 2), datetime(2026, 3, 2, 8, 30, tzinfo=UTC), id="opens-08-30"
        ),
    ],
)
def test_start_of_business(calendar: WorkingCalendar, day: date, expected: datetime) -> None:
    assert calendar.start_of_business(day) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(datetime(2026, 3, 2, 23, 30, tzinfo=UTC), date(2026, 3, 2), id="gmt-late"),
        pytest.param(
            datetime(2026, 6, 1, 23, 30, tzinfo=UTC), date(2026, 6, 2), id="bst-next-local-day"
        ),
        pytest.param(
            datetime(2026, 3, 29, 23, 30, tzinfo=UTC), date(2026, 3, 30), id="first-bst-night"
        ),
        pytest.param(
            datetime(2026, 10, 24, 23, 30, tzinfo=UTC), date(2026, 10, 25), id="last-bst-night"
        ),
        pytest.param(
            datetime(2026, 10, 25, 23, 30, tzinfo=UTC), date(2026, 10, 25), id="first-gmt-night"
        ),
        pytest.param(
            datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("America/New_York")),
            date(2026, 3, 3),
            id="other-zone",
        ),
    ],
)
def test_local_date(moment: datetime, expected: date) -> None:
    assert DEFAULT.local_date(moment) == expected


def test_local_date_rejects_naive() -> None:
    with pytest.raises(ValueError, match="naive"):
        DEFAULT.local_date(datetime(2026, 3, 2, 10))


@pytest.mark.parametrize(
    ("opens", "closes"),
    [
        pytest.param(time(17), time(17), id="equal"),
        pytest.param(time(17), time(9), id="reversed"),
    ],
)
def test_business_hours_must_open_before_closing(opens: time, closes: time) -> None:
    with pytest.raises(ValueError, match="open before they close"):
        BusinessHours(opens=opens, closes=closes)


def test_business_hours_default_to_nine_to_five() -> None:
    assert BusinessHours() == BusinessHours(opens=time(9), closes=time(17))


def test_is_working_day_rejects_a_datetime() -> None:
    """A datetime never equals a date, so it would silently miss every holiday lookup."""
    with pytest.raises(TypeError):
        DEFAULT.is_working_day(datetime(2026, 4, 3, 12, tzinfo=UTC))


def test_search_gives_up_instead_of_looping_forever() -> None:
    closed_for_years = WorkingCalendar(
        closures=frozenset(date(2026, 1, 1) + timedelta(days=i) for i in range(800))
    )
    with pytest.raises(ValueError, match="No working day within 366 days"):
        closed_for_years.next_working_day(date(2026, 1, 1))


# --- Working time: where an extension may fall without the officer confirming it ------------

_NOT_A_DAY = WorkingTimeProblem.NOT_A_WORKING_DAY
_OUT_OF_HOURS = WorkingTimeProblem.OUTSIDE_BUSINESS_HOURS
_LONDON = LONDON


@pytest.mark.parametrize(
    ("moment", "calendar", "expected"),
    [
        pytest.param(
            datetime(2026, 12, 23, 10, tzinfo=_LONDON),
            WorkingCalendar(),
            None,
            id="wednesday-mid-morning",
        ),
        pytest.param(
            datetime(2026, 12, 23, 9, tzinfo=_LONDON),
            WorkingCalendar(),
            None,
            id="opening-time-is-inside",
        ),
        pytest.param(
            datetime(2026, 12, 23, 17, tzinfo=_LONDON),
            WorkingCalendar(),
            None,
            id="closing-time-is-inside-as-working-day-deadlines-fall-there",
        ),
        pytest.param(
            datetime(2026, 12, 23, 17, 1, tzinfo=_LONDON),
            WorkingCalendar(),
            _OUT_OF_HOURS,
            id="a-minute-after-closing",
        ),
        pytest.param(
            datetime(2026, 12, 23, 8, 59, tzinfo=_LONDON),
            WorkingCalendar(),
            _OUT_OF_HOURS,
            id="a-minute-before-opening",
        ),
        pytest.param(
            datetime(2026, 12, 26, 10, tzinfo=_LONDON),
            WorkingCalendar(),
            _NOT_A_DAY,
            id="the-issues-saturday-26-december-2026",
        ),
        pytest.param(
            datetime(2026, 12, 28, 10, tzinfo=_LONDON),
            WorkingCalendar(),
            _NOT_A_DAY,
            id="boxing-day-substitute-monday-28-december",
        ),
        pytest.param(
            datetime(2026, 12, 27, 3, tzinfo=_LONDON),
            WorkingCalendar(),
            _NOT_A_DAY,
            id="a-sunday-night-is-a-day-off-first",
        ),
        pytest.param(
            datetime(2026, 12, 29, 10, tzinfo=_LONDON),
            WorkingCalendar(closures=frozenset({date(2026, 12, 29)})),
            _NOT_A_DAY,
            id="an-office-closure",
        ),
        pytest.param(
            datetime(2026, 12, 29, 17, 30, tzinfo=_LONDON),
            WorkingCalendar(hours=BusinessHours(opens=time(8), closes=time(18))),
            None,
            id="longer-business-hours",
        ),
        pytest.param(
            datetime(2026, 6, 30, 16, 30, tzinfo=UTC),
            WorkingCalendar(),
            _OUT_OF_HOURS,
            id="17-30-in-summer-time-given-in-utc",
        ),
        pytest.param(
            datetime(2026, 6, 30, 15, 30, tzinfo=UTC),
            WorkingCalendar(),
            None,
            id="16-30-in-summer-time-given-in-utc",
        ),
    ],
)
def test_working_time_problem(moment, calendar, expected):
    assert calendar.working_time_problem(moment) == expected


def test_working_time_needs_an_aware_moment():
    with pytest.raises(ValueError, match="naive"):
        WorkingCalendar().working_time_problem(datetime(2026, 12, 23, 10))
