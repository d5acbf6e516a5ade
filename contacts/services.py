"""Writes to cases: the one way in for every channel, and what happens to a case afterwards.

Every entry point — the API, the staff pages, the public web forms, inbound e-mail and the
webhooks — creates cases through ``case_create`` so that milestones and the timeline are written
once, in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, Team, User
from channels_app.channels import PhoneContact
from channels_app.details import ChannelDetails
from channels_app.outbox import (
    acknowledgement_queue,
    extension_notice_queue,
    out_of_office_queue,
    reply_queue,
    resolution_queue,
)
from common.jobs import enqueue
from standards.domain.deadlines import (
    DeadlineError,
    DueSoonThreshold,
    Rule,
    compute_deadline,
    extend_deadline,
)
from standards.models import Standard, Target
from standards.selectors import case_rules, working_calendar

from .domain import lifecycle
from .event_values import party_value, time_value
from .models import (
    OPEN_MILESTONE_STATES,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Customer,
    EventKind,
    Milestone,
    MilestoneState,
)
from .references import reference_allocate

#: A contact cannot have been received in the future; this much clock skew between the
#: sending system and ours is forgiven.
CLOCK_SKEW = timedelta(minutes=2)
#: No contact the system handles is older than this: a mistyped century would otherwise make
#: a case with a nonsense reference and deadlines in a year with other clocks.
EARLIEST_RECEIPT = datetime(2000, 1, 1, tzinfo=UTC)

#: What each case action satisfies among the milestones of the case's standard.
MILESTONES_MET_BY = {
    "acknowledge": ("acknowledge",),
    "respond": ("acknowledge", "respond", "contact", "outcome", "publish"),
}


@dataclass(frozen=True)
class CaseCreated:
    case: Case
    created: bool  # False when the same inbound message had already made this case
    milestones: tuple[Milestone, ...] = ()  # those created, with their targets


def threshold_of(target: Target) -> DueSoonThreshold:
    return DueSoonThreshold(
        working_days=target.due_soon_working_days, fraction=float(target.due_soon_fraction)
    )


def case_create(
    *,
    channel: str,
    details: ChannelDetails,
    kind: str,
    service: Service,
    summary: str,
    received_at: datetime,
    description: str = "",
    customer: Customer | None = None,
    language: str | None = None,
    team: Team | None = None,
    owner: User | None = None,
    submitted_by: User | None = None,
    standard: Standard | None = None,
    actor: User | None = None,
    now: datetime | None = None,
) -> CaseCreated:
    """Record a contact as a case with the milestones its standard promises.

    Seeing the same inbound message twice (same channel and message id) returns the case the
    first one made.
    """
    now = now or timezone.now()
    _validate_new_case(
        channel=channel,
        details=details,
        kind=kind,
        received_at=received_at,
        now=now,
        team=team,
        owner=owner,
        service=service,
    )
    # A message seen before is found by the unique source key refusing the insert below (and
    # costs a reference number, as any failed creation does), not by a query before every new
    # case: repeats are rare, new cases are the load.
    rules = case_rules()
    if standard is None:
        standard = rules.standard_for(channel=channel, contact_type=details.contact_type, kind=kind)
        if standard is None:
            raise ValidationError({"kind": _("No customer care standard applies to this contact.")})
    targets = list(standard.targets.all())
    calendar = rules.calendar
    milestones = [
        _milestone_for(
            target, received_at=received_at, scheduled_at=details.scheduled_at, calendar=calendar
        )
        for target in targets
    ]
    if language is None:
        language = customer.preferred_language if customer else ""
    if team is None and owner is not None and owner.team_id and owner.team.service_id == service.pk:
        team = owner.team

    reference = reference_allocate(timezone.localtime(received_at).year)
    case = Case(
        reference=reference,
        channel=channel,
        contact_type=details.contact_type,
        kind=kind,
        status=CaseStatus.NEW,
        standard=standard,
        service=service,
        team=team,
        owner=owner,
        submitted_by=submitted_by,
        customer=customer,
        language=language,
        received_at=received_at,
        summary=summary,
        description=description,
        channel_details=details.data,
        source_key=details.source_key,
    )
    new_customer = customer is not None and customer.pk is None
    try:
        with transaction.atomic():
            if new_customer:
                customer.save()
                case.customer = customer
            case.save(force_insert=True)
            for milestone in milestones:
                milestone.case = case
            Milestone.objects.bulk_create(milestones)
            CaseEvent.objects.create(
                case=case,
                kind=EventKind.CREATED,
                created_at=now,
                actor=actor,
                to_status=CaseStatus.NEW,
            )
            # Owed in the same transaction: a case stored is a case acknowledged.
            acknowledgement_queue(case=case, now=now, rules_version=rules.version)
            out_of_office_queue(case=case, now=now)
    except IntegrityError:
        # The message was seen before (or two deliveries of it raced): answer with the case
        # the first one made.
        if new_customer:
            customer.pk = None  # its row went with the rolled-back savepoint
        if details.source_key:
            existing = Case.objects.filter(source_key=details.source_key).first()
            if existing:
                return CaseCreated(existing, created=False)
        raise
    return CaseCreated(case, created=True, milestones=tuple(milestones))


def _validate_new_case(
    *,
    channel: str,
    details: ChannelDetails,
    kind: str,
    received_at: datetime,
    now: datetime,
    team: Team | None,
    owner: User | None,
    service: Service,
) -> None:
    errors: dict[str, str] = {}
    if details.channel != channel:
        errors["channel_details"] = _("The channel details are for another channel.")
    if kind not in CaseKind.values:
        errors["kind"] = _("Unknown kind of case.")
    if timezone.is_naive(received_at):
        errors["received_at"] = _("Give the time with its UTC offset.")
    elif received_at > now + CLOCK_SKEW:
        errors["received_at"] = _("The time received cannot be in the future.")
    elif received_at < EARLIEST_RECEIPT:
        errors["received_at"] = _("The time received is too far in the past.")
    elif (
        details.contact_type == PhoneContact.CALLBACK
        and details.scheduled_at is not None
        and details.scheduled_at <= received_at
    ):
        errors["channel_details"] = _("The callback must be agreed for a time after the call.")
    if team is not None and team.service_id != service.pk:
        errors["team"] = _("The team does not belong to the case's service.")
    if owner is not None and (not owner.works_cases or owner.service_id != service.pk):
        errors["owner"] = _("The owner must be a member of staff of the case's service.")
    if errors:
        raise ValidationError(errors)


def _milestone_for(
    target: Target, *, received_at: datetime, scheduled_at: datetime | None, calendar: Any
) -> Milestone:
    try:
        deadline = compute_deadline(
            Rule(target.rule),
            target.amount,
            received_at=received_at,
            calendar=calendar,
            scheduled_at=scheduled_at,
            threshold=threshold_of(target),
        )
    except DeadlineError as error:
        raise ValidationError(
            {"channel_details": _("The time this standard counts from is missing or invalid.")}
        ) from error
    starts_at = scheduled_at if target.rule == Rule.MINUTES_AFTER_SCHEDULED else received_at
    return Milestone(
        target=target,
        kind=target.milestone,
        rule=target.rule,
        starts_at=starts_at or received_at,
        due_at=deadline.due_at,
        due_soon_at=deadline.due_soon_at,
        state=MilestoneState.PENDING,
    )


# --- Actions on a case ---------------------------------------------------------------------


def _locked(case: Case) -> Case:
    """The case row locked for this transaction, so concurrent actions apply one at a time."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _check_time(case: Case, at: datetime | None, now: datetime) -> datetime:
    if at is None:
        return now
    if timezone.is_naive(at):
        raise ValidationError({"at": _("Give the time with its UTC offset.")})
    if at > now + CLOCK_SKEW:
        raise ValidationError({"at": _("The time cannot be in the future.")})
    if at < case.received_at:
        raise ValidationError({"at": _("The time cannot be before the case was received.")})
    return at


