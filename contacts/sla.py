"""The SLA sweep: flag milestones that became due soon or breached, set-based.

Each pass is ``milestone_writer.milestones_sweep``: two indexed ``UPDATE ... RETURNING id``,
the moved milestones' timeline events with one ``INSERT ... SELECT`` and the alerts owed to
staff with one more (``hooks.sla_alerts_owed``, into messaging's outbox) — no loop over cases
in Python. Under PostgreSQL's row locks a second, overlapping sweep re-checks each row's state
after the first commits and finds nothing left to move, so every transition happens, and is
announced, once (docs/adr/0003-set-based-sla-sweep.md).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from .services.milestone_writer import milestones_sweep


@dataclass(frozen=True)
class SweepResult:
    due_soon: int
    breached: int


def sla_sweep(*, now: datetime) -> SweepResult:
    with transaction.atomic():
        breached, due_soon = milestones_sweep(now=now)
    return SweepResult(due_soon=len(due_soon), breached=len(breached))
