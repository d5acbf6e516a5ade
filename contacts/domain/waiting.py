"""How long a reception visitor may wait: the rule behind what the desk tells them.

The drop-in standard promises to tell visitors how long they may wait. The estimate comes from
the people ahead of them and how long recent visitors took to be seen, per place in the queue:
a visitor who had two people ahead and waited 30 minutes says the desk takes about 10 minutes
a person. Plain Python: the day's visits and "now" are arguments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: What the desk assumes before anybody has been seen today.
DEFAULT_MINUTES_PER_VISITOR = 10
#: Estimates are told in steps of this many minutes, rounded up: "about 15 minutes" is what a
#: visitor can use, and a wait shorter than promised disappoints nobody.
STEP_MINUTES = 5
#: The most recent visitors seen that set the pace; older ones reflect another part of the day.
RECENT_SAMPLE = 10
#: Beyond this the desk should be talking to the visitor, not quoting a number (and the channel
#: details' expected wait stops here too).
LONGEST_ESTIMATE_MINUTES = 600


@dataclass(frozen=True)
class Visitor:
    arrived_at: datetime
    seen_at: datetime | None = None


def waiting(visitor: Visitor, at: datetime) -> bool:
    """Arrived by ``at`` and not seen by then."""
    return visitor.arrived_at <= at and (visitor.seen_at is None or visitor.seen_at > at)


def people_ahead(visitor: Visitor, visitors: Sequence[Visitor]) -> int:
    """How many others were waiting when ``visitor`` arrived."""
    return sum(
        1
        for other in visitors
        if other is not visitor
        and other.arrived_at < visitor.arrived_at
        and waiting(other, visitor.arrived_at)
    )


def minutes_per_visitor(
    visitors: Sequence[Visitor], *, sample: int = RECENT_SAMPLE
) -> float | None:
    """Minutes of waiting per place in the queue over the last ``sample`` visitors seen, or
    ``None`` before anybody has been seen.

    Each seen visitor waited for the people ahead of them and for themselves, so their wait
    counts over (people ahead + 1) places; the total wait over the total places is the pace.
    """
    seen = sorted(
        ((v, v.seen_at) for v in visitors if v.seen_at is not None), key=lambda pair: pair[1]
    )
    recent = seen[-sample:] if sample > 0 else []
    if not recent:
        return None
    waited = sum(max((seen_at - v.arrived_at).total_seconds(), 0.0) for v, seen_at in recent)
    places = sum(people_ahead(v, visitors) + 1 for v, _ in recent)
    return waited / 60 / places


def estimate_wait(
    *,
    ahead: int,
    per_visitor: float | None,
    default_per_visitor: float = DEFAULT_MINUTES_PER_VISITOR,
) -> int:
    """Minutes to tell a visitor with ``ahead`` people in front of them, rounded up to the
    next step of ``STEP_MINUTES`` (0 when visitors are being seen at once)."""
    if ahead < 0:
        raise ValueError("People ahead cannot be negative.")
    pace = default_per_visitor if per_visitor is None else max(per_visitor, 0.0)
    minutes = (ahead + 1) * pace
    steps = math.ceil(round(minutes, 6) / STEP_MINUTES)
    return min(steps * STEP_MINUTES, LONGEST_ESTIMATE_MINUTES)


def minutes_waited(arrived_at: datetime, until: datetime) -> int:
    """Whole minutes from arrival to ``until`` (never negative: clocks disagree by seconds)."""
    return max(int((until - arrived_at) // timedelta(minutes=1)), 0)
