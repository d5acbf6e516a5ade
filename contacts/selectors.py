"""Reads of cases: filtered lists, the queues, one case with its milestones. Who may see which
case is the one policy's (``visibility``); every read here starts from it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import (
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat

from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, Service, Team, User

from . import hooks
from .domain import lifecycle
from .event_payloads import SERVICE, TEAM, USER, Party, transfer_parties, transfer_services
from .models import (
    OPEN_MILESTONE_STATES,
    Attachment,
    Case,
    CaseEvent,
    EventKind,
    Milestone,
    MilestoneState,
)
from .policies import kept_in_service

# The one policy has a module of its own; readers have always imported it from here.
from .visibility import case_visible_to as case_visible_to
from .visibility import with_field_rule

PARTY_KINDS = (USER, TEAM, SERVICE)


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
    #: "cy", "en", or "" for cases whose language nobody has recorded yet.
    language: str | None = None
    received_from: datetime | None = None
    received_before: datetime | None = None


def _open_milestones(**conditions: object) -> Exists:
    return Exists(
        Milestone.objects.filter(case=OuterRef("pk"), state__in=OPEN_MILESTONE_STATES, **conditions)
    )


def case_list(*, user: User, filters: CaseFilters) -> QuerySet[Case]:
    cases = case_filter(with_field_rule(case_visible_to(user), user), filters=filters)
    return with_details(cases).order_by("-received_at", "-id")


def case_filter(cases: QuerySet[Case], *, filters: CaseFilters) -> QuerySet[Case]:
    """``cases`` narrowed by ``filters``: the API's list and the staff queues share these."""
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
    if filters.sla_state:
        cases = _with_sla_state(cases, filters.sla_state)
    if filters.due_before:
        cases = cases.filter(_open_milestones(due_at__lt=filters.due_before))
    if filters.due_after:
        cases = cases.filter(_open_milestones(due_at__gt=filters.due_after))
    if filters.language is not None:
        cases = cases.filter(language=filters.language)
    if filters.received_from:
        cases = cases.filter(received_at__gte=filters.received_from)
    if filters.received_before:
        cases = cases.filter(received_at__lt=filters.received_before)
    return cases


def _with_sla_state(cases: QuerySet[Case], sla_state: str) -> QuerySet[Case]:
    """Cases with a milestone in ``sla_state``; for "met", cases whose every milestone was met
    on time. Any other state filters nothing."""
    if sla_state in (
        MilestoneState.PENDING,
        MilestoneState.DUE_SOON,
        MilestoneState.BREACHED,
        MilestoneState.MET_LATE,
    ):
        return cases.filter(Exists(Milestone.objects.filter(case=OuterRef("pk"), state=sla_state)))
    if sla_state == MilestoneState.MET:
        # Every promise kept on time: milestones exist and all are met.
        return cases.filter(
            Exists(Milestone.objects.filter(case=OuterRef("pk"))),
            ~Exists(
                Milestone.objects.filter(case=OuterRef("pk")).filter(~Q(state=MilestoneState.MET))
            ),
        )
    return cases


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
    """One case the user may see, with what it shows and whether they read it in full."""
    cases = with_field_rule(case_visible_to(user), user)
    return with_details(cases).filter(reference=reference).first()


# --- The staff queues ---------------------------------------------------------------------


class Queue(StrEnum):
    MINE = "mine"  # cases I own
    TEAM = "team"  # my team's cases nobody owns yet
    SUBMITTED = "submitted"  # a councillor's or clerk's own enquiries


class QueueSort(StrEnum):
    NEXT_DUE = "next_due"
    NEXT_DUE_LAST = "-next_due"
    RECEIVED_OLDEST = "received"
    RECEIVED_NEWEST = "-received"
    REFERENCE = "reference"
    REFERENCE_DESC = "-reference"


_SORT_ORDER = {
    # Cases without an open deadline go last whichever way the deadlines run.
    QueueSort.NEXT_DUE: (F("next_due_at").asc(nulls_last=True), "-received_at", "-id"),
    QueueSort.NEXT_DUE_LAST: (F("next_due_at").desc(nulls_last=True), "-received_at", "-id"),
    QueueSort.RECEIVED_OLDEST: ("received_at", "id"),
    QueueSort.RECEIVED_NEWEST: ("-received_at", "-id"),
    QueueSort.REFERENCE: ("reference",),
    QueueSort.REFERENCE_DESC: ("-reference",),
}


