"""Human-friendly case references: ``CYS-2026-004213``, numbered afresh each year.

On PostgreSQL each year has its own sequence: ``nextval`` takes no row lock and needs no commit
of its own, so concurrent case creation never queues for a number. SQLite (the embedded first
run) bumps a counter row with one upsert instead. Either way a number taken by a creation that
then fails is never used: references may have gaps, never duplicates
(docs/adr/0004-case-references.md).
"""

from django.conf import settings
from django.db import ProgrammingError, connection, transaction

from .models import ReferenceCounter


def reference_allocate(year: int) -> str:
    if connection.vendor == "postgresql":
        number = _next_from_sequence(year)
    else:
        number = _next_from_counter(year)
    return reference_format(year, number)


def reference_format(year: int, number: int) -> str:
    prefix = settings.CYSWLLT["REFERENCE_PREFIX"]
    return f"{prefix}-{year}-{number:06d}"


def sequence_name(year: int) -> str:
    return f"case_reference_{int(year)}"


def _next_from_sequence(year: int) -> int:
    name = sequence_name(year)
    # One round trip in the usual case: the sequence is looked up by name when the statement
    # runs, and NULL (not an error that would abort the caller's transaction) when it is missing.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN to_regclass(%s) IS NOT NULL THEN nextval(%s::text) END", [name, name]
        )
        number = cursor.fetchone()[0]
    if number is not None:
        return number
    # The first case of a year; a savepoint, so that a race to create it cannot spoil the
    # caller's transaction.
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {connection.ops.quote_name(name)}")
    except ProgrammingError:
        pass  # created by a concurrent first case of the year
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [name])
        return cursor.fetchone()[0]


def _next_from_counter(year: int) -> int:
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        return cursor.fetchone()[0]
