"""The voicemail acknowledgement deadline and the addressed officer's absences (SPEC §10).

Every expected value was worked out by hand from a printed calendar: in 2026 Monday 2 March
is GMT, Good Friday is 3 April and Easter Monday 6 April, Christmas is a Friday and Boxing
Day's substitute is Monday 28 December, New Year's Day 2027 is a Friday; 30 June is in
summer time (17:00 BST is 16:00 UTC).
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from standards.domain.calendar import WorkingCalendar
from standards.domain.voicemail import (
    Away,
    Callback,
    CallbackRefused,
    VoicemailDeadline,
    voicemail_acknowledge_by,
    voicemail_callback,
)

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
MONDAY_9_MARCH_CLOSED = WorkingCalendar(closures=frozenset({date(2026, 3, 9)}))


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def closing(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 17, tzinfo=LONDON).astimezone(UTC)


def away(first: date, last: date, *, covered: bool = False) -> Away:
    return Away(first_day=first, last_day=last, covered=covered)


WEEK_OF_2_MARCH = away(date(2026, 3, 2), date(2026, 3, 6))


@pytest.mark.parametrize(
    ("received", "absences", "calendar", "expected"),
    [
        pytest.param(
            local(2026, 3, 2, 10),
            [],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 3)),
            id="no-absence-the-following-working-day",
        ),
        pytest.param(
            local(2026, 3, 6, 16, 55),
            [],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 9)),
            id="friday-evening-is-due-monday",
        ),
        pytest.param(
            local(2026, 3, 7, 11),
            [],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 9)),
            id="saturday-is-due-monday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            [WEEK_OF_2_MARCH],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 10), back_on=date(2026, 3, 9)),
            id="away-all-week-back-monday-due-tuesday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            [away(date(2026, 3, 2), date(2026, 3, 6), covered=True)],
            CALENDAR,
            VoicemailDeadline(
                closing(2026, 3, 5),
                by_cover=True,
                covering=(away(date(2026, 3, 2), date(2026, 3, 6), covered=True),),
            ),
            id="covered-the-normal-deadline-holds-for-the-cover",
        ),
        pytest.param(
            local(2026, 2, 27, 15),
            [WEEK_OF_2_MARCH],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 10), back_on=date(2026, 3, 9)),
            id="left-the-friday-before-a-week-away-waits-for-the-return",
        ),
        pytest.param(
            local(2026, 3, 7, 11),
            [WEEK_OF_2_MARCH],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 9)),
            id="left-the-saturday-after-the-absence-the-normal-deadline",
        ),
        pytest.param(
            local(2026, 3, 9, 10),
            [WEEK_OF_2_MARCH],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 10)),
            id="left-on-the-day-of-return-the-normal-deadline",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            [away(date(2026, 3, 4), date(2026, 3, 6))],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 3)),
            id="an-absence-after-the-deadline-changes-nothing",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            [away(date(2026, 3, 2), date(2026, 3, 2))],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 4), back_on=date(2026, 3, 3)),
            id="away-only-the-day-it-was-left-back-tuesday-due-wednesday",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            [away(date(2026, 3, 3), date(2026, 3, 3))],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 5), back_on=date(2026, 3, 4)),
            id="away-on-the-normal-due-day-back-wednesday-due-thursday",
        ),
        pytest.param(
            local(2026, 4, 2, 10),
            [away(date(2026, 4, 2), date(2026, 4, 2))],
            CALENDAR,
            VoicemailDeadline(closing(2026, 4, 8), back_on=date(2026, 4, 7)),
            id="away-the-thursday-before-easter-back-tuesday-due-wednesday",
        ),
        pytest.param(
            local(2026, 12, 22, 9),
            [away(date(2026, 12, 21), date(2026, 12, 31))],
            CALENDAR,
            VoicemailDeadline(closing(2027, 1, 5), back_on=date(2027, 1, 4)),
            id="away-over-christmas-and-new-year-back-monday-4-january",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            [WEEK_OF_2_MARCH, away(date(2026, 3, 9), date(2026, 3, 13), covered=True)],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 17), back_on=date(2026, 3, 16)),
            id="absences-back-to-back-count-as-one",
        ),
        pytest.param(
            local(2026, 3, 2, 10),
            [
                away(date(2026, 3, 2), date(2026, 3, 2), covered=True),
                away(date(2026, 3, 3), date(2026, 3, 3)),
            ],
            CALENDAR,
            VoicemailDeadline(closing(2026, 3, 5), back_on=date(2026, 3, 4)),
            id="covered-on-the-day-left-but-not-on-the-due-day-waits",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            [WEEK_OF_2_MARCH],
            MONDAY_9_MARCH_CLOSED,
            VoicemailDeadline(closing(2026, 3, 11), back_on=date(2026, 3, 10)),
            id="back-after-an-office-closure",
        ),
        pytest.param(
            local(2026, 6, 24, 10),
            [away(date(2026, 6, 22), date(2026, 6, 26))],
            CALENDAR,
            VoicemailDeadline(datetime(2026, 6, 30, 16, tzinfo=UTC), back_on=date(2026, 6, 29)),
            id="summer-time-closing-is-16-utc",
        ),
        pytest.param(
            # 23:30 UTC on Friday 26 June is 00:30 on Saturday in Wales.
            datetime(2026, 6, 26, 23, 30, tzinfo=UTC),
            [away(date(2026, 6, 22), date(2026, 6, 26))],
            CALENDAR,
            VoicemailDeadline(datetime(2026, 6, 29, 16, tzinfo=UTC)),
            id="received-on-the-welsh-date-not-the-utc-one",
        ),
    ],
)
def test_voicemail_acknowledge_by(received, absences, calendar, expected):
    assert voicemail_acknowledge_by(received, away=absences, calendar=calendar) == expected


def test_an_officer_away_for_over_a_year_is_a_data_error():
    with pytest.raises(ValueError, match="over a year"):
        voicemail_acknowledge_by(
            local(2026, 3, 2, 10),
            away=[away(date(2026, 3, 1), date(2028, 1, 1))],
            calendar=CALENDAR,
        )


def test_the_covering_absences_name_who_covers_and_leave_out_the_others():
    """Tell the cover of the absence that matters, not the cover of a later one."""
    this_week = Away(date(2026, 3, 2), date(2026, 3, 6), covered=True, cover_id=7)
    next_month = Away(date(2026, 4, 13), date(2026, 4, 17), covered=True, cover_id=9)

    deadline = voicemail_acknowledge_by(
        local(2026, 3, 4, 10), away=[this_week, next_month], calendar=CALENDAR
    )

    assert deadline.covering == (this_week,)


def test_no_covering_when_the_deadline_waits_for_the_officer():
    deadline = voicemail_acknowledge_by(
        local(2026, 3, 4, 10),
        away=[Away(date(2026, 3, 2), date(2026, 3, 6), covered=False)],
        calendar=CALENDAR,
    )

    assert (deadline.by_cover, deadline.covering) == (False, ())


# --- The callback promised when it is acknowledged ----------------------------------------------
# "Confirming when a call back will be made if not the following day".


@pytest.mark.parametrize(
    ("now", "given", "calendar", "expected"),
    [
        pytest.param(
            local(2026, 3, 4, 10),
            None,
            CALENDAR,
            Callback(closing(2026, 3, 5), agreed=False),
            id="no-time-given-by-the-end-of-the-next-working-day",
        ),
        pytest.param(
            local(2026, 3, 6, 16, 30),
            None,
            CALENDAR,
            Callback(closing(2026, 3, 9), agreed=False),
            id="friday-afternoon-by-monday",
        ),
        pytest.param(
            local(2026, 3, 6, 16, 30),
            None,
            MONDAY_9_MARCH_CLOSED,
            Callback(closing(2026, 3, 10), agreed=False),
            id="over-an-office-closure-by-tuesday",
        ),
        pytest.param(
            local(2026, 4, 2, 12),
            None,
            CALENDAR,
            Callback(closing(2026, 4, 7), agreed=False),
            id="thursday-before-easter-by-the-tuesday-after",
        ),
        pytest.param(
            local(2026, 12, 24, 9),
            None,
            CALENDAR,
            Callback(closing(2026, 12, 29), agreed=False),
            id="christmas-eve-by-the-tuesday-after-boxing-days-substitute",
        ),
        pytest.param(
            local(2026, 3, 7, 11),
            None,
            CALENDAR,
            Callback(closing(2026, 3, 9), agreed=False),
            id="acknowledged-on-a-saturday-by-monday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 10, 14, 30),
            CALENDAR,
            Callback(datetime(2026, 3, 10, 14, 30, tzinfo=UTC), agreed=True),
            id="a-tuesday-afternoon-the-week-after",
        ),
        pytest.param(
            local(2026, 6, 29, 10),
            local(2026, 6, 30, 9),
            CALENDAR,
            Callback(datetime(2026, 6, 30, 8, tzinfo=UTC), agreed=True),
            id="summer-time-opening-time-is-inside",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 4, 17),
            CALENDAR,
            Callback(closing(2026, 3, 4), agreed=True),
            id="later-today-at-closing-time-is-inside",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 4, 10),
            CALENDAR,
            CallbackRefused.PAST,
            id="now-is-not-ahead",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 3, 14),
            CALENDAR,
            CallbackRefused.PAST,
            id="yesterday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 7, 11),
            CALENDAR,
            CallbackRefused.NOT_A_WORKING_DAY,
            id="a-saturday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 4, 6, 11),
            CALENDAR,
            CallbackRefused.NOT_A_WORKING_DAY,
            id="easter-monday",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 9, 11),
            MONDAY_9_MARCH_CLOSED,
            CallbackRefused.NOT_A_WORKING_DAY,
            id="an-office-closure",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 5, 8, 59),
            CALENDAR,
            CallbackRefused.OUTSIDE_BUSINESS_HOURS,
            id="a-minute-before-opening",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2026, 3, 5, 17, 1),
            CALENDAR,
            CallbackRefused.OUTSIDE_BUSINESS_HOURS,
            id="a-minute-after-closing",
        ),
        pytest.param(
            local(2026, 3, 4, 10),
            local(2027, 3, 8, 10),
            CALENDAR,
            CallbackRefused.TOO_FAR,
            id="over-a-year-ahead",
        ),
    ],
)
def test_voicemail_callback(now, given, calendar, expected):
    assert voicemail_callback(given, now=now, calendar=calendar) == expected
