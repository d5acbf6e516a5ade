"""Human-friendly case references: ``CYS-2026-004213``, numbered afresh each year.

On PostgreSQL each year has its own sequence: ``nextval`` takes no row lock and needs no commit
of its own, so concurrent case creation never queues for a number. The SQL function
``case_reference_next`` (contacts migration 0024) takes the number and formats it, creating the
year's sequence on its first case, so that the statement storing a new case works its reference
out itself (``reference_for_new_case``, docs/adr/0037). SQLite (the embedded first run) bumps a
counter row with one upsert instead. Either way a number taken by a creation that then fails is
never used: references may have gaps, never duplicates (docs/adr/0004-case-references.md).
"""

from django.conf import settings
from django.db import connection

from common.bulk import Computed

from .models import ReferenceCounter


def reference_for_new_case(year: int) -> str | Computed:
    """A new case's reference: on PostgreSQL, worked out by the statement that stores the case
    (no round trip of its own); elsewhere, taken now."""
    if connection.vendor == "postgresql":
        return Computed("case_reference_next(%s::integer, %s::text)", (year, _prefix()))
    return reference_format(year, _next_from_counter(year))


def _prefix() -> str:
    return str(settings.CYSWLLT["REFERENCE_PREFIX"])


def reference_format(year: int, number: int) -> str:
    return f"{_prefix()}-{year}-{number:06d}"


def _next_from_counter(year: int) -> int:
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        return cursor.fetchone()[0]
