"""The evaluation's arithmetic: rates, periods and scores (plain Python, no Django)."""

import math
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage to one decimal place, rounding halves up; None
    when there is nothing to measure (a rate of nothing is not 0 %)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def met_rate(*, met: int, met_late: int, breached: int) -> Decimal | None:
    """Milestones kept on time out of those whose time has come: met on time, met late, or
    still open after the due time. Open milestones not yet due are not counted either way."""
    return percent(met, met + met_late + breached)


def score_rate(*, yes: int, no: int) -> Decimal | None:
    """Behaviours shown out of those that applied: "not applicable" counts for neither."""
    return percent(yes, yes + no)


class Grain(StrEnum):
    WEEK = "week"
    MONTH = "month"


def period_start(day: date, grain: Grain) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if grain is Grain.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def periods(first: date, last: date, grain: Grain) -> list[date]:
    """The start of every week or month that overlaps ``first``..``last``, in order."""
    starts = []
    current = period_start(first, grain)
    while current <= last:
        starts.append(current)
        if grain is Grain.WEEK:
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def month_before(day: date) -> date:
    """The first day of the month before ``day``'s."""
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def minutes(seconds: float | None) -> Decimal | None:
    """Seconds as minutes to one decimal place, for tables of waiting and response times."""
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


def hours(seconds: float | None) -> Decimal | None:
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)


def percentile_cont(ordered: Sequence[float], fraction: float) -> float | None:
    """PostgreSQL's ``percentile_cont(fraction)`` of values sorted in ascending order: the
    value at position ``fraction × (n − 1)``, interpolated linearly between its two
    neighbours; None when there are no values. The SQLite first run has no percentile
    function, so it reads the durations sorted and computes the same figure here."""
    if not 0 <= fraction <= 1:
        raise ValueError(fraction)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)
