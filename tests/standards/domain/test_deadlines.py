"""Deadline rules: due times and due-soon times for every rule, extensions and closures.

Expected values are literal UTC datetimes worked out by hand (2026: BST from Sun 29 March 01:00Z
to Sun 25 October 01:00Z, so 17:00 local is 16:00Z in summer and 17:00Z in winter). They are
never recomputed by the code under test.
"""

from datetime import UTC, date, datetime, time
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from standards.domain.calendar import LONDON, BusinessHours, WorkingCalendar
from standards.domain.deadlines import (
    Deadline,
    DeadlineError,
    DueSoonThreshold,
    Rule,
    compute_deadline,
    end_of_following_working_day,
    extend_deadline,
    minutes_after,
    shift_for_closure,
    unshift_for_closure,
    within_calendar_months,
    within_hours,
    within_working_days,
)

DEFAULT = WorkingCalendar()
XMAS_CLOSED = WorkingCalendar(
    closures=frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
)
HALF_FOUR = WorkingCalendar(hours=BusinessHours(closes=time(16, 30)))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(*args: int) -> datetime:
    """A London wall-clock time (GMT or BST, whichever applies on that date)."""
    return datetime(*args, tzinfo=LONDON)


# --- within N working days --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "received_at", "n", "expected"),
    [
        # SPEC example, and every time of day on the receipt date gives the same due time.
        pytest.param(DEFAULT, local(2026, 3, 2, 10), 10, utc(2026, 3, 16, 17), id="spec-10:00"),
        pytest.param(DEFAULT, local(2026, 3, 2, 0, 0), 10, utc(2026, 3, 16, 17), id="at-00:00"),
        pytest.param(DEFAULT, local(2026, 3, 2, 16, 59), 10, utc(2026, 3, 16, 17), id="at-16:59"),
        pytest.param(DEFAULT, local(2026, 3, 2, 17, 0), 10, utc(2026, 3, 16, 17), id="at-17:00"),
        pytest.param(DEFAULT, local(2026, 3, 2, 23, 59), 10, utc(2026, 3, 16, 17), id="at-23:59"),
        pytest.param(DEFAULT, utc(2026, 3, 2, 10), 10, utc(2026, 3, 16, 17), id="utc-input"),
        # Weekends: the receipt date never counts, so Fri, Sat and Sun all give Monday.
        pytest.param(DEFAULT, local(2026, 3, 6, 12), 1, utc(2026, 3, 9, 17), id="fri-1"),
        pytest.param(DEFAULT, local(2026, 3, 6, 23, 59), 1, utc(2026, 3, 9, 17), id="fri-late-1"),
        pytest.param(DEFAULT, local(2026, 3, 7, 12), 1, utc(2026, 3, 9, 17), id="sat-1"),
        pytest.param(DEFAULT, local(2026, 3, 8, 12), 1, utc(2026, 3, 9, 17), id="sun-1"),
        pytest.param(DEFAULT, local(2026, 3, 7, 12), 10, utc(2026, 3, 20, 17), id="sat-10"),
        # The local date decides, not the UTC date: 23:30Z on 1 June is 00:30 BST on 2 June.
        pytest.param(DEFAULT, utc(2026, 6, 1, 23, 30), 1, utc(2026, 6, 3, 16), id="bst-date"),
        pytest.param(
            DEFAULT,
            datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("America/New_York")),
            1,
            utc(2026, 3, 4, 17),
            id="other-zone",
        ),
        # Clock changes: the due time stays 17:00 local.
        pytest.param(DEFAULT, local(2026, 3, 27, 10), 1, utc(2026, 3, 30, 16), id="into-bst-1"),
        pytest.param(DEFAULT, local(2026, 3, 26, 10), 10, utc(2026, 4, 13, 16), id="into-bst-10"),
        pytest.param(DEFAULT, local(2026, 10, 23, 10), 1, utc(2026, 10, 26, 17), id="out-bst-1"),
        pytest.param(DEFAULT, local(2026, 10, 19, 10), 5, utc(2026, 10, 26, 17), id="out-bst-5"),
        pytest.param(DEFAULT, local(2026, 10, 21, 10), 2, utc(2026, 10, 23, 16), id="still-bst"),
        # Bank holidays.
        pytest.param(DEFAULT, local(2026, 4, 2, 9), 1, utc(2026, 4, 7, 16), id="easter"),
        pytest.param(DEFAULT, local(2026, 4, 3, 12), 1, utc(2026, 4, 7, 16), id="on-good-friday"),
        pytest.param(DEFAULT, local(2026, 5, 1, 10), 1, utc(2026, 5, 5, 16), id="early-may"),
        pytest.param(DEFAULT, local(2026, 5, 22, 10), 1, utc(2026, 5, 26, 16), id="spring"),
        pytest.param(DEFAULT, local(2026, 8, 28, 10), 1, utc(2026, 9, 1, 16), id="summer-1"),
        pytest.param(DEFAULT, local(2026, 8, 24, 10), 10, utc(2026, 9, 8, 16), id="summer-10"),
        pytest.param(DEFAULT, local(2026, 12, 24, 10), 1, utc(2026, 12, 29, 17), id="xmas26-1"),
        pytest.param(DEFAULT, local(2026, 12, 23, 10), 10, utc(2027, 1, 11, 17), id="xmas26-10"),
        pytest.param(DEFAULT, local(2027, 12, 24, 10), 1, utc(2027, 12, 29, 17), id="xmas27-1"),
        pytest.param(DEFAULT, local(2027, 12, 23, 10), 2, utc(2027, 12, 29, 17), id="xmas27-2"),
        pytest.param(DEFAULT, local(2027, 12, 31, 10), 1, utc(2028, 1, 4, 17), id="newyear28-1"),
        pytest.param(DEFAULT, local(2027, 12, 30, 10), 2, utc(2028, 1, 4, 17), id="newyear28-2"),
        # Office closed 29-31 December 2026.
        pytest.param(XMAS_CLOSED, local(2026, 12, 24, 10), 1, utc(2027, 1, 4, 17), id="closed-1"),
        pytest.param(
            XMAS_CLOSED, local(2026, 12, 23, 10), 10, utc(2027, 1, 14, 17), id="closed-10"
        ),
        # Configurable business hours move the end of business.
        pytest.param(
            HALF_FOUR, local(2026, 3, 2, 10), 10, utc(2026, 3, 16, 16, 30), id="closes-16:30-gmt"
        ),
        pytest.param(
            HALF_FOUR, local(2026, 6, 1, 10), 1, utc(2026, 6, 2, 15, 30), id="closes-16:30-bst"
        ),
    ],
)
def test_within_working_days(
    calendar: WorkingCalendar, received_at: datetime, n: int, expected: datetime
) -> None:
    due_at = within_working_days(received_at, n, calendar)
    assert due_at == expected
    assert due_at.tzinfo is UTC


