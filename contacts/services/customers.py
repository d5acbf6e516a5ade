"""Changes to a customer's record: every one recorded in the customer's history and on the
timeline of each of their open cases (docs/adr/0019)."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from ..customer_access import may_edit_customers
from ..domain import lifecycle
from ..domain.customer_records import EDITABLE_FIELDS, change_of
from ..models import Case, Customer, CustomerEvent, CustomerEventKind, EventKind
from ..timeline import events_record_for_cases


def customer_values(customer: Customer) -> dict[str, Any]:
    """The customer's editable fields as plain values (for ``contacts.domain``)."""
    return {name: getattr(customer, name) for name in EDITABLE_FIELDS}


def customer_locked(customer_id: int) -> Customer:
    """The customer's row, locked until the transaction ends, or a refusal if it is gone (a
    colleague merged it away a moment ago)."""
    customer = Customer.objects.select_for_update().filter(pk=customer_id).first()
    if customer is None:
        raise ServiceError(
            _(
                "This customer record no longer exists: it may have been merged into another. "
                "Nothing was changed."
            )
        )
    return customer


def record_change(
    *,
    customer: Customer,
    after: Mapping[str, Any],
    actor: User | None,
    now: datetime,
    case_id: int | None = None,
) -> CustomerEvent | None:
    """Apply ``after`` to ``customer`` (locked by the caller) and record it: the history entry
    and one timeline event on each open case, and on case ``case_id`` of theirs whatever its
    status (the case it was changed from), two INSERTs however many cases. Nothing changed:
    nothing saved or recorded."""
    unknown = set(after) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    change = change_of(customer_values(customer), after)
    if change is None:
        return None
    for name in change.fields:
        setattr(customer, name, after[name])
    try:
        customer.full_clean(exclude=[f.name for f in Customer._meta.fields if f.name not in after])
    except ValidationError as error:
        raise ServiceError.of(error) from error
    customer.save(update_fields=[*change.fields, "modified_at"])
    event = CustomerEvent.objects.create(
        customer=customer,
        kind=CustomerEventKind.CHANGED,
        created_at=now,
        actor=actor,
        payload=change.payload(),
    )
    on_timeline = Q(status__in=lifecycle.OPEN)
    if case_id is not None:
        # A correction made from a resolved case belongs on that case's timeline too.
        on_timeline |= Q(pk=case_id)
    events_record_for_cases(
        Case.objects.filter(on_timeline, customer=customer),
        kind=EventKind.CUSTOMER_CHANGED,
        at=now,
        actor=actor,
        payload={"fields": list(change.fields)},
    )
    return event


@transaction.atomic
def customer_update(
    *,
    customer_id: int,
    changes: Mapping[str, Any],
    actor: User,
    seen: datetime | None = None,
    case_id: int | None = None,
    now: datetime | None = None,
) -> CustomerEvent | None:
    """Change a customer's details, preferences and needs (front-line staff and
    administrators). ``seen`` is when the record was last changed as the editor saw it: a
    change made since is refused rather than silently undone. ``case_id`` names the case of
    theirs the change was made from (its page), whose timeline shows it even when the case is
    no longer open. Returns the history entry, or ``None`` when nothing changed."""
    if not may_edit_customers(actor):
        raise ServiceError(
            _("Only front-line staff and administrators can change customer records.")
        )
    customer = customer_locked(customer_id)
    if seen is not None and customer.modified_at != seen:
        raise ServiceError(
            {
                "version": _(
                    "Someone else changed this record while you were editing it. Check the "
                    "details and save again."
                )
            }
        )
    return record_change(
        customer=customer,
        after=changes,
        actor=actor,
        now=now or timezone.now(),
        case_id=case_id,
    )


@transaction.atomic
def customer_preferences_record(
    *,
    customer: Customer,
    preferred_language: str | None = None,
    preferred_contact_method: str | None = None,
    actor: User | None = None,
    now: datetime | None = None,
) -> Customer:
    """Record what an existing customer told us this time about how they want to deal with us,
    while a contact is logged (any officer who logs it may). ``None`` leaves a preference as
    it was (the advisor did not ask). Recorded like any other change."""
    after = {}
    if preferred_language is not None:
        after["preferred_language"] = preferred_language
    if preferred_contact_method is not None:
        after["preferred_contact_method"] = preferred_contact_method
    if after:
        locked = customer_locked(customer.pk)
        record_change(customer=locked, after=after, actor=actor, now=now or timezone.now())
        for name in after:
            setattr(customer, name, getattr(locked, name))
    return customer
