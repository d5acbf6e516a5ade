"""The SLA sweep: flag milestones that became due soon or breached, set-based.

Each pass is two indexed ``UPDATE``s. The rows an ``UPDATE`` moved are marked with a batch token
so that the same transaction writes their timeline events and the alerts owed to staff with one
``INSERT ... SELECT`` each — no loop over cases in Python. Under PostgreSQL's row locks a second,
overlapping sweep re-checks each row's state after the first commits and finds nothing left to
move, so every transition happens, and is announced, once.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from accounts.models import Team

from .models import (
    AlertTransition,
    Case,
    CaseEvent,
    EventKind,
    Milestone,
    MilestoneState,
    SlaAlert,
)


@dataclass(frozen=True)
class SweepResult:
    due_soon: int
    breached: int


def sla_sweep(*, now: datetime) -> SweepResult:
    with transaction.atomic():
        soon_token, breach_token = uuid.uuid4(), uuid.uuid4()
        due_soon = Milestone.objects.filter(
            state=MilestoneState.PENDING, due_soon_at__lte=now, due_at__gt=now
        ).update(state=MilestoneState.DUE_SOON, state_changed_at=now, batch_token=soon_token)
        breached = Milestone.objects.filter(
            state__in=(MilestoneState.PENDING, MilestoneState.DUE_SOON), due_at__lte=now
        ).update(state=MilestoneState.BREACHED, state_changed_at=now, batch_token=breach_token)
        if due_soon:
            record_transitions(
                soon_token,
                event=EventKind.MILESTONE_DUE_SOON,
                transition=AlertTransition.DUE_SOON,
                now=now,
            )
        if breached:
            record_transitions(
                breach_token,
                event=EventKind.MILESTONE_BREACHED,
                transition=AlertTransition.BREACHED,
                now=now,
            )
        if due_soon or breached:
            Milestone.objects.filter(batch_token__in=(soon_token, breach_token)).update(
                batch_token=None
            )
    return SweepResult(due_soon=due_soon, breached=breached)


def record_transitions(token: uuid.UUID, *, event: str, transition: str, now: datetime) -> None:
    """One timeline event per moved milestone, and an alert for the case owner and the team's
    manager (one, when they are the same person)."""
    q = connection.ops.quote_name
    milestone, case, team = (
        q(Milestone._meta.db_table),
        q(Case._meta.db_table),
        q(Team._meta.db_table),
    )
    event_table, alert_table = q(CaseEvent._meta.db_table), q(SlaAlert._meta.db_table)
    batch = Milestone._meta.get_field("batch_token").get_db_prep_value(
        token, connection, prepared=False
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {event_table} (case_id, kind, created_at, milestone_id, from_status, "
            f"to_status, text) SELECT m.case_id, %s, %s, m.id, '', m.state, '' "
            f"FROM {milestone} m WHERE m.batch_token = %s",
            [event, now, batch],
        )
        cursor.execute(
            f"INSERT INTO {alert_table} (milestone_id, revision, transition, recipient_id, "
            f"created_at, attempts) "
            f"SELECT milestone_id, revision, %s, recipient_id, %s, 0 FROM ("
            f" SELECT m.id AS milestone_id, m.revision AS revision, c.owner_id AS recipient_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" WHERE m.batch_token = %s AND c.owner_id IS NOT NULL"
            f" UNION"
            f" SELECT m.id, m.revision, t.manager_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" JOIN {team} t ON t.id = c.team_id"
            f" WHERE m.batch_token = %s AND t.manager_id IS NOT NULL"
            f") AS owed WHERE true "
            f"ON CONFLICT (milestone_id, revision, transition, recipient_id) DO NOTHING",
            [transition, now, batch, batch],
        )