@pytest.mark.parametrize(
    ("received_at", "expected"),
    [
        pytest.param(local(2026, 3, 6, 12), utc(2026, 3, 9, 17), id="friday"),
        pytest.param(local(2026, 3, 7, 12), utc(2026, 3, 9, 17), id="saturday"),
        pytest.param(local(2026, 4, 2, 16, 59), utc(2026, 4, 7, 16), id="before-easter"),
    ],
)
def test_end_of_following_working_day(received_at: datetime, expected: datetime) -> None:
    assert end_of_following_working_day(received_at, DEFAULT) == expected


# --- compute_deadline: due and due-soon for each rule -----------------------------------------


@pytest.mark.parametrize(
    ("received_at", "n", "threshold", "expected"),
    [
        pytest.param(
            local(2026, 3, 2, 10),
            10,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 16, 17), utc(2026, 3, 13, 17)),
            id="spec-example",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            10,
            DueSoonThreshold(working_days=3),
            Deadline(utc(2026, 3, 16, 17), utc(2026, 3, 11, 17)),
            id="threshold-3",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            10,
            DueSoonThreshold(working_days=0),
            Deadline(utc(2026, 3, 16, 17), utc(2026, 3, 16, 17)),
            id="threshold-0",
        ),
        # Received Saturday, due Monday: the Friday before receipt is clamped to receipt.
        pytest.param(
            local(2026, 3, 7, 12),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 9, 17), utc(2026, 3, 7, 12)),
            id="sat-clamped",
        ),
        pytest.param(
            local(2026, 3, 6, 10),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 9, 17), utc(2026, 3, 6, 17)),
            id="fri-morning",
        ),
        pytest.param(
            local(2026, 3, 6, 18),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 9, 17), utc(2026, 3, 6, 18)),
            id="fri-evening-clamped",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            2,
            DueSoonThreshold(working_days=5),
            Deadline(utc(2026, 3, 4, 17), utc(2026, 3, 2, 10)),
            id="threshold-too-big",
        ),
        pytest.param(
            local(2026, 4, 2, 10),
            2,
            DueSoonThreshold(),
            Deadline(utc(2026, 4, 8, 16), utc(2026, 4, 7, 16)),
            id="after-easter",
        ),
        pytest.param(
            local(2026, 12, 21, 10),
            5,
            DueSoonThreshold(),
            Deadline(utc(2026, 12, 30, 17), utc(2026, 12, 29, 17)),
            id="christmas-5",
        ),
        pytest.param(
            local(2026, 12, 23, 10),
            10,
            DueSoonThreshold(),
            Deadline(utc(2027, 1, 11, 17), utc(2027, 1, 8, 17)),
            id="christmas-10",
        ),
        pytest.param(
            local(2026, 12, 24, 10),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 12, 29, 17), utc(2026, 12, 24, 17)),
            id="christmas-eve",
        ),
        # Clock changes: due soon is 17:00 local on the earlier day, whatever its offset.
        pytest.param(
            local(2026, 3, 27, 10),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 30, 16), utc(2026, 3, 27, 17)),
            id="into-bst",
        ),
        pytest.param(
            local(2026, 3, 27, 10),
            2,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 31, 16), utc(2026, 3, 30, 16)),
            id="in-bst",
        ),
        pytest.param(
            local(2026, 10, 23, 10),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 10, 26, 17), utc(2026, 10, 23, 16)),
            id="out-of-bst",
        ),
    ],
)
def test_working_days_rule(
    received_at: datetime, n: int, threshold: DueSoonThreshold, expected: Deadline
) -> None:
    deadline = compute_deadline(
        Rule.WORKING_DAYS, n, received_at=received_at, calendar=DEFAULT, threshold=threshold
    )
    assert deadline == expected


