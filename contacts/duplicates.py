"""Customer records that may be one person entered twice (docs/adr/0019): the same e-mail
address whatever its capitals, the same telephone digits, or the same name at the same
postcode. Each condition repeats an expression of ``contacts.searchable``, the expressions the
customer table is indexed by, so the database compares them as it looks customers up."""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from django.db import connection
from django.db.models import Q

from . import searchable
from .customers import MAX_MATCHES
from .domain.customer_records import (
    EDITABLE_FIELDS,
    EMAIL,
    MIN_PHONE_DIGITS,
    NAME_AND_POSTCODE,
    PHONE,
    REASONS,
    duplicate_reasons,
    email_key,
    name_key,
    phone_key,
    postcode_key,
)
from .models import Customer


def _values(customer: Customer) -> dict[str, object]:
    return {name: getattr(customer, name) for name in EDITABLE_FIELDS}


@dataclass(frozen=True)
class PossibleDuplicate:
    customer: Customer
    reasons: tuple[str, ...]  # contacts.domain.customer_records.REASONS


def customer_duplicates(*, customer: Customer, limit: int = MAX_MATCHES) -> list[PossibleDuplicate]:
    """Other records that may be the same person as ``customer``, newest first, in one query:
    an OR of three look-ups by the indexed expressions."""
    others = Customer.objects.exclude(pk=customer.pk)
    condition = Q()
    if customer.email:
        others = others.alias(email_key=searchable.email_upper())
        condition |= Q(email_key=email_key(customer.email))
    digits = phone_key(customer.phone)
    if len(digits) >= MIN_PHONE_DIGITS:
        others = others.alias(phone_key=searchable.phone_digits())
        condition |= Q(phone_key=digits)
    if postcode_key(customer.postcode) and name_key(customer.name):
        others = others.alias(
            postcode_key=searchable.postcode_compact(), name_key=searchable.name_upper()
        )
        condition |= Q(
            postcode_key=postcode_key(customer.postcode), name_key=name_key(customer.name)
        )
    if not condition:
        return []
    found = []
    for other in others.filter(condition).order_by("-pk")[:limit]:
        reasons = duplicate_reasons(_values(customer), _values(other))
        if reasons:
            found.append(PossibleDuplicate(other, reasons))
    return found


# --- The records added lately that may be someone already known ----------------------------

#: The list of possible duplicates looks at the records added in these last days (each
#: customer's own page shows its possible duplicates whatever their age).
RECENT_DAYS = 30


@dataclass(frozen=True)
class DuplicatePair:
    first: Customer  # the older record (lower id)
    second: Customer
    reasons: tuple[str, ...]


def _phone_sql(alias: str) -> str:
    """``contacts.searchable.phone_digits`` in SQL, for a table alias: the same expression as
    the index ``customer_phone_digits``, so that the database looks numbers up by it."""
    expression = f"{alias}.phone"
    for character in searchable.PHONE_PUNCTUATION:
        expression = f"REPLACE({expression}, '{character}', '')"
    return expression


#: Each reason's join between a recent record ``r`` and any other ``c``, by the expressions
#: the customer table is indexed by (``contacts.searchable``; the name is compared only among
#: the records at the postcode).
_MATCHES = {
    EMAIL: ("r.email <> '' AND UPPER(c.email) = UPPER(r.email)"),
    PHONE: (
        f"LENGTH({_phone_sql('r')}) >= {MIN_PHONE_DIGITS:d} "
        f"AND {_phone_sql('c')} = {_phone_sql('r')}"
    ),
    NAME_AND_POSTCODE: (
        "r.postcode <> '' AND UPPER(REPLACE(c.postcode, ' ', '')) = "
        "UPPER(REPLACE(r.postcode, ' ', '')) AND UPPER(TRIM(c.name)) = UPPER(TRIM(r.name))"
    ),
}


def _pairs_sql() -> str:
    """Each record added since the parameter, with each other record that shares a key with
    it and the reason (its index in ``REASONS``): one statement, a few index look-ups per
    recent record."""
    table = connection.ops.quote_name(Customer._meta.db_table)
    if connection.vendor == "postgresql":
        # Each recent record looks its matches up by the index, rather than the planner
        # hashing every customer when a postcode is shared by many: OFFSET 0 keeps the
        # LATERAL subquery from being flattened into a join.
        join = (
            "CROSS JOIN LATERAL (SELECT c.id FROM {table} c "
            "WHERE c.id <> r.id AND {match} OFFSET 0) c"
        )
    else:
        join = "JOIN {table} c ON c.id <> r.id AND {match}"
    return " UNION ALL ".join(
        f"SELECT r.id, c.id, {number:d} FROM {table} r "
        + join.format(table=table, match=_MATCHES[reason])
        + " WHERE r.created_at >= %s"
        for number, reason in enumerate(REASONS)
    )


def _pairs_of(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first id, second id, reasons) of each pair, once, newest first. A record sharing a key
    with ``MAX_MATCHES`` or more others (a shared mailbox, a busy address) is not one person
    entered twice, for that key."""
    shared = Counter((recent, reason) for recent, _other, reason in matches)
    reasons: dict[tuple[int, int], set[int]] = defaultdict(set)
    for recent, other, reason in matches:
        if shared[recent, reason] < MAX_MATCHES:
            reasons[min(recent, other), max(recent, other)].add(reason)
    newest_first = sorted(reasons, key=lambda pair: (pair[1], pair[0]), reverse=True)
    return [
        (first, second, tuple(REASONS[i] for i in sorted(reasons[first, second])))
        for first, second in newest_first
    ]


class DuplicatePairs:
    """The possible duplicates among the records added since ``since``, newest first, for
    Django's ``Paginator``: the pairs' ids in one query (a few index look-ups per recent
    record), and a page's records in one more."""

    def __init__(self, *, since: datetime) -> None:
        self.since = since
        self._rows: list[tuple[int, int, tuple[str, ...]]] | None = None

    def _pairs(self) -> list[tuple[int, int, tuple[str, ...]]]:
        if self._rows is None:
            with connection.cursor() as cursor:
                cursor.execute(_pairs_sql(), [self.since] * len(REASONS))
                self._rows = _pairs_of(cursor.fetchall())
        return self._rows

    def count(self) -> int:
        return len(self._pairs())

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> DuplicatePair: ...
    @overload
    def __getitem__(self, index: slice) -> list[DuplicatePair]: ...
    def __getitem__(self, index: int | slice) -> DuplicatePair | list[DuplicatePair]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        rows = self._pairs()[index]
        records = Customer.objects.in_bulk({pk for row in rows for pk in row[:2]})
        return [
            DuplicatePair(records[first], records[second], reasons)
            for first, second, reasons in rows
            if first in records and second in records
        ]

    def __iter__(self) -> Iterator[DuplicatePair]:
        return iter(self[:])
