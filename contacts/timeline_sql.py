"""Set-based writes about many milestones at once, by their ids.

The ids come from the ``UPDATE ... RETURNING`` that moved the milestones, so a job touches each
row once more only to write what follows from the move, with one ``INSERT ... SELECT`` (the
timeline events through ``contacts.timeline.events_record_for_milestones``, the alerts here).
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection

from accounts.models import Team

from .models import Case, Milestone, SlaAlert


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def ids_condition(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """``column`` is one of ``ids``, as one parameter whatever the number of ids."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]


def update_returning_ids(
    set_sql: str, set_params: list[Any], where_sql: str, where_params: list[Any]
) -> list[int]:
    """``UPDATE milestone SET ... WHERE ... RETURNING id`` (PostgreSQL and SQLite ≥ 3.35)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q(Milestone._meta.db_table)} SET {set_sql} WHERE {where_sql} RETURNING id",
            [*set_params, *where_params],
        )
        return [row[0] for row in cursor.fetchall()]


def alerts_insert(ids: Sequence[int], *, transition: str, now: datetime) -> None:
    """The e-mails owed to each milestone's case owner and team manager (one, when they are
    the same person); a retry owes nothing twice."""
    milestone, case, team = (
        q(Milestone._meta.db_table),
        q(Case._meta.db_table),
        q(Team._meta.db_table),
    )
    condition, params = ids_condition("m.id", ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(SlaAlert._meta.db_table)} (milestone_id, revision, transition, "
            f"recipient_id, created_at, attempts) "
            f"SELECT milestone_id, revision, %s, recipient_id, %s, 0 FROM ("
            f" SELECT m.id AS milestone_id, m.revision AS revision, c.owner_id AS recipient_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" WHERE {condition} AND c.owner_id IS NOT NULL"
            f" UNION"
            f" SELECT m.id, m.revision, t.manager_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" JOIN {team} t ON t.id = c.team_id"
            f" WHERE {condition} AND t.manager_id IS NOT NULL"
            f") AS owed WHERE true "
            f"ON CONFLICT (milestone_id, revision, transition, recipient_id) DO NOTHING",
            [transition, now, *params, *params],
        )
