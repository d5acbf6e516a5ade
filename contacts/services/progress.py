"""A case moving through its lifecycle: acknowledged, responded to, resolved, closed,
reopened."""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.bulk import rows_update
from common.errors import ServiceError
from standards import milestone_kinds

from .. import hooks
from ..domain import lifecycle
from ..models import (
    OPEN_MILESTONE_STATES,
    Case,
    CaseStatus,
    EventKind,
    Milestone,
)
from ..timeline import event_build, event_record, events_record
from . import milestone_writer
from .steps import action_time, case_locked, ensure_open, status_move

#: What each case action satisfies among the milestones of the case's standard.
MILESTONES_MET_BY = {
    "acknowledge": milestone_kinds.ACKNOWLEDGES,
    "confirm": milestone_kinds.CONFIRMS,
    "respond": milestone_kinds.MET_BY_RESPONSE,
}


def milestones_meet(
    case: Case, kinds: tuple[str, ...] | None, *, at: datetime, actor: User | None
) -> list[Milestone]:
    """Mark the case's open milestones of ``kinds`` (all when ``None``) met or met late."""
    open_milestones = case.milestones.filter(state__in=OPEN_MILESTONE_STATES)
    if kinds is not None:
        open_milestones = open_milestones.filter(kind__in=kinds)
    return milestone_writer.milestones_meet(list(open_milestones), at=at, actor=actor)


def case_progress(
    case: Case,
    *,
    kinds: tuple[str, ...],
    next_status: Callable[[str], str],
    actor: User | None,
    at: datetime | None,
    now: datetime,
) -> Case:
    """Meet the case's open milestones of ``kinds`` and move its status on."""
    case = case_locked(case)
    at = action_time(case, at, now)
    ensure_open(case)
    milestones_meet(case, kinds, at=at, actor=actor)
    status_move(case, next_status(case.status), actor=actor, at=at)
    case.save(update_fields=["status", "modified_at"])
    return case


@transaction.atomic
def case_acknowledge(
    *, case: Case, actor: User | None, at: datetime | None = None, now: datetime | None = None
) -> Case:
    return case_progress(
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
    _cases_told(acknowledged_at, kinds=MILESTONES_MET_BY["acknowledge"])


def cases_confirm(*, confirmed_at: dict[int, datetime]) -> None:
    """The customers of these cases were told who is dealing with their enquiry and when the
    full response will come (``case id → when``; ``messaging.confirmations``): their
    confirmation milestones are met, and the cases are acknowledged if they were not yet."""
    _cases_told(confirmed_at, kinds=MILESTONES_MET_BY["confirm"])


def _cases_told(acknowledged_at: dict[int, datetime], *, kinds: tuple[str, ...]) -> None:
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
            kind__in=kinds,
            state__in=OPEN_MILESTONE_STATES,
        ).only("pk", "case_id", "due_at")
    )
    milestone_writer.milestones_meet(open_milestones, at=acknowledged_at)
    moved, events = [], []
    for case in cases:
        after = lifecycle.status_after_acknowledgement(case.status)
        if after == case.status:
            continue
        events.append(
            event_build(
                case=case.pk,
                kind=EventKind.STATUS_CHANGED,
                at=acknowledged_at[case.pk],
                payload={"from": case.status, "to": after},
            )
        )
        case.status, case.modified_at = after, timezone.now()
        moved.append(case)
    rows_update(moved, ["status", "modified_at"])
    events_record(events)


@transaction.atomic
def case_respond(
    *, case: Case, actor: User | None, at: datetime | None = None, now: datetime | None = None
) -> Case:
    """The full response has gone to the customer."""
    return case_progress(
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
    case = case_locked(case)
    at = action_time(case, at, now)
    ensure_open(case)
    milestones_meet(case, None, at=at, actor=actor)
    status_move(case, CaseStatus.RESOLVED, actor=actor, at=at, text=note)
    case.resolved_at = at
    case.save(update_fields=["status", "resolved_at", "modified_at"])
    # Messaging tells the customer what was done (``message``); a councillor or clerk who
    # raised the case is told of its completion, once, their way.
    hooks.case_resolved(case=case, actor=actor, note=note, message=message, now=now)
    return case


@transaction.atomic
def case_close(*, case: Case, actor: User | None, now: datetime | None = None) -> Case:
    now = now or timezone.now()
    case = case_locked(case)
    if case.status == CaseStatus.CLOSED:
        raise ServiceError({"status": _("The case is already closed.")})
    status_move(case, CaseStatus.CLOSED, actor=actor, at=now)
    case.closed_at = now
    case.save(update_fields=["status", "closed_at", "modified_at"])
    return case


@transaction.atomic
def case_reopen(
    *, case: Case, actor: User | None, reason: str, now: datetime | None = None
) -> Case:
    """Back in progress; the case no longer counts as right first time."""
    now = now or timezone.now()
    case = case_locked(case)
    if not reason.strip():
        raise ServiceError({"reason": _("Say why the case is being reopened.")})
    if case.status not in lifecycle.REOPENABLE:
        raise ServiceError({"status": _("Only a resolved or closed case can be reopened.")})
    event_record(
        case=case,
        kind=EventKind.REOPENED,
        at=now,
        actor=actor,
        payload={"from": case.status, "to": CaseStatus.IN_PROGRESS},
        text=reason,
    )
    case.status = CaseStatus.IN_PROGRESS
    case.reopened_count += 1
    case.resolved_at = None
    case.closed_at = None
    case.save(update_fields=["status", "reopened_count", "resolved_at", "closed_at", "modified_at"])
    return case