@pytest.mark.parametrize(
    ("received_at", "hours", "threshold", "expected"),
    [
        pytest.param(
            utc(2026, 3, 2, 10),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 3, 10), utc(2026, 3, 3, 4)),
            id="24h",
        ),
        pytest.param(
            local(2026, 3, 2, 23, 59),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 3, 23, 59), utc(2026, 3, 3, 17, 59)),
            id="at-23:59",
        ),
        pytest.param(
            local(2026, 6, 1, 23, 59),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 6, 2, 22, 59), utc(2026, 6, 2, 16, 59)),
            id="bst-23:59",
        ),
        # Hours are real time and ignore weekends.
        pytest.param(
            utc(2026, 3, 6, 17, 30),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 7, 17, 30), utc(2026, 3, 7, 11, 30)),
            id="over-sat",
        ),
        # Across the clock changes (12:00 GMT + 24h = 13:00 BST; 12:00 BST + 24h = 11:00 GMT).
        pytest.param(
            local(2026, 3, 28, 12),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 29, 12), utc(2026, 3, 29, 6)),
            id="into-bst",
        ),
        pytest.param(
            local(2026, 10, 24, 12),
            24,
            DueSoonThreshold(),
            Deadline(utc(2026, 10, 25, 11), utc(2026, 10, 25, 5)),
            id="out-of-bst",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            1,
            DueSoonThreshold(),
            Deadline(utc(2026, 3, 2, 11), utc(2026, 3, 2, 10, 45)),
            id="1h",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            24,
            DueSoonThreshold(fraction=Fraction(1, 3)),
            Deadline(utc(2026, 3, 3, 10), utc(2026, 3, 3, 2)),
            id="fraction-third",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            24,
            DueSoonThreshold(fraction=0),
            Deadline(utc(2026, 3, 3, 10), utc(2026, 3, 3, 10)),
            id="fraction-0",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            24,
            DueSoonThreshold(fraction=1),
            Deadline(utc(2026, 3, 3, 10), utc(2026, 3, 2, 10)),
            id="fraction-1",
        ),
    ],
)
def test_hours_rule(
    received_at: datetime, hours: int, threshold: DueSoonThreshold, expected: Deadline
) -> None:
    deadline = compute_deadline(
        Rule.HOURS, hours, received_at=received_at, calendar=DEFAULT, threshold=threshold
    )
    assert deadline == expected


