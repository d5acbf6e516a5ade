"""The lifecycle rules as a table (pure, no database)."""

from datetime import UTC, datetime

import pytest

from contacts.domain import lifecycle as lc

STATUSES = [lc.NEW, lc.ACKNOWLEDGED, lc.IN_PROGRESS, lc.AWAITING_CUSTOMER, lc.RESOLVED, lc.CLOSED]
ALLOWED = {
    (lc.NEW, lc.ACKNOWLEDGED),
    (lc.NEW, lc.IN_PROGRESS),
    (lc.NEW, lc.AWAITING_CUSTOMER),
    (lc.NEW, lc.RESOLVED),
    (lc.ACKNOWLEDGED, lc.IN_PROGRESS),
    (lc.ACKNOWLEDGED, lc.AWAITING_CUSTOMER),
    (lc.ACKNOWLEDGED, lc.RESOLVED),
    (lc.IN_PROGRESS, lc.AWAITING_CUSTOMER),
    (lc.IN_PROGRESS, lc.RESOLVED),
    (lc.AWAITING_CUSTOMER, lc.IN_PROGRESS),
    (lc.AWAITING_CUSTOMER, lc.RESOLVED),
    (lc.RESOLVED, lc.CLOSED),
    (lc.RESOLVED, lc.IN_PROGRESS),
    (lc.CLOSED, lc.IN_PROGRESS),
}


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_every_move_is_allowed_or_refused_as_the_table_says(current, target):
    assert lc.can_move(current, target) is ((current, target) in ALLOWED)


@pytest.mark.parametrize(
    ("current", "after_ack", "after_response"),
    [
        (lc.NEW, lc.ACKNOWLEDGED, lc.IN_PROGRESS),
        (lc.ACKNOWLEDGED, lc.ACKNOWLEDGED, lc.IN_PROGRESS),
        (lc.IN_PROGRESS, lc.IN_PROGRESS, lc.IN_PROGRESS),
        (lc.AWAITING_CUSTOMER, lc.AWAITING_CUSTOMER, lc.AWAITING_CUSTOMER),
    ],
)
def test_acknowledgement_and_response_move_only_cases_not_yet_picked_up(
    current, after_ack, after_response
):
    assert lc.status_after_acknowledgement(current) == after_ack
    assert lc.status_after_response(current) == after_response


@pytest.mark.parametrize(
    ("due", "met", "expected"),
    [
        (datetime(2026, 3, 3, 10, tzinfo=UTC), datetime(2026, 3, 3, 10, tzinfo=UTC), "met"),
        (datetime(2026, 3, 3, 10, tzinfo=UTC), datetime(2026, 3, 3, 9, 59, tzinfo=UTC), "met"),
        (
            datetime(2026, 3, 3, 10, tzinfo=UTC),
            datetime(2026, 3, 3, 10, 0, 1, tzinfo=UTC),
            "met_late",
        ),
        (None, datetime(2026, 3, 3, 10, tzinfo=UTC), "met"),
    ],
    ids=["at-the-due-time", "before", "a-second-after", "measured"],
)
def test_met_at_or_before_the_due_time_is_met_after_it_met_late(due, met, expected):
    assert lc.milestone_outcome(due, met) == expected
