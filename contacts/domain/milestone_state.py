"""The one rule for a milestone's state: where it stands at a moment, given its due time and
its due-soon time. Plain Python, no database.

Every writer of milestones (``contacts/services/milestone_writer.py``) decides a state with
``state_at`` or ``state_when_met``, and the SLA sweep's two set-based UPDATEs
(``contacts/sla.py``) move open milestones exactly as ``swept_state`` says, which a test checks
on a table of cases.
"""

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum


class State(StrEnum):
    PENDING = "pending"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met_late"


OPEN = frozenset({State.PENDING, State.DUE_SOON, State.BREACHED})
#: How far an open milestone has gone towards its breach; the sweep only moves forward.
_PROGRESS = {State.PENDING: 0, State.DUE_SOON: 1, State.BREACHED: 2}


def state_at(*, due_at: datetime | None, due_soon_at: datetime | None, now: datetime) -> State:
    """The state of an open milestone due at ``due_at``, due soon from ``due_soon_at``, at
    ``now``: breached once its due time has come, due soon once its due-soon time has, else
    pending. A milestone without a due time (only measured) stays pending; one without a
    due-soon time is never due soon before it is breached."""
    if due_at is not None and due_at <= now:
        return State.BREACHED
    if due_at is not None and due_soon_at is not None and due_soon_at <= now:
        return State.DUE_SOON
    return State.PENDING


def state_when_met(*, due_at: datetime | None, met_at: datetime) -> State:
    """``met`` when it happened at or before the due time, ``met_late`` after it."""
    if due_at is not None and met_at > due_at:
        return State.MET_LATE
    return State.MET


def swept_state(
    state: str, *, due_at: datetime | None, due_soon_at: datetime | None, now: datetime
) -> State:
    """The state the SLA sweep leaves a milestone in: an open one moves forward to
    ``state_at`` (never back: a writer that moves a deadline re-decides the state itself); a
    met one stays met."""
    current = State(state)
    if current not in OPEN:
        return current
    target = state_at(due_at=due_at, due_soon_at=due_soon_at, now=now)
    return target if _PROGRESS[target] > _PROGRESS[current] else current


def next_due(milestones: Iterable[tuple[str, datetime | None]]) -> datetime | None:
    """The earliest due time of the open milestones among ``(state, due_at)`` pairs, or
    ``None``: what the database keeps in ``Case.next_due_at`` (docs/adr/0010)."""
    due = [due_at for state, due_at in milestones if state in OPEN and due_at is not None]
    return min(due) if due else None
