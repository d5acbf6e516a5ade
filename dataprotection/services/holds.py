"""Placing and releasing legal holds (docs/adr/0030). A hold stops the retention job and an
erasure for its case, or for every case of its customer, until it is released."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.errors import ServiceError
from contacts.models import Case, Customer
from dataprotection.models import LegalHold


@transaction.atomic
def legal_hold_place(
    *,
    reason: str,
    by: User,
    case: Case | None = None,
    customer: Customer | None = None,
    now: datetime | None = None,
) -> LegalHold:
    errors: dict[str, object] = {}
    if (case is None) == (customer is None):
        errors["case"] = _("Choose a case or a customer to hold, not both.")
    if not reason.strip():
        errors["reason"] = _("Say why the data must be kept.")
    if errors:
        raise ServiceError(errors)
    return LegalHold.objects.create(
        case=case,
        customer=customer,
        reason=reason.strip(),
        placed_by=by,
        placed_at=now or timezone.now(),
    )


@transaction.atomic
def legal_hold_release(*, hold_id: int, by: User, now: datetime | None = None) -> LegalHold:
    # Locked, so that two people releasing it at once record one release.
    hold = LegalHold.objects.select_for_update().filter(pk=hold_id).first()
    if hold is None:
        raise ServiceError(_("There is no such legal hold."))
    if hold.released_at is not None:
        raise ServiceError(_("This legal hold has already been released."))
    hold.released_at = now or timezone.now()
    hold.released_by = by
    hold.save(update_fields=["released_at", "released_by"])
    return hold
