"""When councillors are owed notice of a calendar entry."""

from datetime import UTC, datetime

import pytest

from councillors.domain.notice import is_notice_due, notice_from

START = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (14, datetime(2026, 6, 1, 9, 0, tzinfo=UTC)),
        (1, datetime(2026, 6, 14, 9, 0, tzinfo=UTC)),
        (0, START),
        (30, datetime(2026, 5, 16, 9, 0, tzinfo=UTC)),
    ],
)
def test_notice_begins_whole_days_before_the_start(days, expected):
    assert notice_from(START, notice_days=days) == expected


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 6, 1, 8, 59, tzinfo=UTC), False),
        (datetime(2026, 6, 1, 9, 0, tzinfo=UTC), True),
        (datetime(2026, 6, 10, 0, 0, tzinfo=UTC), True),
        # Recorded after it started: owed at once.
        (datetime(2026, 6, 16, 0, 0, tzinfo=UTC), True),
    ],
)
def test_notice_is_due_from_the_start_of_the_period(now, due):
    assert is_notice_due(START, notice_days=14, now=now) is due


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError):
        notice_from(START, notice_days=-1)
