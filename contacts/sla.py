"""The SLA sweep: flag milestones that became due soon or breached, set-based.

Each pass is two indexed ``UPDATE ... RETURNING id`` (``milestone_writer.milestones_sweep``,
which also writes the moved milestones' timeline events with one ``INSERT ... SELECT``); the
same transaction then writes the alerts owed to staff with one more — no loop over cases in
Python. Under PostgreSQL's row locks a second, overlapping sweep re-checks each row's state
after the first commits and finds nothing left to move, so every transition happens, and is
announced, once (docs/adr/0003-set-based-sla-sweep.md).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from .models import AlertTransition
from .services.milestone_writer import milestones_sweep
from .timeline_sql import alerts_insert


@dataclass(frozen=True)
class SweepResult:
    due_soon: int
    breached: int


def sla_sweep(*, now: datetime) -> SweepResult:
    with transaction.atomic():
        breached, due_soon = milestones_sweep(now=now)
        if breached:
            alerts_insert(breached, transition=AlertTransition.BREACHED, now=now)
        if due_soon:
            alerts_insert(due_soon, transition=AlertTransition.DUE_SOON, now=now)
    return SweepResult(due_soon=len(due_soon), breached=len(breached))
