"""Set-based writes about many milestones at once, by their ids.

The ids come from the ``UPDATE ... RETURNING`` that moved the milestones, so a job touches each
row once more only to write what follows from the move, with one ``INSERT ... SELECT`` (the
timeline events through ``contacts.timeline.events_record_for_milestones``; the alerts in
messaging's outbox, ``messaging.staff``).
"""

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection

from .models import Milestone


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
