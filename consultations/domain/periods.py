"""When a consultation takes responses: from the start of its opening day to the end of its
closing day, both in UK time (the dates the public page shows)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Phase(StrEnum):
    DRAFT = "draft"  # not published: the public never sees it
    COMING = "coming"  # published, opens later
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Period:
    opens_on: date
    closes_on: date

    def valid(self) -> bool:
        """A consultation cannot close before it opens (closing on its opening day is fine)."""
        return self.closes_on >= self.opens_on


def phase(*, published: bool, period: Period, today: date) -> Phase:
    """The phase on ``today`` (the local date)."""
    if not published:
        return Phase.DRAFT
    if today < period.opens_on:
        return Phase.COMING
    if today > period.closes_on:
        return Phase.CLOSED
    return Phase.OPEN
