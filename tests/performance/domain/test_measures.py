"""The evaluation's arithmetic, with every expected value worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from performance.domain.measures import (
    Grain,
    hours,
    met_rate,
    minutes,
    month_before,
    percent,
    percentile_cont,
    period_start,
    periods,
    score_rate,
)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 2, Decimal("50.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
        (1, 16, Decimal("6.3")),  # 6.25 rounds half up
        (0, 5, Decimal("0.0")),
        (5, 5, Decimal("100.0")),
        (0, 0, None),
    ],
)
def test_percent(part, whole, expected):
    assert percent(part, whole) == expected


def test_met_rate_counts_late_and_overdue_against_and_ignores_nothing_else():
    # 3 on time of 3 + 2 late + 1 still open after its deadline = 3 / 6
    assert met_rate(met=3, met_late=2, breached=1) == Decimal("50.0")
    assert met_rate(met=0, met_late=0, breached=0) is None


def test_score_rate_leaves_not_applicable_out():
    # 4 shown, 1 not shown: 4 / 5; "not applicable" is not an argument at all
    assert score_rate(yes=4, no=1) == Decimal("80.0")
    assert score_rate(yes=0, no=0) is None


@pytest.mark.parametrize(
    ("day", "grain", "expected"),
    [
        (date(2026, 3, 4), Grain.WEEK, date(2026, 3, 2)),  # Wednesday -> Monday
        (date(2026, 3, 2), Grain.WEEK, date(2026, 3, 2)),  # a Monday is its own week
        (date(2026, 3, 1), Grain.WEEK, date(2026, 2, 23)),  # Sunday -> the Monday before
        (date(2026, 3, 31), Grain.MONTH, date(2026, 3, 1)),
    ],
)
def test_period_start(day, grain, expected):
    assert period_start(day, grain) == expected


def test_periods_by_month_cross_the_year():
    assert periods(date(2025, 11, 15), date(2026, 2, 1), Grain.MONTH) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_periods_by_week():
    assert periods(date(2026, 3, 4), date(2026, 3, 16), Grain.WEEK) == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 3, 15), date(2026, 2, 1)), (date(2026, 1, 1), date(2025, 12, 1))],
)
def test_month_before(day, expected):
    assert month_before(day) == expected


def test_durations_in_minutes_and_hours():
    assert minutes(480) == Decimal("8.0")
    assert minutes(90) == Decimal("1.5")
    assert hours(89280) == Decimal("24.8")
    assert hours(None) is None


# percentile_cont as PostgreSQL computes it: position = fraction × (n − 1), then a linear
# interpolation between the values either side of it (worked by hand below).
@pytest.mark.parametrize(
    ("ordered", "fraction", "expected"),
    [
        ([], 0.5, None),
        ([600], 0.5, 600),
        ([600], 0.9, 600),
        # n = 2: position 0.5 → 100 + (300 − 100) × 0.5 = 200.
        ([100, 300], 0.5, 200),
        # n = 2: position 0.9 → 100 + 200 × 0.9 = 280.
        ([100, 300], 0.9, 280),
        # n = 3: position 1 → the middle value exactly.
        ([240, 720, 840], 0.5, 720),
        # n = 3: position 1.8 → 720 + (840 − 720) × 0.8 = 816.
        ([240, 720, 840], 0.9, 816),
        # n = 4: position 1.5 → 20 + (30 − 20) × 0.5 = 25.
        ([10, 20, 30, 40], 0.5, 25),
        # n = 4: position 2.7 → 30 + (40 − 30) × 0.7 = 37.
        ([10, 20, 30, 40], 0.9, 37),
        # n = 11: position 9 → the tenth value, 90.
        ([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 90),
        ([5, 5, 5], 0.9, 5),
        ([10, 20], 0, 10),
        ([10, 20], 1, 20),
    ],
)
def test_percentile_cont(ordered, fraction, expected):
    result = percentile_cont(ordered, fraction)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_percentile_cont_refuses_a_fraction_outside_0_to_1(fraction):
    with pytest.raises(ValueError):
        percentile_cont([1, 2], fraction)
