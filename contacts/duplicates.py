"""Customer records that may be one person entered twice (docs/adr/0019): the same e-mail
address whatever its capitals, the same telephone digits, or the same name at the same
postcode. Each condition repeats an expression of ``contacts.searchable``, the expressions the
customer table is indexed by, so the database compares them as it looks customers up."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import CharField, Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import Concat, Length, Trim, Upper

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
        others = others.alias(postcode_key=searchable.postcode_compact(), name_key=_name())
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


# --- Every possible pair, a page at a time ---------------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    first: Customer  # the older record (lower id)
    second: Customer
    reasons: tuple[str, ...]


def _name() -> Upper:
    return Upper(Trim("name"))


def _keyed(customers: QuerySet[Customer], key: Any) -> tuple[str, tuple[Any, ...]]:
    """SQL of each customer's id, its ``key`` and how many customers share that key."""
    keyed = customers.order_by().values(
        cid=F("pk"), k=key, n=Window(Count("pk"), partition_by=[key])
    )
    sql, params = keyed.query.sql_with_params()
    return sql, tuple(params)


def _keys() -> dict[str, tuple[str, tuple[Any, ...]]]:
    customers = Customer.objects.all()
    return {
        EMAIL: _keyed(customers.exclude(email=""), searchable.email_upper()),
        PHONE: _keyed(
            customers.alias(digits=Length(searchable.phone_digits())).filter(
                digits__gte=MIN_PHONE_DIGITS
            ),
            searchable.phone_digits(),
        ),
        NAME_AND_POSTCODE: _keyed(
            customers.exclude(postcode="").alias(name_key=_name()).exclude(name_key=""),
            Concat(
                searchable.postcode_compact(),
                Value("|"),
                _name(),
                output_field=CharField(),
            ),
        ),
    }


def _pairs_sql() -> tuple[str, list[Any]]:
    """Every pair of records sharing a key that at most ``MAX_MATCHES`` records share (more is
    a shared mailbox or a busy address, not one person entered twice), once, with a flag per
    reason: one statement, however many customers."""
    keys = _keys()
    names = {EMAIL: "by_email", PHONE: "by_phone", NAME_AND_POSTCODE: "by_place"}
    ctes: list[str] = []
    branches: list[str] = []
    params: list[Any] = []
    for reason in REASONS:
        sql, key_params = keys[reason]
        ctes.append(f"{names[reason]}_keys AS ({sql})")
        params.extend(key_params)
        flags = ", ".join(f"{1 if other == reason else 0} AS {names[other]}" for other in REASONS)
        branches.append(
            f"SELECT a.cid AS first_id, b.cid AS second_id, {flags} "
            f"FROM {names[reason]}_keys a JOIN {names[reason]}_keys b "
            f"ON a.k = b.k AND a.cid < b.cid WHERE a.n <= {MAX_MATCHES:d}"
        )
    sql = (
        f"WITH {', '.join(ctes)}, shared AS ({' UNION ALL '.join(branches)}) "
        "SELECT first_id, second_id, MAX(by_email), MAX(by_phone), MAX(by_place) "
        "FROM shared GROUP BY first_id, second_id"
    )
    return sql, params


class DuplicatePairs:
    """Every possible pair, the newest duplicate first, for Django's ``Paginator``: ``count()``
    is one query, and a page (a slice) one more, plus one for the page's records."""

    def __init__(self) -> None:
        self._sql, self._params = _pairs_sql()
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({self._sql}) pairs", self._params)
                self._count = int(cursor.fetchone()[0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> DuplicatePair: ...
    @overload
    def __getitem__(self, index: slice) -> list[DuplicatePair]: ...
    def __getitem__(self, index: int | slice) -> DuplicatePair | list[DuplicatePair]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        limit = (stop - start) if stop is not None else self.count() - start
        with connection.cursor() as cursor:
            cursor.execute(
                f"{self._sql} ORDER BY second_id DESC, first_id DESC LIMIT %s OFFSET %s",
                [*self._params, max(limit, 0), start],
            )
            rows = cursor.fetchall()
        records = Customer.objects.in_bulk({pk for row in rows for pk in row[:2]})
        return [
            DuplicatePair(
                records[first],
                records[second],
                tuple(reason for reason, flag in zip(REASONS, flags, strict=True) if flag),
            )
            for first, second, *flags in rows
            if first in records and second in records
        ]

    def __iter__(self) -> Iterator[DuplicatePair]:
        return iter(self[0 : self.count()])
