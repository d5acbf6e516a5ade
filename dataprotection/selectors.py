"""Everything held about one person, for a subject access request (docs/adr/0031).

Two reads. ``possible_records``: the requester's customer record and every other record that
may be them, by ``contacts.duplicates``' matching (the same e-mail, telephone digits, or name at
the postcode), for the officer to confirm. ``person_records``: for the confirmed records, their
cases in every service and what each case holds. Each group is one set-based query over the
confirmed records, so the count of queries is fixed however many cases the person has."""

from dataclasses import dataclass

from django.db.models import Q

from audit.models import Read
from complaints.models import Complaint
from contacts.duplicates import PossibleDuplicate, customer_duplicates
from contacts.models import Attachment, Case, CaseEvent, Customer, CustomerEvent
from councillors.models import MemberEnquiry
from messaging.models import Method, OutboundMessage, RecipientKind


@dataclass(frozen=True)
class PersonRecords:
    customers: list[Customer]
    cases: list[Case]
    messages: list[OutboundMessage]  # to the person, not the staff alerts about their cases
    letters: list[OutboundMessage]  # those of the messages printed and posted
    attachments: list[Attachment]
    events: list[CaseEvent]
    customer_events: list[CustomerEvent]
    complaints: list[Complaint]
    member_enquiries: list[MemberEnquiry]
    reads: list[Read]

    @property
    def case_ids(self) -> set[int]:
        return {case.pk for case in self.cases}


def possible_records(*, customer: Customer) -> list[PossibleDuplicate]:
    """The requester's record (no reasons) and the records that may be them (one query)."""
    return [PossibleDuplicate(customer, ()), *customer_duplicates(customer=customer)]


def person_records(*, customer_ids: list[int]) -> PersonRecords:
    """What is held about the person whose records are ``customer_ids``: ten queries."""
    customers = list(Customer.objects.filter(pk__in=customer_ids).order_by("pk"))
    ids = [customer.pk for customer in customers]
    of_cases = Q(case__customer_id__in=ids)
    cases = list(
        Case.objects.filter(customer_id__in=ids)
        .select_related("service", "standard", "customer")
        .order_by("received_at", "pk")
    )
    messages = list(
        OutboundMessage.objects.filter(of_cases, recipient_kind=RecipientKind.CUSTOMER).order_by(
            "created_at", "pk"
        )
    )
    return PersonRecords(
        customers=customers,
        cases=cases,
        messages=messages,
        letters=[m for m in messages if m.method in (Method.LETTER, Method.FAX) or m.document],
        attachments=list(Attachment.objects.filter(of_cases).order_by("created_at", "pk")),
        events=list(
            CaseEvent.objects.filter(of_cases)
            .select_related("actor")
            .order_by("case_id", "created_at", "pk")
        ),
        customer_events=list(
            CustomerEvent.objects.filter(customer_id__in=ids).order_by("created_at", "pk")
        ),
        complaints=list(
            Complaint.objects.filter(of_cases).select_related("category").order_by("case_id")
        ),
        member_enquiries=list(MemberEnquiry.objects.filter(of_cases).order_by("case_id")),
        # Who read their records: by the customer's id, and by their cases' ids (the audit
        # keeps ids, not keys, ADR 0021); the case ids come by a subquery, in the one query.
        reads=list(
            Read.objects.filter(
                Q(customer_id__in=ids)
                | Q(case_id__in=Case.objects.filter(customer_id__in=ids).values("pk"))
            ).order_by("at", "pk")
        ),
    )
