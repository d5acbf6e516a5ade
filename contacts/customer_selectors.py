"""Reads of customer records: one customer, their cases under the need-to-know rule, and their
history (docs/adr/0019). The records that may be the same person are ``contacts.duplicates``."""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from accounts.models import User

from .models import Case, Customer, CustomerEvent, Milestone
from .selectors import case_visible_to
from .visibility import customer_visible_to

#: The customer page shows this many entries of the record's history, newest first.
HISTORY_LIMIT = 50


def customer_get(*, user: User, customer_id: int) -> Customer | None:
    return customer_visible_to(user).filter(pk=customer_id).first()


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
