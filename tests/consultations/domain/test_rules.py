"""The consultations' pure rules, with hand-worked values."""

from datetime import date
from decimal import Decimal

import pytest

from consultations.domain.answers import Checked, Problem, Spec, check
from consultations.domain.figures import bar_size, mean, share
from consultations.domain.people import person_digest
from consultations.domain.periods import Period, Phase, phase

PERIOD = Period(date(2026, 3, 2), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("published", "today", "expected"),
    [
        (False, date(2026, 3, 10), Phase.DRAFT),
        (True, date(2026, 3, 1), Phase.COMING),
        (True, date(2026, 3, 2), Phase.OPEN),  # the opening day counts
        (True, date(2026, 3, 31), Phase.OPEN),  # and the closing day, to its end
        (True, date(2026, 4, 1), Phase.CLOSED),
    ],
)
def test_phase_by_local_date(published, today, expected):
    assert phase(published=published, period=PERIOD, today=today) == expected


def test_a_consultation_cannot_close_before_it_opens():
    assert not Period(date(2026, 3, 2), date(2026, 3, 1)).valid()
    assert Period(date(2026, 3, 2), date(2026, 3, 2)).valid()


SCALE = Spec(kind="scale", required=True, scale_min=1, scale_max=5)
SINGLE = Spec(kind="single", required=False, choices={7, 8})
MULTIPLE = Spec(kind="multiple", required=True, choices={7, 8, 9})


@pytest.mark.parametrize(
    ("spec", "raw", "expected"),
    [
        (SCALE, [], Problem.MISSING),
        (SCALE, ["  "], Problem.MISSING),
        (SCALE, ["3"], Checked(value=3)),
        (SCALE, ["0"], Problem.OUT_OF_RANGE),
        (SCALE, ["6"], Problem.OUT_OF_RANGE),
        (SCALE, ["-1"], Problem.OUT_OF_RANGE),
        (SCALE, ["three"], Problem.NOT_A_NUMBER),
        (SCALE, ["3", "4"], Problem.NOT_A_NUMBER),
        (SINGLE, [], Checked()),
        (SINGLE, ["7"], Checked(choices=(7,))),
        (SINGLE, ["7", "8"], Problem.ONE_CHOICE_ONLY),
        (SINGLE, ["99"], Problem.NOT_A_CHOICE),
        (SINGLE, ["x"], Problem.NOT_A_CHOICE),
        (MULTIPLE, ["9", "7", "9"], Checked(choices=(9, 7))),
        (MULTIPLE, [], Problem.MISSING),
        (Spec(kind="text", required=True), [" Fewer bins "], Checked(text="Fewer bins")),
        (Spec(kind="text", required=False), ["x" * 10_001], Problem.TOO_LONG),
    ],
)
def test_answers_checked(spec, raw, expected):
    assert check(spec, raw) == expected


def test_shares_round_half_up_to_one_place():
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(1, 8) == Decimal("12.5")
    assert share(1, 0) is None
    assert bar_size(Decimal("12.5")) == 13
    assert bar_size(None) == 0


def test_mean_of_a_scale():
    # (1×2 + 4×1 + 5×1) / 4 = 11/4 = 2.75 → 2.8
    assert mean({1: 2, 4: 1, 5: 1, 3: 0}) == Decimal("2.8")
    assert mean({1: 0}) is None


def test_the_same_address_gives_the_same_digest_and_hides_it():
    one = person_digest(" Ann@Example.com ", key="k")
    assert one == person_digest("ann@example.com", key="k")
    assert one != person_digest("ann@example.com", key="other")
    assert "ann" not in one and len(one) == 64
    assert person_digest("  ", key="k") == ""