def _move(case: Case, to_status: str, *, actor: User | None, at: datetime, text: str = "") -> None:
    if case.status == to_status:
        return
    if not lifecycle.can_move(case.status, to_status):
        raise ValidationError(
            {
                "status": _("A case that is %(from)s cannot become %(to)s.")
                % {"from": CaseStatus(case.status).label, "to": CaseStatus(to_status).label}
            }
        )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.STATUS_CHANGED,
        created_at=at,
        actor=actor,
        from_status=case.status,
        to_status=to_status,
        text=text,
    )
    case.status = to_status


def _meet(
    case: Case, kinds: tuple[str, ...] | None, *, at: datetime, actor: User | None
) -> list[Milestone]:
    """Mark the case's open milestones of ``kinds`` (all when ``None``) met or met late."""
    open_milestones = case.milestones.filter(state__in=OPEN_MILESTONE_STATES)
    if kinds is not None:
        open_milestones = open_milestones.filter(kind__in=kinds)
    met = list(open_milestones)
    for milestone in met:
        milestone.state = lifecycle.milestone_outcome(milestone.due_at, at)
        milestone.met_at = at
        milestone.state_changed_at = at
    Milestone.objects.bulk_update(met, ["state", "met_at", "state_changed_at"])
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind=EventKind.MILESTONE_MET,
            created_at=at,
            actor=actor,
            milestone=milestone,
            to_status=milestone.state,
        )
        for milestone in met
    )
    return met


