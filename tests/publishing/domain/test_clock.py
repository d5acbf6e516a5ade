"""When a web change's clock starts and how long the second language took: hand-worked times.

Wales is on GMT (UTC+0) in winter and BST (UTC+1) from the last Sunday of March."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from publishing.domain.clock import change_counts_from, second_language_took

LONDON = ZoneInfo("Europe/London")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("takes_place_on", "received_at", "expected"),
    [
        # No date: receipt.
        (None, utc(2026, 3, 2, 10, 15), utc(2026, 3, 2, 10, 15)),
        # Ahead, in winter: midnight GMT of that day.
        (date(2026, 3, 9), utc(2026, 3, 2, 10, 15), utc(2026, 3, 9, 0, 0)),
        # Ahead, in summer: midnight BST is 23:00 UTC the evening before.
        (date(2026, 7, 1), utc(2026, 6, 20, 9, 0), utc(2026, 6, 30, 23, 0)),
        # The day of the clocks going forward (29 March 2026): midnight is still GMT.
        (date(2026, 3, 29), utc(2026, 3, 20, 9, 0), utc(2026, 3, 29, 0, 0)),
        # Today: receipt, which is later than the day's start.
        (date(2026, 3, 2), utc(2026, 3, 2, 10, 15), utc(2026, 3, 2, 10, 15)),
        # In the past: receipt.
        (date(2026, 2, 1), utc(2026, 3, 2, 10, 15), utc(2026, 3, 2, 10, 15)),
        # Received at 23:30 BST on 30 June (22:30 UTC) for a change on 1 July: 23:00 UTC.
        (date(2026, 7, 1), utc(2026, 6, 30, 22, 30), utc(2026, 6, 30, 23, 0)),
        # Received at 00:30 BST on 1 July (23:30 UTC on 30 June), change that day: receipt.
        (date(2026, 7, 1), utc(2026, 6, 30, 23, 30), utc(2026, 6, 30, 23, 30)),
    ],
)
def test_a_change_counts_from_the_start_of_its_day_or_from_receipt_if_later(
    takes_place_on, received_at, expected
):
    counted = change_counts_from(
        takes_place_on=takes_place_on, received_at=received_at, zone=LONDON
    )
    assert counted == expected
    assert counted.tzinfo == UTC


def test_a_receipt_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        change_counts_from(takes_place_on=None, received_at=datetime(2026, 3, 2, 10), zone=LONDON)


@pytest.mark.parametrize(
    ("first_at", "second_at", "now", "expected"),
    [
        # Published: the gap between the two.
        (
            utc(2026, 3, 2, 10),
            utc(2026, 3, 3, 16, 45),
            utc(2026, 3, 9),
            timedelta(hours=30, minutes=45),
        ),
        # Still owed: till now.
        (utc(2026, 3, 2, 10), None, utc(2026, 3, 2, 12, 30), timedelta(hours=2, minutes=30)),
        # Both at once: nothing.
        (utc(2026, 3, 2, 10), utc(2026, 3, 2, 10), utc(2026, 3, 9), timedelta(0)),
        # A clock skew never makes it negative.
        (utc(2026, 3, 2, 10), None, utc(2026, 3, 2, 9, 59), timedelta(0)),
    ],
)
def test_the_second_language_took_till_it_was_published_or_till_now(
    first_at, second_at, now, expected
):
    assert second_language_took(first_at, second_at, now=now) == expected
