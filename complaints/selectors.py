"""Reads for complaints, compliments and feedback."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet

from accounts.models import Service, User
from contacts.domain import lifecycle
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseKind, Milestone
from contacts.selectors import case_visible_to

from .access import COMPLAINT_ROLES
from .models import Complaint, ComplaintAction, Compliment, Feedback


def compliment_counts_by_officer(
    *, officer_ids: Collection[int], since: datetime, until: datetime
) -> dict[int, int]:
    """Compliments each officer received in [since, until); officers with none are absent."""
    rows = (
        Compliment.objects.filter(
            officer_id__in=list(officer_ids), received_at__gte=since, received_at__lt=until
        )
        .values("officer_id")
        .annotate(total=Count("id"))
        .order_by()
        .values_list("officer_id", "total")
    )
    return dict(rows)


def compliment_counts_by_service(*, since: datetime, until: datetime) -> list[dict]:
    """Compliments each service received in [since, until), most first, with the service."""
    rows = list(
        Compliment.objects.filter(received_at__gte=since, received_at__lt=until)
        .values("service_id")
        .annotate(total=Count("id"))
        .order_by("-total", "service_id")
    )
    services = Service.objects.in_bulk([row["service_id"] for row in rows])
    return [row | {"service": services[row["service_id"]]} for row in rows]


def _in_users_services(queryset: QuerySet, user: User, *, service_path: str) -> QuerySet:
    if user.is_administrator:
        return queryset
    if user.role in COMPLAINT_ROLES and user.service_id:
        return queryset.filter(**{service_path: user.service_id})
    return queryset.none()


def compliment_list(*, user: User) -> QuerySet[Compliment]:
    compliments = _in_users_services(Compliment.objects.all(), user, service_path="service_id")
    return compliments.select_related("service", "officer", "team", "case").order_by("-received_at")


@dataclass(frozen=True)
class RegisterFilters:
    stage: int | None = None
    category: str | None = None
    sla_state: str | None = None
    closed: bool = False


def complaint_register(*, user: User, filters: RegisterFilters) -> QuerySet[Complaint]:
    """The complaints of the user's service (all, for administrators) that they may see, the
    next deadline first."""
    complaints = Complaint.objects.filter(case__in=case_visible_to(user))
    complaints = (
        complaints.filter(outcome="") if not filters.closed else complaints.exclude(outcome="")
    )
    if filters.stage:
        complaints = complaints.filter(stage=filters.stage)
    if filters.category:
        complaints = complaints.filter(category__code=filters.category)
    if filters.sla_state:
        complaints = complaints.filter(
            Exists(Milestone.objects.filter(case=OuterRef("case_id"), state=filters.sla_state))
        )
    return (
        complaints.select_related("case__customer", "case__owner", "category")
        .prefetch_related(
            Prefetch("case__milestones", queryset=Milestone.objects.select_related("target"))
        )
        .annotate(
            next_due_at=Min(
                "case__milestones__due_at",
                filter=Q(case__milestones__state__in=OPEN_MILESTONE_STATES),
            )
        )
        .order_by("-outcome_at" if filters.closed else "next_due_at", "case__received_at")
    )


def complaints_to_record(*, user: User) -> QuerySet[Case]:
    """Open complaint cases of the user's service (every one, for administrators) that nobody
    has recorded the complaint details of yet. Complaints are confidential: named so, the
    service's are read from the partial index of confidential cases."""
    complaints = case_visible_to(user).filter(kind=CaseKind.COMPLAINT, confidential=True)
    return (
        _in_users_services(complaints, user, service_path="service_id")
        .filter(status__in=lifecycle.OPEN, complaint__isnull=True)
        .select_related("customer")
        .order_by("received_at")
    )


def complaint_get(*, user: User, reference: str) -> Complaint | None:
    return (
        Complaint.objects.filter(case__in=case_visible_to(user), case__reference=reference)
        .select_related("case__customer", "case__service", "case__team", "case__owner", "category")
        .prefetch_related(
            Prefetch("case__milestones", queryset=Milestone.objects.select_related("target")),
            "officers_complained_about",
            "teams_complained_about",
            Prefetch("actions", queryset=ComplaintAction.objects.select_related("owner")),
        )
        .first()
    )


def complaint_case_get(*, user: User, reference: str) -> Case | None:
    """A complaint case the user may see, recorded or not."""
    return (
        case_visible_to(user)
        .filter(kind=CaseKind.COMPLAINT, reference=reference)
        .select_related("customer", "service")
        .first()
    )


def feedback_list(*, user: User, open_only: bool = True) -> QuerySet[Case]:
    cases = case_visible_to(user).filter(kind=CaseKind.FEEDBACK)
    cases = _in_users_services(cases, user, service_path="service_id")
    if open_only:
        cases = cases.filter(status__in=lifecycle.OPEN)
    return cases.select_related("customer", "feedback").order_by("received_at")


def feedback_case_get(*, user: User, reference: str) -> Case | None:
    cases = _in_users_services(
        case_visible_to(user).filter(kind=CaseKind.FEEDBACK), user, service_path="service_id"
    )
    return cases.select_related("customer", "service").filter(reference=reference).first()


def you_said_we_did(*, limit: int = 50) -> list[Feedback]:
    """Published feedback, newest decision first. The page shows only the words the officer
    wrote for publication, never the customer's."""
    return list(
        Feedback.objects.filter(published=True)
        .select_related("case__service")
        .order_by("-decided_at")[:limit]
    )