def _progress(
    case: Case,
    *,
    kinds: tuple[str, ...],
    next_status: Callable[[str], str],
    actor: User | None,
    at: datetime | None,
    now: datetime,
) -> Case:
    """Meet the case's open milestones of ``kinds`` and move its status on."""
    case = _locked(case)
    at = _check_time(case, at, now)
    _ensure_open(case)
    _meet(case, kinds, at=at, actor=actor)
    _move(case, next_status(case.status), actor=actor, at=at)
    case.save(update_fields=["status", "modified_at"])
    return case


@transaction.atomic
def case_acknowledge(
    *, case: Case, actor: User | None, at: datetime | None = None, now: datetime | None = None
) -> Case:
    return _progress(
        case,
        kinds=MILESTONES_MET_BY["acknowledge"],
        next_status=lifecycle.status_after_acknowledgement,
        actor=actor,
        at=at,
        now=now or timezone.now(),
    )


@transaction.atomic
def cases_acknowledge(*, acknowledged_at: dict[int, datetime]) -> None:
    """The acknowledgements of many cases went out (``case id → when``): a batch delivered by
    the outbox. Set-based: a handful of statements however many cases.

    Cases that were resolved or closed meanwhile owe nothing any more and are left alone."""
    if not acknowledged_at:
        return
    # Locked in id order, so two batches over the same cases cannot deadlock.
    cases = list(
        Case.objects.select_for_update()
        .filter(pk__in=acknowledged_at, status__in=lifecycle.OPEN)
        .order_by("pk")
        .only("pk", "status")
    )
    open_milestones = list(
        Milestone.objects.filter(
            case_id__in=[case.pk for case in cases],
            kind__in=MILESTONES_MET_BY["acknowledge"],
            state__in=OPEN_MILESTONE_STATES,
        ).only("pk", "case_id", "due_at")
    )
    events = []
    for milestone in open_milestones:
        at = acknowledged_at[milestone.case_id]
        milestone.state = lifecycle.milestone_outcome(milestone.due_at, at)
        milestone.met_at = at
        milestone.state_changed_at = at
        events.append(
            CaseEvent(
                case_id=milestone.case_id,
                kind=EventKind.MILESTONE_MET,
                created_at=at,
                milestone=milestone,
                to_status=milestone.state,
            )
        )
    Milestone.objects.bulk_update(open_milestones, ["state", "met_at", "state_changed_at"])
    moved = []
    for case in cases:
        after = lifecycle.status_after_acknowledgement(case.status)
        if after == case.status:
            continue
        at = acknowledged_at[case.pk]
        events.append(
            CaseEvent(
                case_id=case.pk,
                kind=EventKind.STATUS_CHANGED,
                created_at=at,
                from_status=case.status,
                to_status=after,
            )
        )
        case.status, case.modified_at = after, timezone.now()
        moved.append(case)
    Case.objects.bulk_update(moved, ["status", "modified_at"])
    CaseEvent.objects.bulk_create(events)


@transaction.atomic
def case_respond(
    *, case: Case, actor: User | None, at: datetime | None = None, now: datetime | None = None
) -> Case:
    """The full response has gone to the customer."""
    return _progress(
        case,
        kinds=MILESTONES_MET_BY["respond"],
        next_status=lifecycle.status_after_response,
        actor=actor,
        at=at,
        now=now or timezone.now(),
    )


