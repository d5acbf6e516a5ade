"""Human-friendly case references: ``CYS-2026-004213``, numbered afresh each year."""

from django.conf import settings
from django.db import connection

from .models import ReferenceCounter


def reference_allocate(year: int) -> str:
    """Take the next number of ``year`` in one atomic upsert.

    Call it outside the case's own transaction where possible: the counter row is then locked
    only for this statement, not for the whole case creation. A number taken by a transaction
    that later fails is simply never used.
    """
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        (number,) = cursor.fetchone()
    return reference_format(year, number)


def reference_format(year: int, number: int) -> str:
    prefix = settings.CYSWLLT["REFERENCE_PREFIX"]
    return f"{prefix}-{year}-{number:06d}"
