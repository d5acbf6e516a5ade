"""The SLA sweep: flag milestones that became due soon or breached, set-based.

Each pass is two indexed ``UPDATE ... RETURNING id``; the same transaction then writes the moved
milestones' timeline events with one ``INSERT ... SELECT``, and the alerts owed to staff
(``hooks.sla_alerts_owed``: messaging's outbox, in one statement too) —
no loop over cases in Python. Under PostgreSQL's row locks a second, overlapping sweep re-checks
each row's state after the first commits and finds nothing left to move, so every transition
happens, and is announced, once (docs/adr/0003-set-based-sla-sweep.md).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from . import hooks
from .models import AlertTransition, EventKind
from .timeline_sql import events_insert, update_returning_ids


@dataclass(frozen=True)
class SweepResult:
    due_soon: int
    breached: int


# The state values are literals, not parameters, so that the planner matches each WHERE clause
# to its partial index (milestone_open_due, milestone_pending_due_soon).
BREACH_WHERE = "state IN ('pending', 'due_soon') AND due_at <= %s"
# Run after the breach UPDATE: every pending row left whose due-soon time has come is not yet
# due, and this shape reads the due-soon index alone.
DUE_SOON_WHERE = "state = 'pending' AND due_soon_at <= %s"


def sla_sweep(*, now: datetime) -> SweepResult:
    with transaction.atomic():
        breached = update_returning_ids(
            "state = 'breached', state_changed_at = %s", [now], BREACH_WHERE, [now]
        )
        due_soon = update_returning_ids(
            "state = 'due_soon', state_changed_at = %s", [now], DUE_SOON_WHERE, [now]
        )
        if breached:
            events_insert(breached, kind=EventKind.MILESTONE_BREACHED, now=now)
            hooks.sla_alerts_owed(
                milestone_ids=breached, transition=AlertTransition.BREACHED, now=now
            )
        if due_soon:
            events_insert(due_soon, kind=EventKind.MILESTONE_DUE_SOON, now=now)
            hooks.sla_alerts_owed(
                milestone_ids=due_soon, transition=AlertTransition.DUE_SOON, now=now
            )
    return SweepResult(due_soon=len(due_soon), breached=len(breached))