@transaction.atomic
def case_resolve(
    *,
    case: Case,
    actor: User | None,
    note: str = "",
    message: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> Case:
    """Resolved: whatever the case still owed the customer was done by now. ``message`` tells
    the customer what was done, in their language and way of contact."""
    now = now or timezone.now()
    case = _locked(case)
    at = _check_time(case, at, now)
    _ensure_open(case)
    _meet(case, None, at=at, actor=actor)
    _move(case, CaseStatus.RESOLVED, actor=actor, at=at, text=note)
    case.resolved_at = at
    case.save(update_fields=["status", "resolved_at", "modified_at"])
    if message.strip():
        resolution_queue(case=_with_relations(case), author=actor, text=message, now=now)
    # A councillor or clerk who raised the case is told of its completion, once, their way.
    from councillors.services import enquiry_resolved  # councillors builds on contacts

    enquiry_resolved(case=case, actor=actor, outcome=note, message=message, now=now)
    return case


@transaction.atomic
def case_reply(
    *,
    case: Case,
    actor: User,
    text: str,
    responds: bool = False,
    idempotency_key: str = "",
    now: datetime | None = None,
) -> Case:
    """An officer writes to the customer; with ``responds`` the reply is the full response
    the standard promised."""
    now = now or timezone.now()
    case = _locked(case)
    if responds:
        _ensure_open(case)
    reply_queue(
        case=_with_relations(case),
        author=actor,
        text=text,
        now=now,
        idempotency_key=idempotency_key,
    )
    if responds:
        case = case_respond(case=case, actor=actor, at=now, now=now)
    return case


def _with_relations(case: Case) -> Case:
    """The case with what a message about it needs (customer, service, team)."""
    return Case.objects.select_related("customer", "service", "team").get(pk=case.pk)


@transaction.atomic
def case_close(*, case: Case, actor: User | None, now: datetime | None = None) -> Case:
    now = now or timezone.now()
    case = _locked(case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"status": _("The case is already closed.")})
    _move(case, CaseStatus.CLOSED, actor=actor, at=now)
    case.closed_at = now
    case.save(update_fields=["status", "closed_at", "modified_at"])
    return case


@transaction.atomic
def case_reopen(
    *, case: Case, actor: User | None, reason: str, now: datetime | None = None
) -> Case:
    """Back in progress; the case no longer counts as right first time."""
    now = now or timezone.now()
    case = _locked(case)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is being reopened.")})
    if case.status not in lifecycle.REOPENABLE:
        raise ValidationError({"status": _("Only a resolved or closed case can be reopened.")})
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.REOPENED,
        created_at=now,
        actor=actor,
        from_status=case.status,
        to_status=CaseStatus.IN_PROGRESS,
        text=reason,
    )
    case.status = CaseStatus.IN_PROGRESS
    case.reopened_count += 1
    case.resolved_at = None
    case.closed_at = None
    case.save(update_fields=["status", "reopened_count", "resolved_at", "closed_at", "modified_at"])
    return case


def _ensure_open(case: Case) -> None:
    if case.status not in lifecycle.OPEN:
        raise ValidationError(
            {
                "status": _("The case is %(status)s; reopen it first.")
                % {"status": CaseStatus(case.status).label}
            }
        )


@transaction.atomic
def milestone_meet(
    *,
    case: Case,
    kind: str,
    actor: User | None,
    at: datetime | None = None,
    now: datetime | None = None,
) -> Milestone:
    """The promised thing happened: the callback was made, the visitor seen, the officer
    arrived, the change published."""
    now = now or timezone.now()
    case = _locked(case)
    at = _check_time(case, at, now)
    milestone = case.milestones.filter(kind=kind).first()
    if milestone is None:
        raise ValidationError({"milestone": _("This case has no such milestone.")})
    if not milestone.is_open:
        raise ValidationError({"milestone": _("This milestone has already been met.")})
    (met,) = _meet(case, (kind,), at=at, actor=actor)
    return met