def test_hours_rule_moves_local_wall_time_across_spring_change() -> None:
    """Received Sat 28 March 2026 12:00 GMT; 24 real hours later it is 13:00 BST."""
    due_at = within_hours(local(2026, 3, 28, 12), 24)
    assert due_at == utc(2026, 3, 29, 12)
    assert due_at.tzinfo is UTC
    assert due_at.astimezone(LONDON).hour == 13


@pytest.mark.parametrize(
    ("scheduled_at", "minutes", "expected"),
    [
        pytest.param(
            utc(2026, 3, 2, 10),
            5,
            Deadline(utc(2026, 3, 2, 10, 5), utc(2026, 3, 2, 10, 3, 45)),
            id="5-min",
        ),
        pytest.param(
            local(2026, 6, 2, 14, 30),
            5,
            Deadline(utc(2026, 6, 2, 13, 35), utc(2026, 6, 2, 13, 33, 45)),
            id="bst",
        ),
        pytest.param(
            utc(2026, 3, 2, 10), 0, Deadline(utc(2026, 3, 2, 10), utc(2026, 3, 2, 10)), id="on-time"
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            60,
            Deadline(utc(2026, 3, 2, 11), utc(2026, 3, 2, 10, 45)),
            id="60-min",
        ),
    ],
)
def test_minutes_after_scheduled_rule(
    scheduled_at: datetime, minutes: int, expected: Deadline
) -> None:
    deadline = compute_deadline(
        Rule.MINUTES_AFTER_SCHEDULED,
        minutes,
        received_at=utc(2026, 2, 27, 9),
        calendar=DEFAULT,
        scheduled_at=scheduled_at,
    )
    assert deadline == expected


@pytest.mark.parametrize(
    ("received_at", "scheduled_at", "amount", "expected"),
    [
        pytest.param(
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 14),
            None,
            Deadline(utc(2026, 3, 2, 14), utc(2026, 3, 2, 13)),
            id="4h-span",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 14),
            99,
            Deadline(utc(2026, 3, 2, 14), utc(2026, 3, 2, 13)),
            id="amount-ignored",
        ),
        pytest.param(
            local(2026, 6, 2, 9),
            local(2026, 6, 3, 9),
            None,
            Deadline(utc(2026, 6, 3, 8), utc(2026, 6, 3, 2)),
            id="bst-next-day",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 10),
            None,
            Deadline(utc(2026, 3, 2, 10), utc(2026, 3, 2, 10)),
            id="same-moment",
        ),
        pytest.param(
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 9),
            None,
            Deadline(utc(2026, 3, 2, 9), utc(2026, 3, 2, 9)),
            id="already-past",
        ),
    ],
)
def test_at_scheduled_rule(
    received_at: datetime, scheduled_at: datetime, amount: int | None, expected: Deadline
) -> None:
    deadline = compute_deadline(
        Rule.AT_SCHEDULED,
        amount,
        received_at=received_at,
        calendar=DEFAULT,
        scheduled_at=scheduled_at,
    )
    assert deadline == expected


@pytest.mark.parametrize(
    ("amount", "scheduled_at"),
    [pytest.param(None, None, id="bare"), pytest.param(5, utc(2026, 3, 2, 10), id="extras")],
)
def test_measured_rule_has_no_deadline(amount: int | None, scheduled_at: datetime | None) -> None:
    deadline = compute_deadline(
        Rule.MEASURED,
        amount,
        received_at=utc(2026, 3, 2, 10),
        calendar=DEFAULT,
        scheduled_at=scheduled_at,
    )
    assert deadline == Deadline(due_at=None, due_soon_at=None)


def test_rule_may_be_given_as_stored_string() -> None:
    deadline = compute_deadline("hours", 24, received_at=utc(2026, 3, 2, 10), calendar=DEFAULT)
    assert deadline == Deadline(utc(2026, 3, 3, 10), utc(2026, 3, 3, 4))


