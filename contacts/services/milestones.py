"""A case's milestones met, extended and re-timed one at a time by staff."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from standards import milestone_kinds
from standards.domain.calendar import WorkingCalendar, WorkingTimeProblem
from standards.domain.deadlines import (
    Rule,
    compute_deadline,
    extend_deadline,
)
from standards.selectors import working_calendar

from .. import hooks
from ..event_payloads import time_value
from ..models import (
    OPEN_MILESTONE_STATES,
    Case,
    CaseEvent,
    EventKind,
    Milestone,
)
from ..timeline import event_record
from . import milestone_writer
from .creation import threshold_of
from .progress import milestones_meet
from .steps import action_time, case_locked, case_with_relations, ensure_open


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
    case = case_locked(case)
    at = action_time(case, at, now)
    milestone = case.milestones.filter(kind=kind).first()
    if milestone is None:
        raise ServiceError({"milestone": _("This case has no such milestone.")})
    if not milestone.is_open:
        raise ServiceError({"milestone": _("This milestone has already been met.")})
    (met,) = milestones_meet(case, (kind,), at=at, actor=actor)
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
    out_of_hours_confirmed: bool = False,
    now: datetime | None = None,
) -> Milestone:
    """Give a milestone a later due time, with the reason recorded on the timeline and, for
    the full response the customer was promised, told to the customer.

    A due time on a day the office does not work, or outside its business hours, is refused
    unless the officer confirms they mean it (``out_of_hours_confirmed``, SPEC §10): the
    customer would otherwise be promised an answer on, say, a Saturday by mistake."""
    now = now or timezone.now()
    calendar = working_calendar(from_date=timezone.localdate(now))
    case = case_locked(case)
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
    elif not out_of_hours_confirmed:
        problem = working_time_refusal(new_due_at, calendar)
        if problem:
            errors["due_at"] = problem
    if errors:
        raise ServiceError(errors)
    assert milestone is not None and milestone.due_at is not None
    deadline = extend_deadline(
        Rule(milestone.rule),
        new_due_at=new_due_at,
        now=now,
        calendar=calendar,
        threshold=threshold_of(milestone.target),
    )
    milestone_writer.milestone_deadline_extend(
        milestone, deadline=deadline, reason=reason, actor=actor, now=now
    )
    if notify_customer:
        hooks.milestone_extended(
            case=case_with_relations(case), milestone=milestone, actor=actor, now=now
        )
    return milestone


def working_time_refusal(moment: datetime, calendar: WorkingCalendar) -> str | None:
    """Why a time set by an officer is not working time, in words that say how to go on; ``None``
    when the office works then."""
    problem = calendar.working_time_problem(moment)
    if problem is None:
        return None
    local = timezone.localtime(moment, calendar.tz)
    if problem is WorkingTimeProblem.NOT_A_WORKING_DAY:
        return _(
            "%(day)s is not a working day. Choose a working day, or tick “I mean this date” "
            "if it is what you intend."
        ) % {"day": date_format(local, "l j F Y")}
    return _(
        "%(time)s is outside business hours (%(opens)s to %(closes)s). Choose a time within "
        "them, or tick “I mean this date” if it is what you intend."
    ) % {
        "time": date_format(local, "H:i"),
        "opens": calendar.hours.opens.strftime("%H:%M"),
        "closes": calendar.hours.closes.strftime("%H:%M"),
    }


#: How far ahead a callback may be arranged: further is a typing mistake, not an agreement.
CALLBACK_HORIZON = timedelta(days=366)


@transaction.atomic
def callback_arrange(
    *, case: Case, actor: User, at: datetime, note: str = "", now: datetime | None = None
) -> CaseEvent:
    """A callback is agreed with the customer for ``at``. A standard that promises callbacks
    has a callback milestone: it becomes due at the agreed time."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    if timezone.is_naive(at):
        raise ServiceError({"at": _("Give the time with its UTC offset.")})
    if at <= now:
        raise ServiceError({"at": _("The callback must be arranged for a time in the future.")})
    if at > now + CALLBACK_HORIZON:
        raise ServiceError({"at": _("The callback must be within a year from now.")})
    milestone = (
        case.milestones.select_related("target")
        .filter(
            kind=milestone_kinds.CALLBACK,
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
        # The milestone keeps counting from when it started; only its due time moves.
        milestone_writer.milestone_retime(
            milestone,
            timing=milestone_writer.Timing(
                rule=milestone.rule, starts_at=milestone.starts_at, deadline=deadline
            ),
            now=now,
        )
    return event_record(
        case=case,
        kind=EventKind.CALLBACK_ARRANGED,
        at=now,
        actor=actor,
        milestone=milestone,
        payload={"at": time_value(at)},
        text=note.strip(),
    )
