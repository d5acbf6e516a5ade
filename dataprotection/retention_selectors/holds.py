"""Which cases and customers are under a legal hold in force."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from contacts.models import Case
from dataprotection.models import LegalHold


def holds_in_force() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(released_at__isnull=True)


def case_held_q() -> Exists:
    """True for a case held itself or through its customer: for ``Case.objects.filter(~...)``."""
    return Exists(
        holds_in_force().filter(Q(case_id=OuterRef("pk")) | Q(customer_id=OuterRef("customer_id")))
    )


def case_is_held(case_id: int) -> bool:
    return Case.objects.filter(pk=case_id).filter(case_held_q()).exists()


def customer_is_held(customer_id: int) -> bool:
    """The customer is held, or one of their cases is (erasing them would take its data)."""
    return (
        holds_in_force()
        .filter(Q(customer_id=customer_id) | Q(case__customer_id=customer_id))
        .exists()
    )
