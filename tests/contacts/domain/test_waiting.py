"""The reception wait rule: people ahead, the desk's recent pace, and what the visitor is told
(no database). Every expected value is worked by hand in the case's id or comment."""

from datetime import UTC, datetime, timedelta

import pytest

from contacts.domain.waiting import (
    Visitor,
    estimate_wait,
    minutes_per_visitor,
    minutes_waited,
    people_ahead,
)


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, second, tzinfo=UTC)


A = Visitor(arrived_at=at(9, 0), seen_at=at(9, 10))  # nobody ahead, waited 10
B = Visitor(arrived_at=at(9, 2), seen_at=at(9, 20))  # A ahead, waited 18
C = Visitor(arrived_at=at(9, 25), seen_at=at(9, 26))  # A and B gone: nobody ahead, waited 1
D = Visitor(arrived_at=at(9, 30))  # still waiting
E = Visitor(arrived_at=at(9, 31))  # D ahead


@pytest.mark.parametrize(
    ("visitor", "visitors", "expected"),
    [
        pytest.param(A, [A, B], 0, id="first-in-the-morning"),
        pytest.param(B, [A, B], 1, id="one-waiting-when-they-came"),
        pytest.param(C, [A, B, C], 0, id="those-seen-before-they-came-are-not-ahead"),
        pytest.param(E, [A, B, C, D, E], 1, id="one-still-waiting-ahead"),
        pytest.param(D, [D, E], 0, id="those-who-came-later-are-not-ahead"),
    ],
)
def test_people_ahead(visitor, visitors, expected):
    assert people_ahead(visitor, visitors) == expected


@pytest.mark.parametrize(
    ("visitors", "sample", "expected"),
    [
        pytest.param([], 10, None, id="nobody-seen-yet"),
        pytest.param([D, E], 10, None, id="only-people-still-waiting"),
        pytest.param([A], 10, 10.0, id="one-visitor-10-minutes-over-1-place"),
        # A: 10 min over 1 place; B: 18 min over 2 places (A was ahead) -> 28 / 3.
        pytest.param([A, B], 10, 28 / 3, id="waits-over-places"),
        # A 10/1, B 18/2, C 1/1 -> 29 / 4; D and E are still waiting and count for nothing.
        pytest.param([A, B, C, D, E], 10, 29 / 4, id="whole-morning"),
        # The last two seen are B (18 min, 2 places: A was ahead) and C (1 min, 1 place).
        pytest.param([A, B, C], 2, 19 / 3, id="only-the-most-recent-sample"),
        pytest.param([A, B, C], 0, None, id="empty-sample"),
    ],
)
def test_minutes_per_visitor(visitors, sample, expected):
    result = minutes_per_visitor(visitors, sample=sample)
    assert result == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("ahead", "per_visitor", "expected"),
    [
        pytest.param(0, None, 10, id="default-pace-nobody-ahead"),
        pytest.param(2, None, 30, id="default-pace-two-ahead-3x10"),
        pytest.param(1, 28 / 3, 20, id="two-places-at-9.33-is-18.67-rounded-up-to-20"),
        pytest.param(1, 7.5, 15, id="exactly-15-stays-15"),
        pytest.param(0, 0.2, 5, id="a-few-seconds-is-told-as-5"),
        pytest.param(3, 0.0, 0, id="seen-at-once-straight-away"),
        pytest.param(0, -3.0, 0, id="a-negative-pace-from-clock-skew-is-none"),
        pytest.param(100, None, 600, id="capped-at-ten-hours"),
        pytest.param(4, 12.0, 60, id="five-places-at-12-is-an-hour"),
    ],
)
def test_estimate_wait(ahead, per_visitor, expected):
    assert estimate_wait(ahead=ahead, per_visitor=per_visitor) == expected


def test_estimate_refuses_a_negative_queue():
    with pytest.raises(ValueError):
        estimate_wait(ahead=-1, per_visitor=None)


@pytest.mark.parametrize(
    ("arrived", "until", "expected"),
    [
        pytest.param(at(9, 0), at(9, 12, 59), 12, id="whole-minutes-only"),
        pytest.param(at(9, 0), at(9, 0), 0, id="just-arrived"),
        pytest.param(at(9, 0), at(8, 59, 30), 0, id="clock-skew-is-not-negative"),
        pytest.param(at(9, 0), at(9, 0) + timedelta(hours=2), 120, id="two-hours"),
    ],
)
def test_minutes_waited(arrived, until, expected):
    assert minutes_waited(arrived, until) == expected
