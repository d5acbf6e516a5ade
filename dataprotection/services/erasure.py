"""Erasing a customer where the law allows (UK GDPR art. 17, docs/adr/0030): not while a legal
hold names them or one of their cases, not while a complaint of theirs is open. Their cases are
anonymised at once, as the retention job would, and their record removed; the erasure is
recorded with who, when and why. A refusal changes nothing."""

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.errors import ServiceError
from consultations.retention import person_responses_anonymise
from contacts.models import OPEN_CASE_STATUSES, Case, CaseKind, Customer
from contacts.services.anonymisation import customers_without_cases_remove
from dataprotection.models import Erasure, LegalHold
from dataprotection.retention_selectors.holds import customer_is_held
from dataprotection.services.anonymisation import personal_data_anonymise

HELD = _("A legal hold is in force on this customer or one of their cases: nothing was erased.")


@transaction.atomic
def customer_erase(
    *, customer_id: int, reason: str, by: User, now: datetime | None = None
) -> Erasure:
    now = now or timezone.now()
    if not reason.strip():
        raise ServiceError({"reason": _("Say why the customer's data is being erased.")})
    cases = Case.objects.filter(customer_id=customer_id)
    # Their cases first, then the customer: the order a retention batch takes them in (its
    # cases, then their customers), as the other order could deadlock with one.
    _cases_lock(cases)
    # Locked: no case is given to them, and no second erasure runs, while this one does.
    customer = Customer.objects.select_for_update().filter(pk=customer_id).first()
    if customer is None:
        raise ServiceError(_("There is no such customer."))
    if customer_is_held(customer_id):
        raise ServiceError(HELD)
    if cases.filter(kind=CaseKind.COMPLAINT, status__in=OPEN_CASE_STATUSES).exists():
        raise ServiceError(_("A complaint of this customer's is still open: nothing was erased."))
    # Again, now that no case can be given to them: one given between the two locks counts.
    case_ids = _cases_lock(cases)
    if customer.email:
        # Consultation responses given under their address (docs/adr/0034).
        person_responses_anonymise(emails=[customer.email])
    if case_ids:
        personal_data_anonymise(case_ids=case_ids, now=now)
    else:
        customers_without_cases_remove(
            customer_ids=[customer_id],
            keep=list(
                LegalHold.objects.filter(customer_id=customer_id).values_list(
                    "customer_id", flat=True
                )
            ),
        )
    return Erasure.objects.create(
        customer_id=customer_id,
        reason=reason.strip(),
        erased_by=by,
        erased_at=now,
        cases_anonymised=len(case_ids),
    )


def _cases_lock(cases: QuerySet[Case]) -> list[int]:
    return list(cases.select_for_update().order_by("pk").values_list("pk", flat=True))
