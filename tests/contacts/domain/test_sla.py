"""A case's SLA state is its most urgent milestone's (no database)."""

import pytest

from contacts.domain.sla import worst_state


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["met", "breached", "pending"], "breached"),
        (["pending", "due_soon", "met"], "due_soon"),
        (["met", "pending"], "pending"),
        (["met", "met_late"], "met_late"),
        (["met", "met"], "met"),
        ([], None),
        (["somebody's typo"], None),
    ],
)
def test_the_most_urgent_state_wins(states, expected):
    assert worst_state(states) == expected


def test_any_iterable_will_do():
    assert worst_state(state for state in ("met", "due_soon")) == "due_soon"