def test_results_are_in_utc_even_for_local_inputs() -> None:
    deadline = compute_deadline(
        Rule.AT_SCHEDULED,
        None,
        received_at=local(2026, 6, 2, 9),
        calendar=DEFAULT,
        scheduled_at=local(2026, 6, 2, 11),
    )
    assert deadline.due_at is not None
    assert deadline.due_soon_at is not None
    assert deadline.due_at.tzinfo is UTC
    assert deadline.due_soon_at.tzinfo is UTC


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "amount", "received_at", "scheduled_at", "message"),
    [
        pytest.param(
            Rule.WORKING_DAYS,
            10,
            datetime(2026, 3, 2, 10),
            None,
            "time zone",
            id="naive-received-working-days",
        ),
        pytest.param(
            Rule.HOURS, 24, datetime(2026, 3, 2, 10), None, "time zone", id="naive-received-hours"
        ),
        pytest.param(
            Rule.MEASURED,
            None,
            datetime(2026, 3, 2, 10),
            None,
            "time zone",
            id="naive-received-measured",
        ),
        pytest.param(
            Rule.AT_SCHEDULED,
            None,
            utc(2026, 3, 2, 10),
            datetime(2026, 3, 2, 14),
            "time zone",
            id="naive-scheduled",
        ),
        pytest.param(
            Rule.WORKING_DAYS, 0, utc(2026, 3, 2, 10), None, "at least 1", id="working-days-0"
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            -1,
            utc(2026, 3, 2, 10),
            None,
            "at least 1",
            id="working-days-negative",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            None,
            utc(2026, 3, 2, 10),
            None,
            "at least 1",
            id="working-days-missing",
        ),
        pytest.param(Rule.HOURS, 0, utc(2026, 3, 2, 10), None, "at least 1", id="hours-0"),
        pytest.param(Rule.HOURS, None, utc(2026, 3, 2, 10), None, "at least 1", id="hours-missing"),
        pytest.param(
            Rule.MINUTES_AFTER_SCHEDULED,
            -1,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 11),
            "at least 0",
            id="minutes-negative",
        ),
        pytest.param(
            Rule.MINUTES_AFTER_SCHEDULED,
            None,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 11),
            "at least 0",
            id="minutes-missing",
        ),
        pytest.param(
            Rule.MINUTES_AFTER_SCHEDULED,
            5,
            utc(2026, 3, 2, 10),
            None,
            "required",
            id="minutes-without-scheduled",
        ),
        pytest.param(
            Rule.AT_SCHEDULED,
            None,
            utc(2026, 3, 2, 10),
            None,
            "required",
            id="at-scheduled-without-scheduled",
        ),
        pytest.param(
            "fortnights", 1, utc(2026, 3, 2, 10), None, "Unknown deadline rule", id="unknown-rule"
        ),
    ],
)
def test_compute_deadline_errors(
    rule: Rule,
    amount: int | None,
    received_at: datetime,
    scheduled_at: datetime | None,
    message: str,
) -> None:
    with pytest.raises(DeadlineError, match=message):
        compute_deadline(
            rule, amount, received_at=received_at, calendar=DEFAULT, scheduled_at=scheduled_at
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda: within_working_days(utc(2026, 3, 2, 10), 0, DEFAULT),
            "at least 1",
            id="working-days-0",
        ),
        pytest.param(
            lambda: within_working_days(datetime(2026, 3, 2, 10), 1, DEFAULT),
            "time zone",
            id="working-days-naive",
        ),
        pytest.param(
            lambda: end_of_following_working_day(datetime(2026, 3, 2), DEFAULT),
            "time zone",
            id="following-day-naive",
        ),
        pytest.param(lambda: within_hours(utc(2026, 3, 2, 10), 0), "at least 1", id="hours-0"),
        pytest.param(
            lambda: within_hours(datetime(2026, 3, 2, 10), 24), "time zone", id="hours-naive"
        ),
        pytest.param(
            lambda: minutes_after(utc(2026, 3, 2, 10), -1), "at least 0", id="minutes-negative"
        ),
        pytest.param(
            lambda: minutes_after(datetime(2026, 3, 2, 10), 5), "time zone", id="minutes-naive"
        ),
        pytest.param(
            lambda: DueSoonThreshold(working_days=-1),
            "cannot be negative",
            id="threshold-negative-days",
        ),
        pytest.param(
            lambda: DueSoonThreshold(fraction=1.5),
            "between 0 and 1",
            id="threshold-fraction-too-big",
        ),
        pytest.param(
            lambda: DueSoonThreshold(fraction=Fraction(-1, 4)),
            "between 0 and 1",
            id="threshold-fraction-negative",
        ),
    ],
)
def test_helper_errors(call, message: str) -> None:
    with pytest.raises(DeadlineError, match=message):
        call()


def test_deadline_error_is_a_value_error() -> None:
    """Callers that already handle ValueError need nothing new."""
    assert issubclass(DeadlineError, ValueError)