def service_work(user: User) -> QuerySet[Case]:
    """The cases of the user's own service that they may see: the queues and their counts list
    work, which is the service's, although staff may read every service's cases (one council).
    Naming the service keeps the queues on the indexes that lead with it."""
    service_id = user.service_id
    if service_id is None:
        return Case.objects.none()
    return case_visible_to(user).filter(service_id=service_id)


def _queue_cases(*, user: User, queue: Queue) -> QuerySet[Case]:
    if queue is Queue.SUBMITTED:
        return _members_enquiries(user)
    cases = service_work(user)
    if queue is Queue.MINE:
        return cases.filter(owner=user)
    if not user.team_id:
        return cases.none()
    return cases.filter(team_id=user.team_id, owner__isnull=True)


def _members_enquiries(user: User) -> QuerySet[Case]:
    """A councillor's or clerk's list: their own, those they were copied into, their
    council's or wards' (the councillors app decides), each marked with whether they read it
    in full (another member's shows its outline only)."""
    return with_field_rule(case_visible_to(user), user)


def case_queue(
    *, user: User, queue: Queue, filters: CaseFilters, sort: QueueSort
) -> QuerySet[Case]:
    """One queue's cases with what a row shows, filtered and sorted.

    Staff queues hold open cases unless a status is asked for: a resolved case is no longer
    work. A councillor's list holds everything they submitted, since following an enquiry to
    its end is the point of it. ``next_due_at``, each case's earliest open deadline, is kept by
    the database, so the sort reads an index.
    """
    cases = _queue_cases(user=user, queue=queue)
    if queue is not Queue.SUBMITTED and not filters.status:
        cases = cases.filter(status__in=lifecycle.OPEN)
    cases = case_filter(cases, filters=filters)
    if queue is not Queue.SUBMITTED:
        cases = with_last_transfer(cases)
    return with_details(cases).order_by(*_SORT_ORDER[sort])


