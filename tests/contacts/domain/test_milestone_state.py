"""The one rule for a milestone's state at a moment (no database).

The deadlines are those of a 10-working-day "respond" milestone received Monday 2 March 2026
10:00 GMT: due Monday 16 March 17:00 GMT, due soon from Friday 13 March 17:00 GMT (two working
days before). Times are UTC; March 2026 is GMT until Sunday 29 March.
"""

from datetime import UTC, datetime, timedelta

import pytest

from contacts.domain.milestone_state import (
    State,
    next_due,
    state_at,
    state_when_met,
    swept_state,
)

DUE = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
DUE_SOON = datetime(2026, 3, 13, 17, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("due_at", "due_soon_at", "now", "expected"),
    [
        # Received, ten days to go.
        (DUE, DUE_SOON, datetime(2026, 3, 2, 10, 0, tzinfo=UTC), State.PENDING),
        # A second before the due-soon time: still pending.
        (DUE, DUE_SOON, DUE_SOON - SECOND, State.PENDING),
        # At the due-soon time exactly: due soon (the sweep's "due_soon_at <= now").
        (DUE, DUE_SOON, DUE_SOON, State.DUE_SOON),
        # Over the weekend, Saturday 14 March noon: due soon.
        (DUE, DUE_SOON, datetime(2026, 3, 14, 12, 0, tzinfo=UTC), State.DUE_SOON),
        (DUE, DUE_SOON, DUE - SECOND, State.DUE_SOON),
        # At the due time exactly: breached (the sweep's "due_at <= now").
        (DUE, DUE_SOON, DUE, State.BREACHED),
        (DUE, DUE_SOON, DUE + timedelta(days=30), State.BREACHED),
        # A callback at the agreed time: due soon from the time itself, so it goes straight
        # from pending to breached.
        (DUE, DUE, DUE - SECOND, State.PENDING),
        (DUE, DUE, DUE, State.BREACHED),
        # No due-soon time: pending until breached.
        (DUE, None, DUE - SECOND, State.PENDING),
        (DUE, None, DUE, State.BREACHED),
        # Only measured (a reception drop-in): no deadline, pending for ever.
        (None, None, datetime(2030, 1, 1, tzinfo=UTC), State.PENDING),
    ],
    ids=[
        "just-received",
        "second-before-due-soon",
        "at-due-soon",
        "weekend",
        "second-before-due",
        "at-due",
        "a-month-late",
        "agreed-time-before",
        "agreed-time-at",
        "no-due-soon-before",
        "no-due-soon-at",
        "measured",
    ],
)
def test_state_at(due_at, due_soon_at, now, expected):
    assert state_at(due_at=due_at, due_soon_at=due_soon_at, now=now) is expected


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
    assert state_when_met(due_at=due, met_at=met) == expected


@pytest.mark.parametrize(
    ("state", "now", "expected"),
    [
        ("pending", DUE_SOON - SECOND, "pending"),
        ("pending", DUE_SOON, "due_soon"),
        # A sweep that missed the whole due-soon window breaches straight away.
        ("pending", DUE, "breached"),
        ("due_soon", DUE_SOON, "due_soon"),
        ("due_soon", DUE, "breached"),
        ("breached", DUE, "breached"),
        # The sweep never moves a milestone back, even one whose stored state runs ahead of
        # its times (a writer re-decides the state when it moves a deadline).
        ("breached", DUE_SOON - SECOND, "breached"),
        ("due_soon", DUE_SOON - SECOND, "due_soon"),
        # Met milestones are left alone.
        ("met", DUE, "met"),
        ("met_late", DUE, "met_late"),
    ],
)
def test_swept_state_moves_open_milestones_forward_only(state, now, expected):
    assert swept_state(state, due_at=DUE, due_soon_at=DUE_SOON, now=now) == expected


# Next deadline: Tuesday 3 March 2026 10:00 (an acknowledgement) and Monday 16 March 17:00
# (the answer), worked out by hand as in tests/contacts/test_next_due.py.
TUESDAY = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
MONDAY_WEEK = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("milestones", "expected"),
    [
        ([], None),
        ([("pending", MONDAY_WEEK), ("pending", TUESDAY)], TUESDAY),
        ([("met", TUESDAY), ("pending", MONDAY_WEEK)], MONDAY_WEEK),
        ([("met_late", TUESDAY), ("met", MONDAY_WEEK)], None),
        ([("breached", TUESDAY), ("due_soon", MONDAY_WEEK)], TUESDAY),
        # Only measured, or started later: no due time, nothing to be due at.
        ([("pending", None)], None),
        ([("pending", None), ("pending", MONDAY_WEEK)], MONDAY_WEEK),
    ],
)
def test_the_next_deadline_is_the_earliest_open_due_time(milestones, expected):
    assert next_due(milestones) == expected
