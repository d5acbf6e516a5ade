"""Reads of cases: who may see which, filtered lists, one case with its milestones."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, User

from .models import OPEN_MILESTONE_STATES, Case, Milestone, MilestoneState


def case_visible_to(user: User) -> QuerySet[Case]:
    """Staff see their service's cases; councillors and clerks only what they submitted."""
    cases = Case.objects.all()
    if user.is_administrator:
        return cases
    if user.role in STAFF_ROLES:
        service_id = user.service_id
        return cases.filter(service_id=service_id) if service_id else cases.none()
    if user.role in SUBMITTER_ROLES:
        return cases.filter(submitted_by=user)
    return cases.none()


@dataclass(frozen=True)
class CaseFilters:
    channel: str | None = None
    kind: str | None = None
    status: str | None = None
    sla_state: str | None = None
    service: str | None = None
    owner: str | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None


def _open_milestones(**conditions: object) -> Exists:
    return Exists(
        Milestone.objects.filter(case=OuterRef("pk"), state__in=OPEN_MILESTONE_STATES, **conditions)
    )


def case_list(*, user: User, filters: CaseFilters) -> QuerySet[Case]:
    cases = case_visible_to(user)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.service:
        cases = cases.filter(service__code=filters.service)
    if filters.owner:
        cases = cases.filter(owner__username=filters.owner)
    if filters.sla_state in (
        MilestoneState.PENDING,
        MilestoneState.DUE_SOON,
        MilestoneState.BREACHED,
        MilestoneState.MET_LATE,
    ):
        cases = cases.filter(
            Exists(Milestone.objects.filter(case=OuterRef("pk"), state=filters.sla_state))
        )
    elif filters.sla_state == MilestoneState.MET:
        # Every promise kept on time: milestones exist and all are met.
        cases = cases.filter(
            Exists(Milestone.objects.filter(case=OuterRef("pk"))),
            ~Exists(
                Milestone.objects.filter(case=OuterRef("pk")).filter(~Q(state=MilestoneState.MET))
            ),
        )
    if filters.due_before:
        cases = cases.filter(_open_milestones(due_at__lt=filters.due_before))
    if filters.due_after:
        cases = cases.filter(_open_milestones(due_at__gt=filters.due_after))
    return with_details(cases).order_by("-received_at", "-id")


def with_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related(
        "standard", "service", "team", "owner", "submitted_by", "customer"
    ).prefetch_related(Prefetch("milestones", queryset=Milestone.objects.select_related("target")))


def case_with_milestones(case: Case, milestones: Iterable[Milestone]) -> Case:
    """Give a case just created the milestones it was created with, as if prefetched, so that
    showing it costs no query (as Django's own prefetching stores its results)."""
    prefetched = case.milestones.all()
    prefetched._result_cache = list(milestones)
    prefetched._prefetch_done = True
    case._prefetched_objects_cache = {"milestones": prefetched}
    return case


def case_get(*, user: User, reference: str) -> Case | None:
    return with_details(case_visible_to(user)).filter(reference=reference).first()