def cases_in_order(cases: QuerySet[Case], *, ids: list[int]) -> list[Case]:
    """The cases of ``ids`` from ``cases`` (with all it annotates and joins), in that order."""
    found = {case.pk: case for case in cases.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def with_last_transfer(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Each case with ``transfer_note`` and ``transferred_by`` (a name) of the last change of
    hands, so that whoever received a case reads why; a case someone took has no note."""
    last = CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.TRANSFERRED).order_by(
        "-created_at", "-id"
    )
    by = Concat("actor__first_name", Value(" "), "actor__last_name", output_field=CharField())
    return cases.annotate(
        transfer_note=Subquery(last.values("text")[:1]),
        transferred_by=Subquery(last.annotate(by=by).values("by")[:1]),
    )


@dataclass(frozen=True)
class QueueCounts:
    """Open cases in each queue the user has, for the navigation."""

    mine: int = 0
    team: int = 0
    submitted: int = 0


def queue_counts(*, user: User) -> QueueCounts:
    """Every count the navigation shows, in one query: each queue's cases, as it lists them."""
    if user.role in SUBMITTER_ROLES:
        open_enquiries = case_visible_to(user).filter(status__in=lifecycle.OPEN)
        return QueueCounts(submitted=open_enquiries.count())
    if user.role not in STAFF_ROLES:
        return QueueCounts()
    if user.service_id is None:
        return QueueCounts()
    open_cases = service_work(user).filter(status__in=lifecycle.OPEN)
    mine = open_cases.filter(owner=user)
    if not user.team_id:
        return QueueCounts(mine=mine.count())
    team = open_cases.filter(team_id=user.team_id, owner__isnull=True)
    # Two counts in one query, each its own scan of its queue's index (read from the index
    # alone): counting both with one "owner OR team" filter made PostgreSQL OR two bitmaps and
    # read every case from the heap (31 ms for an advisor with 4,600 open cases).
    counts = (
        Service.objects.filter(pk=user.service_id)
        .annotate(mine=_count_of(mine), team=_count_of(team))
        .values_list("mine", "team")
    )
    mine_count, team_count = counts.get()
    return QueueCounts(mine=mine_count, team=team_count)


def _count_of(cases: QuerySet[Case]) -> Subquery:
    counted = cases.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


# --- Attachments ---------------------------------------------------------------------------


def case_attachments(*, case: Case) -> list[Attachment]:
    """The case's attachments with who uploaded them, oldest first, in one query."""
    return list(Attachment.objects.filter(case=case).select_related("uploaded_by"))


def attachment_get(*, user: User, reference: str, attachment_id: int) -> Attachment | None:
    """One attachment of a case the user may see, or ``None``: staff and administrators read
    a case's files with the case (councillors and clerks never: they are the staff's)."""
    if not user.is_administrator and user.role not in STAFF_ROLES:
        return None
    return (
        Attachment.objects.filter(
            pk=attachment_id, case__in=case_visible_to(user), case__reference=reference
        )
        .select_related("case")
        .first()
    )


# --- The case page ---------------------------------------------------------------------------

#: The case page lists this many of the customer's other cases, newest first.
HISTORY_LIMIT = 20


def case_timeline(*, case: Case) -> list[CaseEvent]:
    """Everything that happened to the case, newest first, with who did it."""
    return list(case.events.select_related("actor", "milestone").order_by("-created_at", "-id"))


def customer_history(*, user: User, case: Case, limit: int = HISTORY_LIMIT) -> list[Case]:
    """The customer's other cases that ``user`` may see, of every service and channel, newest
    first: one customer record for the council, under the need-to-know rule (a confidential
    case the user may not read is not there, nor counted)."""
    if case.customer_id is None:
        return []
    return list(
        case_visible_to(user)
        .filter(customer_id=case.customer_id)
        .exclude(pk=case.pk)
        .select_related("service")
        .order_by("-received_at", "-id")[:limit]
    )


def event_parties(*, events: Iterable[CaseEvent]) -> dict[Party, str]:
    """The names of the colleagues, teams and services that transfers name: a query per kind
    at most."""
    wanted = {
        party
        for event in events
        if event.kind == EventKind.TRANSFERRED
        for party in (*transfer_parties(event.payload), *transfer_services(event.payload))
        if party is not None
    }
    names: dict[Party, str] = {}
    ids = {kind: [party.pk for party in wanted if party.kind == kind] for kind in PARTY_KINDS}
    if ids[USER]:
        for colleague in User.objects.filter(pk__in=ids[USER]):
            names[Party(USER, colleague.pk)] = colleague.get_full_name() or colleague.get_username()
    if ids[TEAM]:
        for team in Team.objects.filter(pk__in=ids[TEAM]):
            names[Party(TEAM, team.pk)] = team.name
    if ids[SERVICE]:
        for service in Service.objects.filter(pk__in=ids[SERVICE]):
            names[Party(SERVICE, service.pk)] = service.name
    return names


def transfer_colleagues(*, case: Case) -> QuerySet[User]:
    """Who a case may be transferred to (SPEC §9): active staff of an active team of any
    active service, since every member of staff may read a case; a case kept in its service
    (a complaint: ``policies.kept_in_service``) only to staff of its service who may open it
    (a complaint to those who handle complaints, never to anyone it is about)."""
    colleagues = User.objects.filter(
        is_active=True, role__in=STAFF_ROLES, team__active=True, team__service__active=True
    )
    if kept_in_service(case):
        colleagues = colleagues.filter(team__service_id=case.service_id)
    colleagues = hooks.case_receivers.apply(colleagues, case=case)
    return colleagues.select_related("team__service").order_by(
        "first_name", "last_name", "username"
    )


def transfer_teams(*, case: Case) -> QuerySet[Team]:
    """The queues a case may be transferred to: every active team of an active service."""
    return (
        Team.objects.filter(active=True, service__active=True)
        .select_related("service")
        .order_by("name", "pk")
    )


def arrived_from(*, case: Case) -> CaseEvent | None:
    """The transfer that last brought the case into its service from another, if any:
    whoever received a misrouted case may send it back there. One query over the case's few
    transfers into its service."""
    into_service = CaseEvent.objects.filter(
        case=case, kind=EventKind.TRANSFERRED, payload__to_service=case.service_id
    ).order_by("-created_at", "-id")
    for event in into_service:
        before, after = transfer_services(event.payload)
        if before is not None and before != after:
            return event
    return None
