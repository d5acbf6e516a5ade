"""Reception: the day's appointments and drop-in queue, checking visitors in, seeing them.

Two standards apply at the desk (see the catalogue): an appointment promises the visitor is seen
within 5 minutes of the appointment time (the "seen" milestone, due then), and a drop-in
promises to tell the visitor how long they may wait (a "seen" milestone with no deadline,
measuring the wait). Checking in means different things for each:

- an appointment was booked earlier as a case; checking in records when the visitor arrived;
- a drop-in is registered at the desk when they arrive, which makes the case and checks them
  in at once (a drop-in case logged some other way counts as arrived when it was received).

Seeing the visitor meets the "seen" milestone through ``milestone_meet``, so an appointment's
milestone is met or met late by the time they were seen, with no rule of its own here.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import JSONField, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, User
from common.errors import ServiceError
from contacts.channel_details import parse_details
from standards import milestone_kinds
from standards.channels import Channel, VisitContact

from .domain import lifecycle
from .domain.milestone_state import state_at
from .domain.waiting import (
    Visitor,
    estimate_wait,
    minutes_per_visitor,
    minutes_waited,
)
from .event_payloads import time_parse, time_value
from .models import (
    OPEN_MILESTONE_STATES,
    Case,
    CaseEvent,
    CaseKind,
    Customer,
    EventKind,
    LanguagePreference,
    Milestone,
    Visit,
)
from .presenters import Tag, sla_tag
from .services import case_create, milestone_meet
from .timeline import event_record
from .visibility import case_visible_to

SEEN = milestone_kinds.VISITOR_SEEN
RECEPTION_TYPES = (VisitContact.APPOINTMENT, VisitContact.RECEPTION)


# --- Reads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delay:
    minutes: int
    expected_at: datetime
    reason: str


@dataclass(frozen=True)
class VisitRow:
    case: Case
    milestone: Milestone
    appointment: bool
    expected_at: datetime | None  # the appointment time
    arrived_at: datetime | None
    seen_at: datetime | None
    #: Minutes waited: so far while waiting, in all once seen; None before arrival.
    waited_minutes: int | None
    #: What to tell a drop-in visitor still waiting, in minutes from now.
    estimate_minutes: int | None
    #: The appointment's 5-minute promise as it stands now (a state of MilestoneState).
    sla_state: str | None
    #: The officer running late for this appointment (what the visitor was told), if so.
    delay: Delay | None = None

    @property
    def tag(self) -> Tag | None:
        return sla_tag(self.sla_state) if self.sla_state else None

    @property
    def waiting(self) -> bool:
        return self.arrived_at is not None and self.seen_at is None

    @property
    def seen(self) -> bool:
        return self.seen_at is not None


@dataclass(frozen=True)
class ReceptionDay:
    appointments: list[VisitRow]
    queue: list[VisitRow]  # drop-ins waiting, first come first served
    seen_drop_ins: list[VisitRow]
    minutes_per_visitor: float | None  # the desk's recent pace; None before anyone is seen
    next_estimate_minutes: int  # what to tell the next drop-in visitor

    @property
    def average_wait_minutes(self) -> int | None:
        waits = [row.waited_minutes for row in self.seen_drop_ins if row.waited_minutes is not None]
        return round(sum(waits) / len(waits)) if waits else None


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The local day around ``now`` as two aware datetimes (a clock-change day is 23 or 25
    hours long)."""
    day = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def _live_state(milestone: Milestone, now: datetime) -> str:
    """The milestone's state now, without waiting for the next SLA sweep to notice it."""
    if not milestone.is_open or milestone.due_at is None:
        return milestone.state
    return state_at(due_at=milestone.due_at, due_soon_at=milestone.due_soon_at, now=now)


def _seen_milestones(*, user: User, service_id: int, now: datetime):
    start, end = day_bounds(now)
    # The latest "running late" told for the appointment as booked now (one re-booked since
    # was late for another time), read in the same query as the rows.
    late = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"), kind=EventKind.RUNNING_LATE, milestone_id=OuterRef("pk")
    ).order_by("-created_at", "-id")
    return (
        Milestone.objects.annotate(
            late_payload=Subquery(late.values("payload")[:1], output_field=JSONField()),
            late_reason=Subquery(late.values("text")[:1]),
        )
        .filter(
            kind=SEEN,
            starts_at__gte=start,
            starts_at__lt=end,
            # The desk's own service's visitors, and of those whom the policy lets it see.
            case__service_id=service_id,
            case__in=case_visible_to(user),
            case__channel=Channel.VISIT,
            case__contact_type__in=RECEPTION_TYPES,
        )
        .select_related("case__customer", "case__visit")
        .order_by("starts_at", "case_id")
    )


def _arrival(case: Case) -> datetime | None:
    # A case without a visit raises the reverse relation's DoesNotExist, an AttributeError.
    visit = getattr(case, "visit", None)
    if visit is not None:
        return visit.arrived_at
    return case.received_at if case.contact_type == VisitContact.RECEPTION else None


def _delay(milestone: Milestone) -> Delay | None:
    payload = getattr(milestone, "late_payload", None) or {}
    expected = time_parse(payload.get("expected_at"))
    if expected is None or payload.get("booked_at") != time_value(milestone.starts_at):
        return None
    return Delay(
        minutes=payload["minutes"],
        expected_at=expected,
        reason=getattr(milestone, "late_reason", None) or "",
    )


