"""Merging two records of one person into one (docs/adr/0019): the fields chosen from either,
every case and everything else that points at the merged record moved to the kept one in one
UPDATE per table, the merged record deleted, and the merge kept in the kept record's history.
"""

from collections.abc import Collection
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from ..customer_access import may_merge_customers
from ..domain.customer_records import merge_of, unknown_groups
from ..models import Case, Customer, CustomerEvent, CustomerEventKind, EventKind
from ..timeline import events_record_for_cases
from .customers import customer_values


def customers_locked(*ids: int) -> dict[int, Customer]:
    """The customers of ``ids`` that still exist, their rows locked in id order: two merges of
    the same pair, whichever way round each was asked, queue behind each other instead of
    deadlocking."""
    rows = Customer.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {customer.pk: customer for customer in rows}


def _move_everything(*, merged: Customer, kept: Customer) -> dict[str, int]:
    """Point every row that points at ``merged`` at ``kept``: one UPDATE per table that refers
    to customers (cases, the history, and whatever other apps add), not a loop over rows.
    Messages follow their cases. Returns the rows moved per model."""
    moved = {}
    for relation in Customer._meta.related_objects:
        if not relation.one_to_many:
            # A one-to-one or many-to-many link to a customer would need its own rule.
            raise NotImplementedError(f"merging does not know how to move {relation!r}")
        name = relation.field.name
        count = relation.related_model._base_manager.filter(**{name: merged}).update(**{name: kept})
        moved[relation.related_model._meta.label] = count
    return moved


@transaction.atomic
def customer_merge(
    *,
    kept_id: int,
    merged_id: int,
    take: Collection[str] = (),
    actor: User,
    now: datetime | None = None,
) -> CustomerEvent:
    """Merge the record ``merged_id`` into ``kept_id``, taking the groups of fields named in
    ``take`` (``contacts.domain.customer_records.MERGE_GROUPS``) from the merged record.
    Returns the kept record's history entry of the merge."""
    now = now or timezone.now()
    if not may_merge_customers(actor):
        raise ServiceError(
            _("Only front-line staff and administrators can merge customer records.")
        )
    if kept_id == merged_id:
        raise ServiceError(_("A customer record cannot be merged into itself."))
    if unknown_groups(take):
        raise ServiceError(_("Choose, for each detail, the record to keep it from."))
    found = customers_locked(kept_id, merged_id)
    if len(found) < 2:
        raise ServiceError(
            _(
                "One of these customer records no longer exists: it may have been merged "
                "already. Nothing was changed."
            )
        )
    kept, merged = found[kept_id], found[merged_id]
    merge = merge_of(customer_values(kept), customer_values(merged), take=take)
    changed = merge.changed(customer_values(kept))
    for name in changed:
        setattr(kept, name, merge.values[name])
    if changed:
        kept.save(update_fields=[*changed, "modified_at"])
    # Each moved case says so on its timeline, written while its old customer still tells the
    # moved cases apart.
    events_record_for_cases(
        Case.objects.filter(customer=merged),
        kind=EventKind.CUSTOMER_MERGED,
        at=now,
        actor=actor,
        payload={"merged_customer": merged.pk, "kept_customer": kept.pk},
    )
    moved = _move_everything(merged=merged, kept=kept)
    merged.delete()
    return CustomerEvent.objects.create(
        customer=kept,
        kind=CustomerEventKind.MERGED,
        created_at=now,
        actor=actor,
        payload={
            "merged_customer": merged_id,
            "from_merged": list(merge.from_merged),
            "from_kept": list(merge.from_kept),
            "cases_moved": moved.get(Case._meta.label, 0),
        },
    )
