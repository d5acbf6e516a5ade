"""Emptying and refilling the test database around each transactional test, quickly.

Every transactional test (the browser tests, the migration tests, the worker tests) ends with
Django's flush and, being marked ``serialized_rollback``, begins by reloading what the
migrations left (the content types and permissions). Django empties PostgreSQL with one
TRUNCATE of all ninety-odd tables, which makes new files for every table and index: 0.6 to 3
seconds a test on the CI machine, for tables that hold a few dozen rows. DELETE does the same
to tables that small in a twentieth of the time. And Django reloads the rows one at a time,
an UPDATE then an INSERT for each (0.4 to 0.8 s); one INSERT ... ON CONFLICT UPDATE per
table does it in 0.03 s.

The database ends up the same either way: empty, then holding the same rows with the same
keys; sequences are left alone (as TRUNCATE without RESTART IDENTITY leaves them). Our foreign
keys are all deferrable, as Django makes them, so the order of the DELETEs does not matter
within their transaction; the one trigger that fires on a DELETE (contacts_milestone's
statement trigger, which refreshes its cases' next deadline) touches only the cases, emptied
in the same transaction.
"""

from collections import defaultdict
from typing import Any

from django.core import serializers
from django.db import transaction
from django.db.backends.postgresql.creation import DatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations

_truncate = DatabaseOperations.sql_flush
_reload_one_by_one = DatabaseCreation.deserialize_db_from_string


def sql_flush_by_delete(
    self: DatabaseOperations,
    style: Any,
    tables: list[str],
    *,
    reset_sequences: bool = False,
    allow_cascade: bool = False,
) -> list[str]:
    """DELETE from every table, unless the sequences are to restart too (TRUNCATE does that)
    or the caller leaves some tables out (``available_apps``: only TRUNCATE CASCADE reaches
    the rows of the others that point at them)."""
    if reset_sequences or allow_cascade:
        return _truncate(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    return [f"DELETE FROM {self.quote_name(table)};" for table in tables]


def reload_by_table(self: DatabaseCreation, data: str) -> None:
    """The serialized rows back, one INSERT per table. Rows Django's own loader must handle
    (many-to-many values, deferred fields, a model inheriting another's table) take its way."""
    alias = self.connection.alias
    objects = list(serializers.deserialize("json", data, using=alias))
    if any(obj.m2m_data or obj.deferred_fields or obj.object._meta.parents for obj in objects):
        _reload_one_by_one(self, data)
        return
    rows_by_model: dict[type, list[Any]] = defaultdict(list)
    for obj in objects:
        rows_by_model[type(obj.object)].append(obj.object)
    with transaction.atomic(using=alias):
        for model, rows in rows_by_model.items():
            _insert_or_update(model, rows, alias)


def _insert_or_update(model: Any, rows: list[Any], alias: str) -> None:
    """As Django's loader does, a row whose key is taken (the first transactional test of a
    run finds the migrations' rows still there) overwrites it."""
    fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
    model._base_manager.using(alias).bulk_create(
        rows,
        update_conflicts=bool(fields),
        ignore_conflicts=not fields,
        unique_fields=[model._meta.pk.name] if fields else None,
        update_fields=fields or None,
    )


def install() -> None:
    DatabaseOperations.sql_flush = sql_flush_by_delete  # type: ignore[assignment]
    DatabaseCreation.deserialize_db_from_string = reload_by_table  # type: ignore[assignment]
