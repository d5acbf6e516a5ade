"""Everything held about one person, for a subject access request (docs/adr/0031).

Two reads. ``possible_records``: the requester's customer record and every other record that
may be them, by ``contacts.duplicates``' matching (the same e-mail, telephone digits, or name at
the postcode), for the officer to confirm. ``person_records``: for the confirmed records, their
cases in every service and what each case holds. Each group is one set-based query over the
confirmed records, so the count of queries is fixed however many cases the person has."""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery

from audit.models import Read
from complaints.models import Complaint
from consultations.models import Answer, Response
from consultations.selectors import responses_of_people
from contacts.duplicates import PossibleDuplicate, customer_duplicates
from contacts.models import (
    OPEN_CASE_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseKind,
    Customer,
    CustomerEvent,
    Milestone,
)
from councillors.models import MemberEnquiry
from messaging.models import Method, OutboundMessage, RecipientKind
from standards import milestone_kinds

#: A request's statutory deadline (the respond milestone of its standard).
DEADLINE_KIND = milestone_kinds.RESPOND


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
    # Consultation responses given under the person's e-mail address (docs/adr/0034).
    consultation_responses: list[Response]
    consultation_answers: list[Answer]

    @property
    def case_ids(self) -> set[int]:
        return {case.pk for case in self.cases}


def possible_records(*, customer: Customer) -> list[PossibleDuplicate]:
    """The requester's record (no reasons) and the records that may be them (one query)."""
    return [PossibleDuplicate(customer, ()), *customer_duplicates(customer=customer)]


def person_records(*, customer_ids: list[int]) -> PersonRecords:
    """What is held about the person whose records are ``customer_ids``: twelve queries."""
    customers = list(Customer.objects.filter(pk__in=customer_ids).order_by("pk"))
    ids = [customer.pk for customer in customers]
    of_cases = Q(case__customer_id__in=ids)
    responses, answers = responses_of_people(emails=[c.email for c in customers if c.email])
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
        consultation_responses=responses,
        consultation_answers=answers,
    )


# --- The data protection officer's list -----------------------------------------------------

#: Closed requests shown under the open ones, newest first.
CLOSED_SHOWN = 50


def requests_for_officer() -> tuple[list[Case], list[Case]]:
    """The open subject access requests by their deadline, and the latest closed ones: what a
    request needs (reference, service, officer, receipt, deadline, extension, status), none of
    its content (no summary, no requester). Two queries, the deadline by a subquery."""
    deadline = Milestone.objects.filter(case=OuterRef("pk"), kind=DEADLINE_KIND)
    requests = (
        Case.objects.filter(kind=CaseKind.SUBJECT_ACCESS)
        .select_related("service", "owner")
        .only(
            "reference",
            "status",
            "received_at",
            "closed_at",
            "service__name",
            "service__name_cy",
            "service__name_en",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
        )
        .annotate(
            due_at=Subquery(deadline.values("due_at")[:1]),
            deadline_state=Subquery(deadline.values("state")[:1]),
            extended_at=Subquery(deadline.values("extended_at")[:1]),
            exports=Count("subject_access_exports"),
        )
    )
    open_requests = list(
        requests.filter(status__in=OPEN_CASE_STATUSES).order_by(
            F("due_at").asc(nulls_last=True), "pk"
        )
    )
    closed = list(
        requests.exclude(status__in=OPEN_CASE_STATUSES).order_by("-received_at", "-pk")[
            :CLOSED_SHOWN
        ]
    )
    return list[Case](open_requests), list[Case](closed)