# --- extensions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "now", "new_due_at", "threshold", "expected_due_soon"),
    [
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 20, 17),
            DueSoonThreshold(),
            utc(2026, 3, 19, 17),
            id="working-days",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 23, 12),
            DueSoonThreshold(),
            utc(2026, 3, 20, 17),
            id="working-days-midday-monday",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 3, 17),
            DueSoonThreshold(),
            utc(2026, 3, 2, 17),
            id="working-days-tomorrow",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 18),
            utc(2026, 3, 3, 17),
            DueSoonThreshold(),
            utc(2026, 3, 2, 18),
            id="working-days-clamped-to-now",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 23, 10),
            local(2026, 4, 1, 17),
            DueSoonThreshold(),
            utc(2026, 3, 31, 16),
            id="working-days-into-bst",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 4, 1, 10),
            local(2026, 4, 8, 17),
            DueSoonThreshold(),
            utc(2026, 4, 7, 16),
            id="working-days-over-easter",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 20, 17),
            DueSoonThreshold(working_days=0),
            utc(2026, 3, 20, 17),
            id="working-days-threshold-0",
        ),
        pytest.param(
            Rule.HOURS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 3, 10),
            DueSoonThreshold(),
            utc(2026, 3, 3, 4),
            id="hours",
        ),
        pytest.param(
            Rule.AT_SCHEDULED,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 14),
            DueSoonThreshold(),
            utc(2026, 3, 2, 13),
            id="at-scheduled",
        ),
        pytest.param(
            Rule.MINUTES_AFTER_SCHEDULED,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 10, 20),
            DueSoonThreshold(),
            utc(2026, 3, 2, 10, 15),
            id="minutes",
        ),
    ],
)
def test_extend_deadline(
    rule: Rule,
    now: datetime,
    new_due_at: datetime,
    threshold: DueSoonThreshold,
    expected_due_soon: datetime,
) -> None:
    deadline = extend_deadline(
        rule, new_due_at=new_due_at, now=now, calendar=DEFAULT, threshold=threshold
    )
    assert deadline == Deadline(due_at=new_due_at, due_soon_at=expected_due_soon)
    assert deadline.due_at is not None
    assert deadline.due_at.tzinfo is UTC