def reception_day(*, user: User, now: datetime) -> ReceptionDay:
    """The user's service's visitors today, in one query whatever the day holds."""
    if not user.service_id:
        return ReceptionDay([], [], [], None, estimate_wait(ahead=0, per_visitor=None))
    milestones = list(_seen_milestones(user=user, service_id=user.service_id, now=now))
    arrivals = {m.case_id: _arrival(m.case) for m in milestones}
    drop_ins = [m for m in milestones if m.case.contact_type == VisitContact.RECEPTION]
    visitors = [
        Visitor(arrived_at=arrived_at, seen_at=m.met_at)
        for m in drop_ins
        if (arrived_at := arrivals[m.case_id]) is not None
    ]
    pace = minutes_per_visitor(visitors)

    def row(milestone: Milestone, *, estimate: int | None = None) -> VisitRow:
        case = milestone.case
        arrived = arrivals[case.pk]
        seen_at = milestone.met_at if not milestone.is_open else None
        appointment = case.contact_type == VisitContact.APPOINTMENT
        waited = None
        if arrived is not None:
            waited = minutes_waited(arrived, seen_at or now)
        return VisitRow(
            case=case,
            milestone=milestone,
            appointment=appointment,
            expected_at=milestone.starts_at if appointment else None,
            arrived_at=arrived,
            seen_at=seen_at,
            waited_minutes=waited,
            estimate_minutes=estimate,
            sla_state=_live_state(milestone, now) if appointment else None,
            delay=_delay(milestone) if appointment and seen_at is None else None,
        )

    waiting = sorted(
        (m for m in drop_ins if m.is_open), key=lambda m: (arrivals[m.case_id], m.case_id)
    )
    queue = [
        row(m, estimate=estimate_wait(ahead=position, per_visitor=pace))
        for position, m in enumerate(waiting)
    ]
    seen = sorted(
        (row(m) for m in drop_ins if not m.is_open),
        key=lambda r: r.seen_at,
        reverse=True,
    )
    return ReceptionDay(
        appointments=[
            row(m) for m in milestones if m.case.contact_type == VisitContact.APPOINTMENT
        ],
        queue=queue,
        seen_drop_ins=seen,
        minutes_per_visitor=pace,
        next_estimate_minutes=estimate_wait(ahead=len(queue), per_visitor=pace),
    )


# --- Writes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    case: Case
    estimate_minutes: int  # what the visitor was told


def _require_reception_case(case: Case) -> None:
    if case.channel != Channel.VISIT or case.contact_type not in RECEPTION_TYPES:
        raise ServiceError({"case": _("This case is not a visit to reception.")})


@transaction.atomic
def reception_register(
    *,
    service: Service,
    actor: User,
    name: str,
    reason: str,
    welsh: bool,
    now: datetime | None = None,
) -> Registered:
    """A drop-in visitor at the desk: the case, made as every contact is made, with the wait
    they were told recorded on it (the drop-in standard's promise) and their arrival."""
    now = now or timezone.now()
    name, reason = name.strip(), reason.strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the visitor's name.")
    if not reason:
        errors["reason"] = _("Enter the reason for the visit.")
    if errors:
        raise ServiceError(errors)
    day = reception_day(user=actor, now=now) if actor.service_id == service.pk else None
    estimate = day.next_estimate_minutes if day else estimate_wait(ahead=0, per_visitor=None)
    details = parse_details(
        Channel.VISIT,
        {"contact_type": VisitContact.RECEPTION, "expected_wait_minutes": estimate},
    )
    language = LanguagePreference.WELSH if welsh else LanguagePreference.ENGLISH
    team = actor.team if actor.team is not None and actor.team.service_id == service.pk else None
    created = case_create(
        channel=Channel.VISIT,
        details=details,
        kind=CaseKind.ENQUIRY,
        service=service,
        summary=reason,
        received_at=now,
        customer=Customer(name=name, preferred_language=language),
        language=language,
        team=team,
        actor=actor,
        now=now,
    )
    _arrive(created.case, actor=actor, at=now)
    return Registered(case=created.case, estimate_minutes=estimate)


def _arrive(case: Case, *, actor: User, at: datetime) -> Visit:
    visit = Visit.objects.create(case=case, arrived_at=at, checked_in_by=actor)
    event_record(case=case, kind=EventKind.VISITOR_ARRIVED, at=at, actor=actor)
    return visit


@transaction.atomic
def reception_check_in(*, case: Case, actor: User, now: datetime | None = None) -> Visit:
    """The visitor with today's appointment has arrived."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_reception_case(case)
    if case.contact_type != VisitContact.APPOINTMENT:
        raise ServiceError({"case": _("A drop-in visitor is checked in when they are registered.")})
    milestone = case.milestones.filter(kind=SEEN).first()
    start, end = day_bounds(now)
    if case.status not in lifecycle.OPEN:
        raise ServiceError({"case": _("This case is closed; reopen it first.")})
    if milestone is None or not start <= milestone.starts_at < end:
        raise ServiceError({"case": _("This appointment is not today.")})
    if Visit.objects.filter(case=case).exists():
        raise ServiceError({"case": _("This visitor has already been checked in.")})
    if milestone.state not in OPEN_MILESTONE_STATES:
        raise ServiceError({"case": _("This visitor has already been seen.")})
    return _arrive(case, actor=actor, at=now)


def reception_see(*, case: Case, actor: User, now: datetime | None = None) -> Milestone:
    """The visitor has been seen: the "seen" milestone is met now, on time or late by its own
    due time (an appointment's time plus 5 minutes; a drop-in's has none)."""
    now = now or timezone.now()
    _require_reception_case(case)
    if not case.milestones.filter(kind=SEEN, state__in=OPEN_MILESTONE_STATES).exists():
        raise ServiceError({"case": _("This visitor has already been seen.")})
    return milestone_meet(case=case, kind=SEEN, actor=actor, at=now, now=now)
