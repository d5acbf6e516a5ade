"""Writing many rows at once: a column's new values, or new rows that refer to one another."""

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Field, Model
from django.db.models.expressions import Combinable


def rows_update(rows: Sequence[Model], fields: Sequence[str]) -> None:
    """Save ``fields`` of ``rows`` (instances of one model) in one statement.

    Django's ``bulk_update`` writes a ``CASE WHEN id = … THEN …`` per row and field, and building
    those expressions costs more CPU than the database spends on the update (a third of an
    acknowledgement's delivery, recording 20 at a time). On PostgreSQL the values go as one
    array per column instead: ``UPDATE … FROM unnest(ids, values…)``. Elsewhere, bulk_update.
    """
    if not rows:
        return
    model = type(rows[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(rows, list(fields))
        return
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    columns = [_concrete(meta.get_field(name)) for name in fields]
    arrays = [[pk.get_db_prep_value(row.pk, connection) for row in rows]] + [
        [column.get_db_prep_save(getattr(row, column.attname), connection) for row in rows]
        for column in columns
    ]
    types = [_db_type(pk), *(_db_type(column) for column in columns)]
    quote = connection.ops.quote_name
    values = ", ".join(f"%s::{kind}[]" for kind in types)
    names = ", ".join(f"v{i}" for i in range(len(types)))
    assignments = ", ".join(
        f"{quote(str(column.column))} = new.v{i}" for i, column in enumerate(columns, start=1)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {assignments}"
            f" FROM unnest({values}) AS new({names})"
            f" WHERE {quote(meta.db_table)}.{quote(str(pk.column))} = new.v0",
            arrays,
        )


def _concrete(field: object) -> Field:
    if not isinstance(field, Field) or not field.concrete:
        raise TypeError(f"{field!r} is not a column of its model")
    return field


def _db_type(field: Field) -> str:
    kind = field.db_type(connection)
    if kind is None:
        raise TypeError(f"{field!r} has no column type")
    return kind


@dataclass(frozen=True)
class NewRows:
    """Unsaved rows of one model for ``rows_insert_linked``, named ``name`` in the statement;
    ``links`` maps a foreign key's field name to the earlier ``NewRows`` (of one row) whose new
    primary key it takes."""

    name: str
    rows: Sequence[Model]
    links: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Computed(Combinable):
    """A value the statement that inserts the rows works out, once, for every column given it
    (a sequence's next number, say: no round trip of its own). ``sql`` is an SQL expression over
    ``params``, in which ``{0}``, ``{1}``… stand for the values of ``uses``, other such values.
    The rows have the value in place of this once inserted. PostgreSQL only; a model field
    takes it as it takes any SQL expression (``Combinable``), but only ``rows_insert_linked``
    works it out."""

    sql: str
    params: tuple[Any, ...] = ()
    uses: tuple["Computed", ...] = ()


def text_joined(*parts: "str | Computed") -> "str | Computed":
    """The parts joined: a ``str`` when each is one, else a value the statement joins."""
    computed = tuple(part for part in parts if isinstance(part, Computed))
    if not computed:
        return "".join(str(part) for part in parts)
    pieces = [
        f"{{{computed.index(part)}}}" if isinstance(part, Computed) else "%s::text"
        for part in parts
    ]
    params = tuple(part for part in parts if not isinstance(part, Computed))
    return Computed(" || ".join(pieces), params, uses=computed)


def rows_insert_linked(steps: Sequence[NewRows]) -> None:
    """Insert new rows that refer to one another — a customer, the case that names it, the
    case's milestones — and give each its primary key and its links' keys.

    On PostgreSQL one statement writes them all (a chain of ``INSERT … RETURNING`` in ``WITH``),
    where saving them one by one took a round trip and an ORM compilation each: on a new case
    that was most of its cost (docs/adr/0037). Field defaults and ``auto_now_add`` are applied as
    ``save()`` applies them; no ``save()`` signals are sent (none is connected to these models).
    Elsewhere the rows are saved one model at a time, in order.
    """
    steps = [step for step in steps if step.rows]
    by_name = {step.name: step for step in steps}
    for step in steps:
        for target in step.links.values():
            if len(by_name[target].rows) != 1:
                raise ValueError(f"{step.name} links to {target}, which is not one row")
    if connection.vendor != "postgresql":
        for step in steps:
            _link(step, by_name)
            type(step.rows[0])._default_manager.bulk_create(step.rows)
        return
    # One pass over the rows' values: the parameters, and the columns given a worked-out value.
    worked_out: list[_WorkedOutColumn] = []
    row_params = [value for step in steps for value in _row_values(step, worked_out)]
    computed = _with_what_they_use([given.value for given in worked_out])
    number = {id(value): n for n, value in enumerate(computed)}
    per_row: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for given in worked_out:
        per_row.setdefault((given.step, given.row), []).append(
            (str(given.field.column), number[id(given.value)])
        )
    shape = (
        tuple((value.sql, tuple(number[id(used)] for used in value.uses)) for value in computed),
        tuple(
            (
                step.name,
                type(step.rows[0]),
                tuple(step.links.items()),
                tuple(tuple(per_row.get((step.name, n), ())) for n in range(len(step.rows))),
            )
            for step in steps
        ),
    )
    params = [param for value in computed for param in value.params] + row_params
    with _chain_cursor() as cursor:
        cursor.execute(_chain_statement(shape), params)
        returned = cursor.fetchone()
    for step, step_ids in zip(steps, returned[: len(steps)], strict=True):
        for row, pk in zip(step.rows, step_ids, strict=True):
            row.pk = pk
            row._state.adding = False
            row._state.db = connection.alias
    values = dict(zip(map(id, computed), returned[len(steps) :], strict=True))
    for given in worked_out:
        setattr(by_name[given.step].rows[given.row], given.field.attname, values[id(given.value)])
    for step in steps:
        _link(step, by_name)


class _WorkedOutColumn(NamedTuple):
    step: str
    row: int
    field: Field
    value: Computed


def _with_what_they_use(given: list[Computed]) -> list[Computed]:
    """The values the statement works out, each once, after those it uses."""
    found: dict[int, Computed] = {}

    def add(value: Computed) -> None:
        for used in value.uses:
            add(used)
        found.setdefault(id(value), value)

    for value in given:
        add(value)
    return list(found.values())


def _chain_cursor() -> Any:
    """A cursor that sends the chain's values apart from its text, prepared: the same few
    statement texts come on every new case, and PostgreSQL parsing and planning the ~100
    parameter statement each time was half of its CPU for it (docs/adr/0037). Django sends
    every other query with the values in its text and never prepares (poolers), and
    ``DATABASE_PREPARED_STATEMENTS`` turns this off too."""
    if not settings.DATABASE_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw: Any = _PreparedCursor(connection.connection)  # type: ignore[call-arg]  # stubs
    if connection.queries_logged:
        return _PreparedDebugCursor(raw, connection)
    return CursorWrapper(raw, connection)


class _PreparedCursor(ServerBindingCursor):
    """Prepares what it executes (psycopg keeps the prepared statements of a connection, the
    100 most recent)."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        return super().execute(query, params, prepare=True)  # type: ignore[misc]  # stubs


class _PreparedDebugCursor(CursorDebugWrapper):
    """Logs the chain as written (DEBUG, ``CaptureQueriesContext``): Django reads the last
    query from the cursor, which psycopg keeps only for values sent in the text."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)


#: A chain's shape: the SQL of each value it works out (and the values each uses), and each
#: step's name, model and links, with each row's columns that take a worked-out value.
_Links = tuple[tuple[str, str], ...]
_WorkedOut = tuple[tuple[str, int], ...]  # a row's columns and the worked-out value each takes
_Shape = tuple[
    tuple[tuple[str, tuple[int, ...]], ...],
    tuple[tuple[str, type[Model], _Links, tuple[_WorkedOut, ...]], ...],
]


@functools.lru_cache(maxsize=256)
def _chain_statement(shape: _Shape) -> str:
    """The statement of a chain of this shape: the same text for every new case of one kind,
    worked out once a process (building it cost more than adapting the values)."""
    computed, steps = shape
    # A value worked out first, once, in a WITH query of its own: PostgreSQL runs a WITH query
    # with a volatile function (nextval) once, however many rows read it.
    parts = [
        f"v{n} AS (SELECT ({sql.format(*(f'(SELECT v FROM v{u})' for u in uses))}) AS v)"
        for n, (sql, uses) in enumerate(computed)
    ]
    for name, model, links, rows in steps:
        table, names, columns = _insert_columns(model)
        linked = _linked_columns(model, links)
        source = " CROSS JOIN ".join(dict.fromkeys(linked.values()))
        selects = []
        for worked_out in rows:
            given = dict(worked_out)
            values = ", ".join(
                f"{linked[column.column]}.id"
                if column.column in linked
                else f"(SELECT v FROM v{given[column.column]})::{_db_type(column)}"
                if column.column in given
                else slot
                for column, slot in columns
            )
            selects.append(f"SELECT {values}" + (f" FROM {source}" if source else ""))
        rows_sql = " UNION ALL ".join(selects)
        parts.append(f"{name} AS (INSERT INTO {table} ({names}) {rows_sql} RETURNING id)")
    # One id a row, in the order the rows were given (nextval runs in that order); then the
    # worked-out values.
    keys = [f"(SELECT array_agg(id ORDER BY id) FROM {name})" for name, *_ in steps]
    keys += [f"(SELECT v FROM v{n})" for n in range(len(computed))]
    return f"WITH {', '.join(parts)} SELECT {', '.join(keys)}"


@functools.cache
def _linked_columns(model: type[Model], links: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The columns a step takes from earlier steps' new ids, and the step each comes from."""
    return {str(_concrete(model._meta.get_field(name)).column): target for name, target in links}


def _row_values(step: NewRows, worked_out: list[_WorkedOutColumn] | None = None) -> list[Any]:
    """The parameters of ``step``'s rows, in ``_chain_statement``'s order: each column that is
    not linked, as ``save()`` would send it (defaults, ``auto_now_add``). A column given a
    ``Computed`` value has no parameter: it is noted in ``worked_out``."""
    columns = _value_columns(type(step.rows[0]), tuple(step.links.items()))
    params = []
    for n, row in enumerate(step.rows):
        for column in columns:
            field = column.field
            value = (
                getattr(row, field.attname) if column.read_plainly else field.pre_save(row, True)
            )
            if type(value) in column.passes and (type(value) is not datetime or value.tzinfo):
                params.append(value)
            elif type(value) is Computed:
                if worked_out is None:
                    raise TypeError(f"{field} is given a value only a chain works out")
                worked_out.append(_WorkedOutColumn(step.name, n, field, value))
            else:
                params.append(field.get_db_prep_save(value, connection))
    return params


#: Fields of these exact classes send values of these exact types to the database as they are:
#: their preparation (``get_db_prep_save``) gives such a value back unchanged, and going
#: through it for every column was a tenth of a new case's Python time (docs/adr/0037). Any
#: other field, a subclass (an encrypted text, say) or another type of value is prepared —
#: integers too, which Django wraps for psycopg in the type of their column.
_PASSED_AS_THEY_ARE: dict[type[Field], tuple[type, ...]] = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.EmailField: (str,),
    models.SlugField: (str,),
    models.BooleanField: (bool,),
    models.DateTimeField: (datetime,),
    # None only: None is sent as it is, a number in its column's type.
    models.ForeignKey: (),
    models.IntegerField: (),
    models.PositiveIntegerField: (),
    models.PositiveSmallIntegerField: (),
    models.SmallIntegerField: (),
    models.BigIntegerField: (),
}


class _ValueColumn(NamedTuple):
    field: Field
    read_plainly: bool  # its value is the attribute (no ``auto_now_add`` or the like)
    passes: tuple[type, ...]  # types of value sent as they are (a naive datetime is not)


@functools.cache
def _value_columns(model: type[Model], links: tuple[tuple[str, str], ...]) -> list[_ValueColumn]:
    linked = _linked_columns(model, links)
    return [
        _ValueColumn(
            field=column,
            read_plainly=type(column).pre_save is Field.pre_save,
            passes=_passes(column),
        )
        for column, _slot in _insert_columns(model)[2]
        if column.column not in linked
    ]


def _passes(field: Field) -> tuple[type, ...]:
    passes = _PASSED_AS_THEY_ARE.get(type(field))
    # None is None to all of them.
    return () if passes is None else (*passes, type(None))


@functools.cache
def _insert_columns(model: type[Model]) -> tuple[str, str, list[tuple[Field, str]]]:
    """The table, its column list and each column's typed placeholder: worked out once a
    process from the model, which does not change while it runs (the column types cost more
    to work out than the row's values)."""
    quote = connection.ops.quote_name
    meta = model._meta
    if meta.pk is None or meta.pk.column != "id":
        raise TypeError(f"{model.__name__} needs an ``id`` primary key to be linked to")
    columns = [f for f in meta.concrete_fields if not f.primary_key]
    names = ", ".join(quote(str(c.column)) for c in columns)
    return quote(meta.db_table), names, [(c, f"%s::{_db_type(c)}") for c in columns]


def _link(step: NewRows, by_name: Mapping[str, NewRows]) -> None:
    for name, target in step.links.items():
        linked = by_name[target].rows[0]
        for row in step.rows:
            setattr(row, name, linked)