@pytest.mark.parametrize(
    ("rule", "now", "new_due_at", "message"),
    [
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            datetime(2026, 3, 20, 17),
            "time zone",
            id="naive-new-due",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            datetime(2026, 3, 2, 10),
            utc(2026, 3, 20, 17),
            "time zone",
            id="naive-now",
        ),
        pytest.param(
            Rule.WORKING_DAYS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 2, 10),
            "in the future",
            id="new-due-equals-now",
        ),
        pytest.param(
            Rule.HOURS,
            utc(2026, 3, 2, 10),
            utc(2026, 3, 1, 10),
            "in the future",
            id="new-due-in-past",
        ),
        pytest.param(
            Rule.MEASURED, utc(2026, 3, 2, 10), utc(2026, 3, 20, 17), "no deadline", id="measured"
        ),
    ],
)
def test_extend_deadline_errors(
    rule: Rule, now: datetime, new_due_at: datetime, message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        extend_deadline(rule, new_due_at=new_due_at, now=now, calendar=DEFAULT)


# --- closures added or removed while a milestone is open --------------------------------------


@pytest.mark.parametrize(
    ("before", "received_at", "n", "closure", "old_due", "new_due"),
    [
        pytest.param(
            DEFAULT,
            local(2026, 12, 21, 10),
            5,
            date(2026, 12, 29),
            utc(2026, 12, 30, 17),
            utc(2026, 12, 31, 17),
            id="inside-window",
        ),
        pytest.param(
            DEFAULT,
            local(2026, 12, 21, 10),
            5,
            date(2026, 12, 30),
            utc(2026, 12, 30, 17),
            utc(2026, 12, 31, 17),
            id="on-due-date",
        ),
        pytest.param(
            WorkingCalendar(closures=frozenset({date(2026, 12, 29)})),
            local(2026, 12, 21, 10),
            5,
            date(2026, 12, 30),
            utc(2026, 12, 31, 17),
            utc(2027, 1, 4, 17),
            id="second-closure-new-year",
        ),
        pytest.param(
            DEFAULT,
            local(2026, 3, 2, 10),
            4,
            date(2026, 3, 4),
            utc(2026, 3, 6, 17),
            utc(2026, 3, 9, 17),
            id="over-weekend",
        ),
        pytest.param(
            DEFAULT,
            local(2026, 3, 20, 10),
            5,
            date(2026, 3, 24),
            utc(2026, 3, 27, 17),
            utc(2026, 3, 30, 16),
            id="into-bst",
        ),
        pytest.param(
            DEFAULT,
            local(2026, 6, 1, 10),
            10,
            date(2026, 6, 10),
            utc(2026, 6, 15, 16),
            utc(2026, 6, 16, 16),
            id="summer",
        ),
    ],
)
def test_shift_for_closure(
    before: WorkingCalendar,
    received_at: datetime,
    n: int,
    closure: date,
    old_due: datetime,
    new_due: datetime,
) -> None:
    """Adding a closure inside the window moves the due day one working day later."""
    after = WorkingCalendar(closures=before.closures | {closure})
    assert within_working_days(received_at, n, before) == old_due
    assert shift_for_closure(old_due, closure, after) == new_due
    # The shifted due time is what a fresh computation under the new calendar gives.
    assert within_working_days(received_at, n, after) == new_due


@pytest.mark.parametrize(
    ("due_at", "closure"),
    [
        pytest.param(utc(2026, 12, 30, 17), date(2026, 12, 31), id="after-due-date"),
        pytest.param(utc(2027, 1, 11, 17), date(2027, 1, 2), id="saturday"),
        pytest.param(utc(2027, 1, 11, 17), date(2026, 12, 28), id="bank-holiday"),
    ],
)
def test_shift_for_closure_that_changes_nothing(due_at: datetime, closure: date) -> None:
    """A closure after the due date, or on a day that was not working anyway, moves nothing."""
    after = WorkingCalendar(closures=frozenset({closure}))
    assert shift_for_closure(due_at, closure, after) == due_at


@pytest.mark.parametrize(
    ("due_at", "calendar", "message"),
    [
        pytest.param(
            datetime(2026, 12, 30, 17),
            WorkingCalendar(closures=frozenset({date(2026, 12, 29)})),
            "time zone",
            id="naive",
        ),
        pytest.param(utc(2026, 12, 30, 17), DEFAULT, "must contain", id="closure-missing"),
    ],
)
def test_shift_for_closure_errors(
    due_at: datetime, calendar: WorkingCalendar, message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        shift_for_closure(due_at, date(2026, 12, 29), calendar)


@pytest.mark.parametrize(
    ("after", "old_due", "new_due"),
    [
        # Closed 29-31 Dec 2026, received 23 Dec, 10 working days; 31 Dec reopened.
        pytest.param(
            WorkingCalendar(closures=frozenset({date(2026, 12, 29), date(2026, 12, 30)})),
            utc(2027, 1, 14, 17),
            utc(2027, 1, 13, 17),
            id="reopen-dec-31",
        ),
        # Received 24 Dec, 1 working day; 29 Dec reopened, so it is day 1 again.
        pytest.param(
            WorkingCalendar(closures=frozenset({date(2026, 12, 30), date(2026, 12, 31)})),
            utc(2027, 1, 4, 17),
            utc(2026, 12, 29, 17),
            id="reopen-dec-29",
        ),
        pytest.param(DEFAULT, utc(2026, 6, 16, 16), utc(2026, 6, 15, 16), id="summer"),
        pytest.param(DEFAULT, utc(2026, 3, 30, 16), utc(2026, 3, 27, 17), id="back-out-of-bst"),
    ],
)
def test_unshift_for_closure(after: WorkingCalendar, old_due: datetime, new_due: datetime) -> None:
    """Removing a closure inside the window moves the due day one working day earlier."""
    result = unshift_for_closure(old_due, after)
    assert result == new_due
    assert result.tzinfo is UTC


def test_unshift_undoes_shift() -> None:
    after = WorkingCalendar(closures=frozenset({date(2026, 3, 4)}))
    shifted = shift_for_closure(utc(2026, 3, 6, 17), date(2026, 3, 4), after)
    assert shifted == utc(2026, 3, 9, 17)
    assert unshift_for_closure(shifted, DEFAULT) == utc(2026, 3, 6, 17)


def test_unshift_for_closure_rejects_naive() -> None:
    with pytest.raises(DeadlineError, match="time zone"):
        unshift_for_closure(datetime(2026, 6, 16, 17), DEFAULT)


# --- within N calendar months (a subject access request's month) -------------------------------
# 2026-01-31 is a Saturday, 2026-02-28 a Saturday; 2028 is a leap year (2028-02-29 a Tuesday);
# 2026-12-25 is a Friday, 26 December a Saturday, so Boxing Day is kept on Monday 28 December.


@pytest.mark.parametrize(
    ("received_at", "n", "expected"),
    [
        # ICO's example: 3 September -> 3 October, here a Saturday, so Monday 5 October (BST).
        pytest.param(local(2026, 9, 3, 10), 1, utc(2026, 10, 5, 16), id="3-sep-saturday"),
        # The time of day never matters, only the local date of receipt.
        pytest.param(local(2026, 9, 3, 23, 59), 1, utc(2026, 10, 5, 16), id="3-sep-23:59"),
        # 31 January: February has no 31st, so its last day; 28 Feb 2026 is a Saturday.
        pytest.param(local(2026, 1, 31, 9), 1, utc(2026, 3, 2, 17), id="31-jan-short-feb"),
        pytest.param(local(2028, 1, 31, 9), 1, utc(2028, 2, 29, 17), id="31-jan-leap-year"),
        pytest.param(local(2026, 3, 31, 9), 1, utc(2026, 4, 30, 16), id="31-mar-to-30-apr"),
        # Received on a Sunday: still day 0, the month runs from it.
        pytest.param(local(2026, 3, 1, 12), 1, utc(2026, 4, 1, 16), id="sunday-receipt"),
        # 23:30 UTC on 31 May is 00:30 BST on 1 June: the local date counts.
        pytest.param(utc(2026, 5, 31, 23, 30), 1, utc(2026, 7, 1, 16), id="local-date"),
        # Christmas Day, then Boxing Day kept on Monday 28th: Tuesday 29 December.
        pytest.param(local(2026, 11, 25, 14), 1, utc(2026, 12, 29, 17), id="christmas"),
        # Across the year end.
        pytest.param(local(2026, 12, 7, 11), 1, utc(2027, 1, 7, 17), id="december"),
        # Extended by two further months: three from receipt.
        pytest.param(local(2026, 1, 31, 9), 3, utc(2026, 4, 30, 16), id="extended-3"),
        # A year from 29 February: 28 February 2025, a Friday.
        pytest.param(local(2024, 2, 29, 9), 12, utc(2025, 2, 28, 17), id="leap-day-12"),
    ],
)
def test_within_calendar_months(received_at, n, expected):
    assert within_calendar_months(received_at, n, DEFAULT) == expected


def test_a_closure_on_the_due_date_moves_it_to_the_next_working_day():
    # 7 December 2026 + 1 month = Thursday 7 January 2027, closed: Friday 8 January.
    closed = WorkingCalendar(closures=frozenset({date(2027, 1, 7)}))
    assert within_calendar_months(local(2026, 12, 7, 11), 1, closed) == utc(2027, 1, 8, 17)


@pytest.mark.parametrize("n", [0, -1])
def test_a_month_count_below_one_is_refused(n):
    with pytest.raises(DeadlineError, match="calendar months"):
        within_calendar_months(local(2026, 9, 3, 10), n, DEFAULT)


def test_a_naive_receipt_is_refused_for_calendar_months():
    with pytest.raises(DeadlineError, match="time zone"):
        within_calendar_months(datetime(2026, 9, 3, 10), 1, DEFAULT)


def test_compute_deadline_counts_calendar_months_with_a_working_day_due_soon():
    deadline = compute_deadline(
        Rule.CALENDAR_MONTHS, 1, received_at=local(2026, 9, 3, 10), calendar=DEFAULT
    )
    # Due Monday 5 October at 17:00 BST; due soon one working day before: Friday 2 October.
    assert deadline == Deadline(due_at=utc(2026, 10, 5, 16), due_soon_at=utc(2026, 10, 2, 16))


def test_an_extended_month_deadline_is_due_soon_a_working_day_before():
    deadline = extend_deadline(
        Rule.CALENDAR_MONTHS,
        new_due_at=utc(2026, 12, 3, 17),
        now=utc(2026, 10, 5, 9),
        calendar=DEFAULT,
    )
    assert deadline == Deadline(due_at=utc(2026, 12, 3, 17), due_soon_at=utc(2026, 12, 2, 17))
