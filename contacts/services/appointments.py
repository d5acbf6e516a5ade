"""An appointment at the office or an officer's visit running late, or cancelled and re-booked
(SPEC §10).

Both are recorded on the timeline with the reason and told to the customer through messaging
(``hooks.appointment_notice``). Running late leaves the promise as it was — the visitor is
told how long, which the standard allows instead of keeping to the 5 minutes — so the milestone
does not move and a late visit is still met late. A re-booking moves the appointment itself:
its milestone is re-timed from the new time by the one writer (``milestone_retime``), not made
anew, so it keeps its history, and the case's agreed time follows.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from standards.domain.deadlines import Rule, compute_deadline
from standards.selectors import working_calendar

from .. import hooks
from ..domain import lifecycle
from ..domain.appointments import (
    LONGEST_DELAY_MINUTES,
    REASON_MAX,
    LateProblem,
    RebookProblem,
    expected_at,
    late_problem,
    rebook_problem,
)
from ..event_payloads import time_value
from ..models import Case, CaseEvent, EventKind, Milestone, Visit
from ..policies import booked_kind
from ..timeline import event_record
from . import milestone_writer
from .creation import threshold_of
from .steps import case_locked, case_with_relations


@dataclass(frozen=True)
class AppointmentChange:
    event: CaseEvent
    #: Whether a message reaches the customer; when not, staff phone them.
    told: bool


def _booked(case: Case, reason: str, errors: dict[str, str]) -> Milestone | None:
    """The open milestone holding the booked time, or ``None`` with the reason in ``errors``."""
    if not reason.strip():
        errors["reason"] = _("Give the reason, so the customer knows why.")
    elif len(reason.strip()) > REASON_MAX:
        errors["reason"] = _("The reason must be %(count)s characters or fewer.") % {
            "count": REASON_MAX
        }
    kind = booked_kind(case)
    if kind is None:
        errors["case"] = _("This case is not an appointment or an officer visit.")
        return None
    if case.status not in lifecycle.OPEN:
        errors["case"] = _("This case is closed; reopen it first.")
        return None
    milestone = case.milestones.select_related("target").filter(kind=kind).first()
    if milestone is None or milestone.rule != Rule.MINUTES_AFTER_SCHEDULED:
        errors["case"] = _("This case has no booked time.")
        return None
    if not milestone.is_open:
        errors["case"] = _("This appointment has already taken place.")
        return None
    return milestone


def _told(case: Case, event: CaseEvent, actor: User, now: datetime) -> AppointmentChange:
    told = hooks.appointment_notice(
        case=case_with_relations(case), event=event, actor=actor, now=now
    )
    return AppointmentChange(event=event, told=bool(told))


@transaction.atomic
def appointment_running_late(
    *, case: Case, minutes: int, reason: str, actor: User, now: datetime | None = None
) -> AppointmentChange:
    """The officer will be ``minutes`` later than the booked time: the customer is told how
    long, why and when, and the reception screen shows it."""
    now = now or timezone.now()
    case = case_locked(case)
    errors: dict[str, str] = {}
    milestone = _booked(case, reason, errors)
    if milestone is not None:
        problem = late_problem(booked_at=milestone.starts_at, minutes=minutes, now=now)
        if problem is LateProblem.NOT_POSITIVE:
            errors["minutes"] = _("Enter how many minutes late, a whole number more than 0.")
        elif problem is LateProblem.TOO_LONG:
            errors["minutes"] = _(
                "More than %(count)s minutes late is another day: cancel and offer another time."
            ) % {"count": LONGEST_DELAY_MINUTES}
        elif problem is LateProblem.IN_THE_PAST:
            errors["minutes"] = _(
                "That time has already passed (the appointment was at %(time)s). "
                "Enter how late you will be from the appointment time."
            ) % {"time": date_format(timezone.localtime(milestone.starts_at), "H:i")}
    if errors:
        raise ServiceError(errors)
    assert milestone is not None
    event = event_record(
        case=case,
        kind=EventKind.RUNNING_LATE,
        at=now,
        actor=actor,
        milestone=milestone,
        payload={
            "minutes": minutes,
            "booked_at": time_value(milestone.starts_at),
            "expected_at": time_value(expected_at(milestone.starts_at, minutes)),
        },
        text=reason.strip(),
    )
    return _told(case, event, actor, now)


@transaction.atomic
def appointment_rebook(
    *, case: Case, at: datetime, reason: str, actor: User, now: datetime | None = None
) -> AppointmentChange:
    """The appointment cannot be kept: it moves to ``at`` (a working time), the customer gets
    an apology with the new date and time, and the milestone counts from the new time."""
    now = now or timezone.now()
    case = case_locked(case)
    errors: dict[str, str] = {}
    milestone = _booked(case, reason, errors)
    calendar = working_calendar(from_date=timezone.localdate(now))
    if timezone.is_naive(at):
        errors["at"] = _("Give the time with its UTC offset.")
    elif milestone is not None:
        problem = rebook_problem(booked_at=milestone.starts_at, new_at=at, now=now)
        if problem is RebookProblem.IN_THE_PAST:
            errors["at"] = _("The new appointment must be in the future.")
        elif problem is RebookProblem.UNCHANGED:
            errors["at"] = _("That is the time already booked. Choose another time.")
        elif problem is RebookProblem.TOO_FAR:
            errors["at"] = _("The new appointment must be within a year from now.")
        elif calendar.working_time_problem(at) is not None:
            errors["at"] = _(
                "%(time)s is not in business hours (%(opens)s to %(closes)s on a working "
                "day). Choose a time when the office is open."
            ) % {
                "time": date_format(timezone.localtime(at, calendar.tz), "l j F Y H:i"),
                "opens": calendar.hours.opens.strftime("%H:%M"),
                "closes": calendar.hours.closes.strftime("%H:%M"),
            }
    if milestone is not None and Visit.objects.filter(case=case).exists():
        errors["case"] = _("The visitor has already arrived: see them instead.")
    if errors:
        raise ServiceError(errors)
    assert milestone is not None
    previous = milestone.starts_at
    deadline = compute_deadline(
        Rule(milestone.rule),
        milestone.target.amount,
        received_at=case.received_at,
        calendar=calendar,
        scheduled_at=at,
        threshold=threshold_of(milestone.target),
    )
    milestone_writer.milestone_retime(
        milestone,
        timing=milestone_writer.Timing(rule=milestone.rule, starts_at=at, deadline=deadline),
        now=now,
    )
    case.channel_details = {**(case.channel_details or {}), "scheduled_at": at.isoformat()}
    case.save(update_fields=["channel_details"])
    event = event_record(
        case=case,
        kind=EventKind.REBOOKED,
        at=now,
        actor=actor,
        milestone=milestone,
        payload={"previous_at": time_value(previous), "at": time_value(at)},
        text=reason.strip(),
    )
    return _told(case, event, actor, now)
