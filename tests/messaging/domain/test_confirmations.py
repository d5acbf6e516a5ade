"""The date a confirmation may promise for the full response: a working day, not in the past."""

from datetime import date

import pytest

from messaging.domain.confirmations import DayRefused, promised_day_refusal

TODAY = date(2026, 3, 4)  # a Wednesday


def weekdays_but_good_friday(day: date) -> bool:
    return day.weekday() < 5 and day != date(2026, 4, 3)


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (None, DayRefused.MISSING),
        (date(2026, 3, 3), DayRefused.PAST),  # yesterday
        (date(2026, 2, 28), DayRefused.PAST),  # a past Saturday: past first
        (TODAY, None),  # today, a working day: it can still be kept
        (date(2026, 3, 5), None),
        (date(2026, 3, 7), DayRefused.NOT_WORKING_DAY),  # Saturday
        (date(2026, 3, 8), DayRefused.NOT_WORKING_DAY),  # Sunday
        (date(2026, 4, 3), DayRefused.NOT_WORKING_DAY),  # Good Friday, per the calendar given
        (date(2026, 4, 6), None),
    ],
)
def test_a_promised_day(day, refused):
    assert (
        promised_day_refusal(day=day, today=TODAY, is_working_day=weekdays_but_good_friday)
        == refused
    )
