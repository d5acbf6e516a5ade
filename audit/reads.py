"""The one writer of the audit of reads (ADR 0021): every path that shows a case or a customer
record calls ``record``.

One ``INSERT`` per call, however many records were shown: the rows travel as two arrays and
are unnested by PostgreSQL, so a list or an export of N cases costs one statement, with no
query before it and nothing read back.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from accounts.access import signed_in
from accounts.models import User

from .models import Read, ReadPath

_INSERT = f"""
    INSERT INTO {Read._meta.db_table} (at, user_id, path, case_id, customer_id)
    SELECT %s, %s, %s, shown.case_id, shown.customer_id
      FROM unnest(%s::bigint[], %s::bigint[]) AS shown (case_id, customer_id)
"""
# Outside a transaction the INSERT is a transaction of its own, and its commit would wait for
# the disk: 3 to 8 ms of the case page here, most of what the audit costs (ADR 0021). This
# form commits it without waiting (``synchronous_commit`` off for that one transaction): a
# crash of the database server may lose the last fraction of a second of reads, nothing else.
_INSERT_NOT_WAITING = f"""
    WITH not_waiting AS (SELECT set_config('synchronous_commit', 'off', true))
    {_INSERT.strip()}, not_waiting
"""


def _not_waiting() -> bool:
    """Only a statement that is its own transaction may skip the wait: inside the caller's
    transaction the setting would reach the caller's writes, and the INSERT shares their
    commit anyway."""
    return connection.get_autocommit() and bool(
        settings.CYSWLLT.get("AUDIT_COMMIT_WITHOUT_WAITING", True)
    )


class CaseShown(Protocol):
    """A case as the caller already holds it (a ``contacts.Case``): its id, and its
    customer's, whose details a case shows."""

    @property
    def pk(self) -> Any: ...

    @property
    def customer_id(self) -> int | None: ...


def record(
    who: Any,
    path: ReadPath,
    *,
    cases: Iterable[CaseShown] = (),
    case_ids: Iterable[int] = (),
    customer_ids: Iterable[int] = (),
    at: datetime | None = None,
) -> int:
    """Record that ``who`` (a signed-in request or its user) was shown these records through
    ``path``; returns how many rows were written.

    ``cases``: cases already loaded, one row each with their customer (a case page shows the
    customer's details). ``case_ids``: cases known only by id. ``customer_ids``: customer
    records opened on their own (the customer page).
    """
    user = who if isinstance(who, User) else signed_in(who)
    rows: list[tuple[int | None, int | None]] = [(case.pk, case.customer_id) for case in cases]
    rows += [(case_id, None) for case_id in case_ids]
    rows += [(None, customer_id) for customer_id in customer_ids]
    if not rows:
        return 0
    now = at or timezone.now()
    if connection.vendor != "postgresql":
        # The embedded SQLite default has no arrays: a multi-row INSERT does the same there.
        Read.objects.bulk_create(
            Read(at=now, user_id=user.pk, path=path, case_id=case, customer_id=customer)
            for case, customer in rows
        )
        return len(rows)
    case_column, customer_column = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_NOT_WAITING if _not_waiting() else _INSERT,
            [now, user.pk, int(path), case_column, customer_column],
        )
    return len(rows)


def record_found(who: Any, path: ReadPath, *, found: QuerySet[Read]) -> None:
    """Record that ``who`` was given every case and customer record named by the reads
    ``found`` (an export of the audit itself): one ``INSERT … SELECT``, however many."""
    user = who if isinstance(who, User) else signed_in(who)
    subjects = found.order_by().values_list("case_id", "customer_id").distinct()
    select, params = subjects.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Read._meta.db_table} (at, user_id, path, case_id, customer_id) "
            f"SELECT %s, %s, %s, subject.case_id, subject.customer_id FROM ({select}) AS subject",
            [timezone.now(), user.pk, int(path), *params],
        )