@transaction.atomic
def milestone_extend(
    *,
    case: Case,
    kind: str,
    new_due_at: datetime,
    reason: str,
    actor: User | None,
    notify_customer: bool = True,
    now: datetime | None = None,
) -> Milestone:
    """Give a milestone a later due time, with the reason recorded on the timeline and, for
    the full response the customer was promised, told to the customer."""
    now = now or timezone.now()
    case = _locked(case)
    milestone = case.milestones.select_related("target").filter(kind=kind).first()
    errors: dict[str, str] = {}
    if milestone is None:
        errors["milestone"] = _("This case has no such milestone.")
    elif not milestone.is_open:
        errors["milestone"] = _("A milestone that has been met cannot be extended.")
    elif milestone.due_at is None:
        errors["milestone"] = _("This milestone has no deadline to extend.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the extension.")
    if timezone.is_naive(new_due_at):
        errors["due_at"] = _("Give the time with its UTC offset.")
    elif (
        milestone is not None
        and milestone.due_at is not None
        and (new_due_at <= max(milestone.due_at, now))
    ):
        errors["due_at"] = _("The new due time must be later than the current one and than now.")
    if errors:
        raise ValidationError(errors)
    assert milestone is not None and milestone.due_at is not None
    deadline = extend_deadline(
        Rule(milestone.rule),
        new_due_at=new_due_at,
        now=now,
        calendar=working_calendar(from_date=timezone.localdate(now)),
        threshold=threshold_of(milestone.target),
    )
    milestone.original_due_at = milestone.original_due_at or milestone.due_at
    milestone.due_at = deadline.due_at
    milestone.due_soon_at = deadline.due_soon_at
    milestone.state = (
        MilestoneState.PENDING if deadline.due_soon_at > now else MilestoneState.DUE_SOON
    )
    milestone.state_changed_at = now
    milestone.extended_at = now
    milestone.extension_reason = reason
    milestone.revision += 1
    milestone.save(
        update_fields=[
            "original_due_at",
            "due_at",
            "due_soon_at",
            "state",
            "state_changed_at",
            "extended_at",
            "extension_reason",
            "revision",
        ]
    )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.EXTENDED,
        created_at=now,
        actor=actor,
        milestone=milestone,
        text=reason,
    )
    if notify_customer:
        extension_notice_queue(
            case=_with_relations(case), milestone=milestone, author=actor, now=now
        )
    return milestone


def case_add_note(
    *, case: Case, actor: User | None, text: str, now: datetime | None = None
) -> CaseEvent:
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return CaseEvent.objects.create(
        case=case, kind=EventKind.NOTE, actor=actor, text=text, created_at=now or timezone.now()
    )


@transaction.atomic
def case_add_inbound(
    *, case: Case, text: str, received_at: datetime, now: datetime | None = None
) -> Case:
    """The customer wrote again on an open case (a reply by e-mail, text or social media): the
    message goes on the timeline (a note by nobody on the staff) and a case that was awaiting
    the customer is back in progress. No acknowledgement is owed for it."""
    now = now or timezone.now()
    case = _locked(case)
    _ensure_open(case)
    at = min(received_at, now)
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor=None, text=text, created_at=at)
    if case.status == CaseStatus.AWAITING_CUSTOMER:
        _move(case, CaseStatus.IN_PROGRESS, actor=None, at=at)
        case.save(update_fields=["status", "modified_at"])
    return case


# --- Who holds a case, and callbacks -------------------------------------------------------

#: How far ahead a callback may be arranged: further is a typing mistake, not an agreement.
CALLBACK_HORIZON = timedelta(days=366)


def _is_colleague(user: User, case: Case) -> bool:
    """An active member of staff of the case's service."""
    return user.is_active and user.works_cases and user.service_id == case.service_id


def _may_receive(user: User, case: Case) -> bool:
    """Whoever receives a case must be able to open it: complaints are confidential."""
    from .selectors import transfer_colleagues  # selectors read what services write

    return case.kind != CaseKind.COMPLAINT or (
        transfer_colleagues(case=case).filter(pk=user.pk).exists()
    )


@transaction.atomic
def case_take(*, case: Case, actor: User, now: datetime | None = None) -> Case:
    """The actor becomes the case's owner (and the case moves to their team)."""
    now = now or timezone.now()
    case = _locked(case)
    _ensure_open(case)
    if not _is_colleague(actor, case):
        raise ValidationError({"owner": _("Only staff of the case's service can own it.")})
    if case.owner_id == actor.pk:
        raise ValidationError({"owner": _("You already own this case.")})
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.TRANSFERRED,
        created_at=now,
        actor=actor,
        from_status=party_value(user_id=case.owner_id, team_id=case.team_id),
        to_status=party_value(user_id=actor.pk),
    )
    case.owner = actor
    case.team_id = actor.team_id
    case.save(update_fields=["owner", "team", "modified_at"])
    return case


