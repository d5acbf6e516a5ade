"""Time left before a deadline, and lateness after it, in working terms (no database).

Every expected value was worked out by hand from a printed 2026 calendar: Monday 2 March is
GMT, the clocks go forward on Sunday 29 March, Good Friday is 3 April and Easter Monday 6 April.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from contacts.domain.time_left import TimeLeft, Unit, time_left
from standards.domain.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
TUESDAY_CLOSED = WorkingCalendar(closures=frozenset({date(2026, 3, 3)}))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


DAYS, HOURS, MINUTES = Unit.WORKING_DAYS, Unit.HOURS, Unit.MINUTES


@pytest.mark.parametrize(
    ("now", "due_at", "calendar", "expected"),
    [
        pytest.param(
            local(2026, 3, 2, 10),
            local(2026, 3, 16, 17),
            CALENDAR,
            TimeLeft(10, DAYS, False),
            id="ten-working-days-as-the-email-standard-promises",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            local(2026, 3, 3, 17),
            CALENDAR,
            TimeLeft(1, DAYS, False),
            id="due-tomorrow-is-one-working-day",
        ),
        pytest.param(
            local(2026, 3, 2, 14),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(3, HOURS, False),
            id="due-today-counts-hours",
        ),
        pytest.param(
            local(2026, 3, 2, 16),
            local(2026, 3, 3, 10),
            CALENDAR,
            TimeLeft(18, HOURS, False),
            id="under-a-day-away-tomorrow-counts-hours",
        ),
        pytest.param(
            local(2026, 3, 2, 14, 0, 1),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(2, HOURS, False),
            id="hours-round-down",
        ),
        pytest.param(
            local(2026, 3, 2, 16, 59, 30),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(1, MINUTES, False),
            id="half-a-minute-rounds-up-to-one",
        ),
        pytest.param(
            local(2026, 3, 2, 17),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(0, MINUTES, False),
            id="due-this-very-moment-is-not-late",
        ),
        pytest.param(
            local(2026, 3, 2, 17, 0, 1),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(1, MINUTES, True),
            id="a-second-late-is-overdue",
        ),
        pytest.param(
            local(2026, 3, 3, 9),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            # Extended by 1 working day it would be due Tue 17:00, not yet passed at 09:00.
            id="overdue-overnight-is-one-working-day-not-16-hours",
        ),
        pytest.param(
            local(2026, 3, 2, 20),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(3, HOURS, True),
            id="late-on-the-due-date-itself-counts-hours",
        ),
        pytest.param(
            local(2026, 3, 4, 9),
            local(2026, 3, 2, 17),
            CALENDAR,
            TimeLeft(2, DAYS, True),
            # Extended by 1 working day it would be due Tue 17:00 (still late); by 2, Wed 17:00.
            id="overdue-by-the-working-days-an-extension-would-need",
        ),
        pytest.param(
            local(2026, 3, 6, 16),
            local(2026, 3, 9, 17),
            CALENDAR,
            TimeLeft(1, DAYS, False),
            id="friday-to-monday-is-one-working-day",
        ),
        pytest.param(
            local(2026, 3, 9, 9),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="late-over-a-weekend-is-one-working-day",
        ),
        pytest.param(
            local(2026, 3, 8, 9),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            # The case: 40 clock hours, but Monday 17:00 would still do.
            id="friday-1700-seen-on-sunday-is-one-working-day-not-40-hours",
        ),
        pytest.param(
            local(2026, 3, 7, 0, 1),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="friday-1700-seen-just-after-midnight-on-saturday",
        ),
        pytest.param(
            local(2026, 3, 9, 17),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="friday-deadline-at-monday-closing-time-is-still-one",
        ),
        pytest.param(
            local(2026, 3, 9, 17, 30),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(2, DAYS, True),
            # Monday 17:00 has passed too: Tuesday 17:00 is the first that would do.
            id="friday-deadline-after-monday-closing-is-two",
        ),
        pytest.param(
            local(2026, 3, 10, 10),
            local(2026, 3, 6, 17),
            CALENDAR,
            TimeLeft(2, DAYS, True),
            id="friday-deadline-on-tuesday-morning-is-two",
        ),
        pytest.param(
            local(2026, 4, 6, 12),
            local(2026, 4, 2, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            # Good Friday and Easter Monday are bank holidays: Tuesday 7 April would do.
            id="late-over-easter-is-one-working-day",
        ),
        pytest.param(
            local(2026, 4, 7, 9),
            local(2026, 4, 2, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="late-over-easter-seen-tuesday-morning-is-still-one",
        ),
        pytest.param(
            local(2026, 3, 3, 12),
            local(2026, 3, 2, 17),
            TUESDAY_CLOSED,
            TimeLeft(1, DAYS, True),
            # Tuesday is closed: Wednesday 17:00 would do.
            id="late-on-a-closure-day-counts-the-next-working-day",
        ),
        pytest.param(
            local(2026, 3, 7, 0, 30),
            local(2026, 3, 6, 23, 30),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            # A 24-hour target missed late on Friday night, seen an hour later on Saturday.
            id="an-hours-deadline-missed-at-night-is-late-by-working-days-the-next-date",
        ),
        pytest.param(
            local(2026, 3, 29, 10),
            local(2026, 3, 27, 17),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="late-across-the-clocks-going-forward",
        ),
        pytest.param(
            # 00:30 on Tuesday in Wales, still Monday 23:30 in UTC: a day late, not 7 hours.
            utc(2026, 6, 29, 23, 30),
            utc(2026, 6, 29, 16),
            CALENDAR,
            TimeLeft(1, DAYS, True),
            id="lateness-is-counted-on-welsh-dates-not-utc-dates",
        ),
        pytest.param(
            local(2026, 4, 2, 12),
            local(2026, 4, 7, 17),
            CALENDAR,
            TimeLeft(1, DAYS, False),
            id="easter-bank-holidays-do-not-count",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            local(2026, 3, 4, 17),
            CALENDAR,
            TimeLeft(2, DAYS, False),
            id="two-working-days-without-a-closure",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            local(2026, 3, 4, 17),
            TUESDAY_CLOSED,
            TimeLeft(1, DAYS, False),
            id="an-office-closure-does-not-count",
        ),
        pytest.param(
            local(2026, 3, 7, 10),
            local(2026, 3, 8, 12),
            CALENDAR,
            TimeLeft(26, HOURS, False),
            id="a-weekend-with-no-working-day-counts-hours",
        ),
        pytest.param(
            local(2026, 3, 28, 12),
            local(2026, 3, 29, 12),
            CALENDAR,
            TimeLeft(23, HOURS, False),
            id="the-clocks-going-forward-take-an-hour-away",
        ),
        pytest.param(
            # 00:30 on Tuesday in Wales, though still Monday in UTC.
            utc(2026, 6, 29, 23, 30),
            utc(2026, 7, 2, 16),
            CALENDAR,
            TimeLeft(2, DAYS, False),
            id="days-are-counted-on-welsh-dates-not-utc-dates",
        ),
    ],
)
def test_time_left(now, due_at, calendar, expected):
    assert time_left(due_at=due_at, now=now, calendar=calendar) == expected


def test_the_answer_does_not_depend_on_the_time_zone_the_moments_are_given_in():
    now, due_at = local(2026, 3, 2, 10), local(2026, 3, 16, 17)

    assert time_left(
        due_at=due_at.astimezone(UTC), now=now.astimezone(UTC), calendar=CALENDAR
    ) == time_left(due_at=due_at, now=now, calendar=CALENDAR)


@pytest.mark.parametrize(
    ("now", "due_at"),
    [
        (datetime(2026, 3, 2, 10), local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 10), datetime(2026, 3, 2, 17)),
    ],
)
def test_naive_moments_are_refused(now, due_at):
    with pytest.raises(ValueError, match="aware"):
        time_left(due_at=due_at, now=now, calendar=CALENDAR)


def test_a_long_way_off_is_still_counted_in_working_days():
    now = local(2026, 3, 2, 10)

    left = time_left(due_at=now + timedelta(days=365), now=now, calendar=CALENDAR)

    # 52 weeks of 5 days plus Tuesday 2 March 2027, less the 8 bank holidays in between
    # (Good Friday, Easter Monday, two in May, August, Christmas, Boxing Day, New Year).
    assert left == TimeLeft(253, DAYS, False)
