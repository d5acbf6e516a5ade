"""The figures of the analysis: shares of a total as percentages to one decimal place, rounded
half up (what a reader adding them up by hand expects), and a scale's mean."""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")


def share(count: int, total: int) -> Decimal | None:
    """``count`` of ``total`` as a percentage; ``None`` when there is nothing to share."""
    if total <= 0:
        return None
    return (Decimal(count) * 100 / Decimal(total)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def bar_size(percent: Decimal | None) -> int:
    """The whole percent, 0 to 100, a bar's class is named for."""
    if percent is None:
        return 0
    whole = percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(min(max(whole, Decimal(0)), Decimal(100)))


def mean(counts: Mapping[int, int]) -> Decimal | None:
    """The mean value of a scale from how many gave each value."""
    total = sum(counts.values())
    if not total:
        return None
    weighted = sum(value * count for value, count in counts.items())
    return (Decimal(weighted) / Decimal(total)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
