"""Anonymising a batch of cases everywhere their personal data lives (docs/adr/0030): each app
owns the SQL for its own tables; this calls them in one transaction and then removes the
customers left with no case."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from channels_app.anonymisation import case_inbound_anonymise
from complaints.services.anonymisation import case_complaint_records_anonymise
from contacts.models import Case
from contacts.services.anonymisation import cases_anonymise, customers_without_cases_remove
from councillors.services.anonymisation import case_member_records_anonymise
from dataprotection.models import LegalHold
from messaging.anonymisation import case_messages_anonymise


@dataclass(frozen=True)
class Anonymised:
    cases: int
    deleted: int
    customers_removed: int


@transaction.atomic
def personal_data_anonymise(
    *, case_ids: Sequence[int], now: datetime, delete_ids: Sequence[int] = ()
) -> Anonymised:
    """Anonymise ``case_ids`` and ``delete_ids`` (the caller has locked them and checked the
    legal holds), then delete the ``delete_ids`` cases that no legal hold's record names."""
    ids = list(case_ids) + list(delete_ids)
    case_messages_anonymise(case_ids=ids)
    case_inbound_anonymise(case_ids=ids)
    case_complaint_records_anonymise(case_ids=ids)
    case_member_records_anonymise(case_ids=ids)
    customers = cases_anonymise(case_ids=ids, now=now)
    deleted = 0
    if delete_ids:
        # A case a hold (even a released one) names keeps its anonymised row: the hold's record.
        deletable = Case.objects.filter(pk__in=list(delete_ids)).exclude(
            pk__in=LegalHold.objects.filter(case__isnull=False).values("case_id")
        )
        _total, by_model = deletable.delete()
        deleted = by_model.get(Case._meta.label, 0)
    removed = customers_without_cases_remove(
        customer_ids=sorted(customers),
        keep=list(
            LegalHold.objects.filter(customer_id__in=customers).values_list(
                "customer_id", flat=True
            )
        ),
    )
    return Anonymised(cases=len(ids) - deleted, deleted=deleted, customers_removed=removed)
