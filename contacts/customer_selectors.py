"""Reads of customer records: one customer, their cases under the need-to-know rule, their
history, and the records that may be the same person (docs/adr/0019)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat, Length, Trim, Upper

from accounts.models import User

from . import searchable
from .customer_access import customers_openable_by
from .customers import MAX_MATCHES
from .domain.customer_records import (
    EDITABLE_FIELDS,
    MIN_PHONE_DIGITS,
    duplicate_reasons,
    email_key,
    name_key,
    phone_key,
    postcode_key,
)
from .models import Case, Customer, CustomerEvent, Milestone
from .selectors import case_visible_to

#: The customer page shows this many entries of the record's history, newest first.
HISTORY_LIMIT = 50


def customer_get(*, user: User, customer_id: int) -> Customer | None:
    return customers_openable_by(user).filter(pk=customer_id).first()


def customer_cases(*, user: User, customer: Customer | int) -> QuerySet[Case]:
    """Every case of the customer's that ``user`` may see, whatever its service, newest first,
    with what a row shows (the service, and the milestones its SLA tag and next deadline are
    read from, in one more query)."""
    return (
        case_visible_to(user)
        .filter(customer=customer)
        .select_related("service", "team")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by()))
        .order_by("-received_at", "-id")
    )


def visible_case_counts(*, user: User, customers: Iterable[Customer]) -> dict[int, int]:
    """How many cases of each customer ``user`` may see, in one query: a case they may not see
    is not counted (its existence is not theirs to know)."""
    ids = [customer.pk for customer in customers]
    counts = (
        case_visible_to(user)
        .filter(customer_id__in=ids)
        .order_by()
        .values("customer_id")
        .annotate(n=Count("pk"))
    )
    found = {row["customer_id"]: row["n"] for row in counts}
    return {pk: found.get(pk, 0) for pk in ids}


def customer_events(*, customer: Customer, limit: int = HISTORY_LIMIT) -> list[CustomerEvent]:
    return list(
        CustomerEvent.objects.filter(customer=customer)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


# --- Possible duplicates -------------------------------------------------------------------


def _values(customer: Customer) -> dict[str, object]:
    return {name: getattr(customer, name) for name in EDITABLE_FIELDS}


@dataclass(frozen=True)
class PossibleDuplicate:
    customer: Customer
    reasons: tuple[str, ...]  # contacts.domain.customer_records.REASONS


def customer_duplicates(*, customer: Customer, limit: int = MAX_MATCHES) -> list[PossibleDuplicate]:
    """Other records that may be the same person, newest first, in one query: each condition
    repeats an expression index of ``contacts.searchable``, so PostgreSQL ORs three index
    look-ups."""
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
            postcode_key=searchable.postcode_compact(), name_key=Upper(Trim("name"))
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


@dataclass(frozen=True)
class DuplicatePair:
    first: Customer  # the older record (lower id)
    second: Customer
    reasons: tuple[str, ...]


def _shared(customers: QuerySet[Customer], *, key: Any) -> list[str]:
    """The values of ``key`` (an expression) that between two and ``MAX_MATCHES`` customers
    share: more is a shared mailbox or a busy postcode, not one person entered twice."""
    return list(
        customers.order_by()
        .values(key=key)
        .annotate(n=Count("pk"))
        .filter(n__gte=2, n__lte=MAX_MATCHES)
        .values_list("key", flat=True)
    )


def duplicate_pairs() -> list[DuplicatePair]:
    """Every pair of records that may be one person, the newest duplicates first.

    Three GROUP BYs over the indexed expressions find the e-mail addresses, phone numbers and
    names at a postcode that a few records share, a fourth query reads those records, and the
    pairs are made from those few rows.
    """
    customers = Customer.objects.all()
    emails = _shared(customers.exclude(email=""), key=searchable.email_upper())
    phones = _shared(
        customers.alias(digits=Length(searchable.phone_digits())).filter(
            digits__gte=MIN_PHONE_DIGITS
        ),
        key=searchable.phone_digits(),
    )
    postcodes = _shared(
        customers.exclude(postcode="").alias(name_key=Upper(Trim("name"))).exclude(name_key=""),
        key=Concat(
            searchable.postcode_compact(), Value("|"), Upper(Trim("name")), output_field=CharField()
        ),
    )
    if not (emails or phones or postcodes):
        return []
    candidates = list(
        customers.alias(
            email_key=searchable.email_upper(),
            phone_key=searchable.phone_digits(),
            postcode_key=searchable.postcode_compact(),
        ).filter(
            Q(email_key__in=emails)
            | Q(phone_key__in=phones)
            | Q(postcode_key__in={key.split("|", 1)[0] for key in postcodes})
        )
    )
    return _pairs(candidates)


def _pairs(candidates: Iterable[Customer]) -> list[DuplicatePair]:
    """The pairs among ``candidates`` that share a key, each once, newest duplicate first."""
    groups: dict[tuple[str, str], list[Customer]] = defaultdict(list)
    for customer in candidates:
        if customer.email:
            groups["email", email_key(customer.email)].append(customer)
        if len(phone_key(customer.phone)) >= MIN_PHONE_DIGITS:
            groups["phone", phone_key(customer.phone)].append(customer)
        if postcode_key(customer.postcode):
            key = f"{name_key(customer.name)}|{postcode_key(customer.postcode)}"
            groups["name", key].append(customer)
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    for members in groups.values():
        if not 2 <= len(members) <= MAX_MATCHES:
            continue
        members.sort(key=lambda customer: customer.pk)
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if (first.pk, second.pk) not in pairs:
                    reasons = duplicate_reasons(_values(first), _values(second))
                    pairs[first.pk, second.pk] = DuplicatePair(first, second, reasons)
    return sorted(pairs.values(), key=lambda pair: (-pair.second.pk, -pair.first.pk))
