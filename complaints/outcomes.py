"""What "You said, we did" learns from the apps built on complaints (docs/adr/0034): the
published outcomes of consultations, told through this registry (ADR 0015), so that this
lower app never imports the consultations app."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from common.registry import Provider


@dataclass(frozen=True)
class PublishedOutcome:
    """One closing report: its title and address in the page's language, and when it was
    published."""

    title: str
    url: str
    published_at: datetime


class OutcomesSource(Protocol):
    def __call__(self, *, limit: int) -> list[PublishedOutcome]: ...


def _none(*, limit: int) -> list[PublishedOutcome]:
    return []


#: Filled in ``ConsultationsConfig.ready()``.
published_outcomes: Provider[OutcomesSource] = Provider("published_outcomes", default=_none)