@transaction.atomic
def case_transfer(
    *,
    case: Case,
    actor: User,
    note: str,
    to_user: User | None = None,
    to_team: Team | None = None,
    now: datetime | None = None,
) -> CaseEvent:
    """Hand the case to a colleague, or to a team's queue, of the same service, saying why.
    The receiver is e-mailed once the transfer is stored."""
    from .tasks import transfer_notify  # the task module imports the notice sender

    now = now or timezone.now()
    case = _locked(case)
    _ensure_open(case)
    errors: dict[str, str] = {}
    if (to_user is None) == (to_team is None):
        errors["to"] = _("Choose one colleague or one team.")
    elif to_user is not None:
        if not _is_colleague(to_user, case):
            errors["to"] = _("Choose a member of staff of the case's service.")
        elif not _may_receive(to_user, case):
            errors["to"] = _(
                "A complaint can go only to a complaints officer or manager of the service "
                "who is not named in it."
            )
        elif to_user.pk == case.owner_id:
            errors["to"] = _("The case is already theirs.")
    elif to_team is not None:
        if to_team.service_id != case.service_id:
            errors["to"] = _("Choose a team of the case's service.")
        elif to_team.pk == case.team_id and case.owner_id is None:
            errors["to"] = _("The case is already in that team's queue.")
    if not note.strip():
        errors["note"] = _("Write a note for the person receiving the case.")
    if errors:
        raise ValidationError(errors)
    event = CaseEvent.objects.create(
        case=case,
        kind=EventKind.TRANSFERRED,
        created_at=now,
        actor=actor,
        from_status=party_value(user_id=case.owner_id, team_id=case.team_id),
        to_status=party_value(
            user_id=to_user.pk if to_user else None, team_id=to_team.pk if to_team else None
        ),
        text=note.strip(),
    )
    if to_user is not None:
        case.owner, case.team_id = to_user, to_user.team_id
    else:
        case.owner, case.team = None, to_team
    case.save(update_fields=["owner", "team", "modified_at"])
    enqueue(transfer_notify, event.pk)
    return event


@transaction.atomic
def callback_arrange(
    *, case: Case, actor: User, at: datetime, note: str = "", now: datetime | None = None
) -> CaseEvent:
    """A callback is agreed with the customer for ``at``. A standard that promises callbacks
    has a callback milestone: it becomes due at the agreed time."""
    now = now or timezone.now()
    case = _locked(case)
    _ensure_open(case)
    if timezone.is_naive(at):
        raise ValidationError({"at": _("Give the time with its UTC offset.")})
    if at <= now:
        raise ValidationError({"at": _("The callback must be arranged for a time in the future.")})
    if at > now + CALLBACK_HORIZON:
        raise ValidationError({"at": _("The callback must be within a year from now.")})
    milestone = (
        case.milestones.select_related("target")
        .filter(
            kind="callback",
            state__in=OPEN_MILESTONE_STATES,
            rule__in=(Rule.AT_SCHEDULED, Rule.MINUTES_AFTER_SCHEDULED),
        )
        .first()
    )
    if milestone is not None:
        deadline = compute_deadline(
            Rule(milestone.rule),
            milestone.target.amount,
            received_at=now,
            calendar=working_calendar(from_date=timezone.localdate(now)),
            scheduled_at=at,
            threshold=threshold_of(milestone.target),
        )
        milestone.due_at = deadline.due_at
        milestone.due_soon_at = deadline.due_soon_at
        milestone.state = (
            MilestoneState.PENDING if deadline.due_soon_at > now else MilestoneState.DUE_SOON
        )
        milestone.state_changed_at = now
        milestone.revision += 1  # alerts about the new time are owed afresh
        milestone.save(
            update_fields=["due_at", "due_soon_at", "state", "state_changed_at", "revision"]
        )
    return CaseEvent.objects.create(
        case=case,
        kind=EventKind.CALLBACK_ARRANGED,
        created_at=now,
        actor=actor,
        milestone=milestone,
        to_status=time_value(at),
        text=note.strip(),
    )
