"""The lifecycle rules as a table (pure, no database)."""

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
