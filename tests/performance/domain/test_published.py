"""The public page's arithmetic and its quarters, with hand-worked values."""

from datetime import date
from decimal import Decimal

import pytest

from complaints.domain.rules import Quarter
from performance.domain.published import FEWEST_TO_PUBLISH, Met, Published
from performance.domain.quarters import last_complete, last_day, quarters_shown


@pytest.mark.parametrize(
    ("figures", "due", "rate", "low"),
    [
        (Met(0, 0, 0), 0, None, False),  # nothing fell due: no rate, not "too few"
        (Met(1, 0, 0), 1, None, True),
        (Met(8, 1, 0), 9, None, True),  # one short of the threshold
        (Met(8, 1, 1), 10, Decimal("80.0"), False),
        (Met(29, 7, 2), 38, Decimal("76.3"), False),  # 76.315...
        (Met(2, 0, 1), 3, None, True),
        (Met(0, 9, 1), 10, Decimal("0.0"), False),
        (Met(37, 9, 2), 48, Decimal("77.1"), False),  # 77.083...
        (Met(1, 1, 0) + Met(0, 0, 0), 2, None, True),
    ],
)
def test_a_percentage_is_published_from_ten_deadlines(figures, due, rate, low):
    assert FEWEST_TO_PUBLISH == 10
    published = Published.of(figures)
    assert (published.due, published.rate, published.low) == (due, rate, low)
    assert published.met == figures.met


def test_groups_add_up():
    assert Met(1, 2, 3) + Met(10, 20, 30) == Met(11, 22, 33)


@pytest.mark.parametrize(
    ("today", "quarter", "first", "last"),
    [
        # The financial year's quarters, as the complaints figures are reported.
        (date(2026, 12, 7), Quarter(2026, 2), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), Quarter(2026, 2), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 9, 30), Quarter(2026, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 4, 1), Quarter(2025, 4), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), Quarter(2025, 3), date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_the_last_complete_quarter(today, quarter, first, last):
    assert last_complete(today) == quarter
    assert (quarter.starts_on, last_day(quarter)) == (first, last)


def test_the_quarters_shown_run_from_the_first_figures_newest_first():
    today = date(2026, 12, 7)
    assert quarters_shown(first_day=date(2026, 2, 14), today=today) == [
        Quarter(2026, 2),
        Quarter(2026, 1),
        Quarter(2025, 4),
    ]
    # No figures yet, or only figures of the quarter still running: the last complete one.
    assert quarters_shown(first_day=None, today=today) == [Quarter(2026, 2)]
    assert quarters_shown(first_day=date(2026, 11, 1), today=today) == [Quarter(2026, 2)]
    # Figures dated before the complaints' quarters begin are shown from April 2000.
    assert quarters_shown(first_day=date(1999, 1, 1), today=date(2000, 12, 1))[-1] == Quarter(
        2000, 1
    )
