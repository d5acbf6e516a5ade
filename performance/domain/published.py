"""The published figures' arithmetic: a percentage met, held back when too few deadlines fell
due to say anything (plain Python).

Public statistics do not publish a rate of a handful: one late reply among three is "67 %",
which says more about chance than about the service. The Government Statistical Service
marks such a cell ``[u]`` (low reliability) instead of a figure; the counts themselves stay
shown, since a count of deadlines across the whole council names nobody. See
docs/adr/0035-the-standards-in-public.md.
"""

from dataclasses import dataclass
from decimal import Decimal

from .measures import met_rate

#: A percentage is published only when at least this many deadlines fell due.
FEWEST_TO_PUBLISH = 10


@dataclass(frozen=True)
class Met:
    """Deadlines that fell due in a group: met on time, met late, or still open after them."""

    met: int = 0
    met_late: int = 0
    breached: int = 0

    @property
    def due(self) -> int:
        return self.met + self.met_late + self.breached

    def __add__(self, other: "Met") -> "Met":
        return Met(
            self.met + other.met,
            self.met_late + other.met_late,
            self.breached + other.breached,
        )


@dataclass(frozen=True)
class Published:
    """What the page shows of a group: how many fell due, how many were met on time, and
    the percentage met on time, or why there is none."""

    due: int
    met: int
    rate: Decimal | None  # None: see ``low`` (too few) or nothing fell due
    low: bool  # fewer than FEWEST_TO_PUBLISH fell due, but some did

    @classmethod
    def of(cls, figures: Met) -> "Published":
        due = figures.due
        low = 0 < due < FEWEST_TO_PUBLISH
        rate = (
            None
            if low
            else met_rate(met=figures.met, met_late=figures.met_late, breached=figures.breached)
        )
        return cls(due=due, met=figures.met, rate=rate, low=low)
