"""Taking the personal data out of cases, set-based (docs/adr/0030): called by the retention job
and by an erasure (``dataprotection``), for a batch of case ids the caller has locked.

What stays is what the dashboards, the standards evaluation and the complaints report count:
the case's kind, service, team, channel, dates, statuses, standard, language, reopen count, its
milestones, and its timeline's kinds, times and payload (ids, states, dates). What goes: the
summary, description and channel details (the sender's address, number...), the link to the
customer, the words on the timeline (notes, reasons, messages) and the one name a payload holds
(a complaint action's owner), and the attachments, whose files are deleted once the transaction
commits (a rollback keeps them, as it keeps their rows).
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from contacts.models import Attachment, Case, CaseEvent, Customer

#: The payload keys that name a person (contacts/event_payloads.py): removed, the rest kept.
PERSONAL_PAYLOAD_KEYS = ("owner",)


def cases_anonymise(*, case_ids: Sequence[int], now: datetime) -> set[int]:
    """Anonymise the cases (those not anonymised already); the customers they named, whom the
    caller may remove once they have no case left (``customers_without_cases_remove``)."""
    ids = list(case_ids)
    customer_ids = set(
        Case.objects.filter(pk__in=ids, customer__isnull=False).values_list(
            "customer_id", flat=True
        )
    )
    Case.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
        summary="",
        description="",
        channel_details={},
        customer=None,
        anonymised_at=now,
    )
    CaseEvent.objects.filter(case_id__in=ids).exclude(text="").update(text="")
    # Only a complaint action's event names someone in its payload: few rows, each rewritten
    # without the name (the rest of the payload is what the reports read).
    named = list(
        CaseEvent.objects.filter(case_id__in=ids, payload__has_any_keys=PERSONAL_PAYLOAD_KEYS)
    )
    for event in named:
        event.payload = {
            key: value for key, value in event.payload.items() if key not in PERSONAL_PAYLOAD_KEYS
        }
    CaseEvent.objects.bulk_update(named, ["payload"], batch_size=500)
    files_delete_on_commit(
        Attachment,
        list(Attachment.objects.filter(case_id__in=ids).values_list("file", flat=True)),
    )
    Attachment.objects.filter(case_id__in=ids).delete()
    return customer_ids


def files_delete_on_commit(model: type, names: list[str], field: str = "file") -> None:
    """Delete stored files once the rows that named them are gone for good."""
    storage = model._meta.get_field(field).storage  # type: ignore[attr-defined]

    def delete() -> None:
        for name in names:
            if name:
                storage.delete(name)

    if names:
        transaction.on_commit(delete)


def customers_without_cases_remove(*, customer_ids: Sequence[int], keep: Sequence[int] = ()) -> int:
    """Remove the customers that have no case left (their history goes with them), except
    ``keep`` (a customer a legal hold names keeps its row for the hold's record, emptied).

    The customers are locked first, in id order: two batches anonymising two cases of one
    customer at once would otherwise each still see the other's case naming them, and both keep
    a customer left with no case. Locked, the second waits for the first to commit and then,
    in its next statement's snapshot, finds no case left."""
    list(
        Customer.objects.filter(pk__in=list(customer_ids))
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )
    candidates = Customer.objects.filter(pk__in=list(customer_ids)).exclude(
        pk__in=Case.objects.filter(customer_id__in=list(customer_ids)).values("customer_id")
    )
    kept = candidates.filter(pk__in=list(keep))
    kept.update(
        name="",
        email="",
        phone="",
        address="",
        postcode="",
        interpreter_language="",
        other_needs="",
    )
    _total, by_model = candidates.exclude(pk__in=list(keep)).delete()
    return int(by_model.get(Customer._meta.label, 0))
