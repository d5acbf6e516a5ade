"""Acknowledging a voicemail with the callback it promises (SPEC §10, "confirming when a call
back will be made if not the following day"; docs/adr/0022). The pure rule is
``standards.domain.voicemail.voicemail_callback``; milestones go through the one writer and the
caller is told through messaging (``hooks.voicemail_acknowledged``)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from common.errors import ServiceError
from standards import milestone_kinds
from standards.channels import Channel, PhoneContact
from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import Rule, compute_deadline
from standards.domain.voicemail import Callback, CallbackRefused, voicemail_callback
from standards.models import Target
from standards.selectors import case_rules, working_calendar

from .. import hooks
from ..domain import lifecycle
from ..event_payloads import time_value
from ..models import OPEN_MILESTONE_STATES, Case, EventKind, Milestone
from ..policies import is_voicemail
from ..timeline import event_record
from . import milestone_writer
from .creation import threshold_of
from .milestone_writer import Timing, milestone_build, milestones_create
from .steps import case_locked, case_with_relations, ensure_open, status_move

#: What an officer is told when a callback time cannot be promised, by the rule's reason.
CALLBACK_REFUSALS = {
    CallbackRefused.PAST: gettext_lazy("The callback must be at a time still to come."),
    CallbackRefused.TOO_FAR: gettext_lazy("The callback must be within a year from now."),
    CallbackRefused.NOT_A_WORKING_DAY: gettext_lazy(
        "%(day)s is not a working day. Choose a working day for the callback."
    ),
    CallbackRefused.OUTSIDE_BUSINESS_HOURS: gettext_lazy(
        "%(time)s is outside business hours (%(opens)s to %(closes)s). Choose a time within "
        "them for the callback."
    ),
}


def _refusal_text(refused: CallbackRefused, given: datetime, calendar: WorkingCalendar) -> str:
    local = timezone.localtime(given, calendar.tz)
    return str(CALLBACK_REFUSALS[refused]) % {
        "day": date_format(local, "l j F Y"),
        "time": date_format(local, "H:i"),
        "opens": calendar.hours.opens.strftime("%H:%M"),
        "closes": calendar.hours.closes.strftime("%H:%M"),
    }


def callback_target(case: Case) -> Target | None:
    """The target a voicemail's callback is held to: the case's own standard's callback target
    if an administrator gave it one, else the phone callback standard's ("call back at the time
    agreed with the caller")."""
    targets = Target.objects.filter(
        milestone=milestone_kinds.CALLBACK, rule=Rule.AT_SCHEDULED, standard__is_active=True
    )
    own = targets.filter(standard_id=case.standard_id).first() if case.standard_id else None
    if own is not None:
        return own
    standard = case_rules().standard_for(
        channel=Channel.PHONE, contact_type=PhoneContact.CALLBACK, kind=case.kind
    )
    return targets.filter(standard=standard).first() if standard else None


@transaction.atomic
def voicemail_acknowledge(
    *, case: Case, actor: User, callback_at: datetime | None = None, now: datetime | None = None
) -> Milestone:
    """The officer acknowledged a voicemail and says when they will call back: ``callback_at``
    when it is not the next working day (SPEC §10). Meets the acknowledgement, creates (or
    moves) the callback milestone, puts both on the timeline and tells the caller the time by
    their method, in their language. Refused with nothing changed, an error per field."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    calendar = working_calendar(from_date=timezone.localdate(now))
    errors: dict[str, str] = {}
    acknowledge = None
    if not is_voicemail(case):
        errors["case"] = _("Only a voicemail is acknowledged with a callback time.")
    else:
        acknowledge = case.milestones.filter(
            kind__in=milestone_kinds.ACKNOWLEDGES, state__in=OPEN_MILESTONE_STATES
        ).first()
        if acknowledge is None:
            errors["case"] = _("This voicemail has already been acknowledged.")
    callback: Callback | CallbackRefused | None = None
    if callback_at is not None and timezone.is_naive(callback_at):
        errors["callback_at"] = _("Give the time with its UTC offset.")
    else:
        callback = voicemail_callback(callback_at, now=now, calendar=calendar)
        if isinstance(callback, CallbackRefused):
            assert callback_at is not None
            errors["callback_at"] = _refusal_text(callback, callback_at, calendar)
    target = callback_target(case) if not errors else None
    if not errors and target is None:
        errors["case"] = _("No standard promises callbacks: ask an administrator to add one.")
    if errors:
        raise ServiceError(errors)
    assert isinstance(callback, Callback) and target is not None and acknowledge is not None
    milestone_writer.milestones_meet([acknowledge], at=now, actor=actor)
    milestone = _callback_milestone(case, target, callback, calendar=calendar, now=now)
    event_record(
        case=case,
        kind=EventKind.VOICEMAIL_ACKNOWLEDGED,
        at=now,
        actor=actor,
        milestone=milestone,
        payload={"callback_at": time_value(callback.at), "agreed": callback.agreed},
    )
    status_move(case, lifecycle.status_after_acknowledgement(case.status), actor=actor, at=now)
    case.save(update_fields=["status", "modified_at"])
    hooks.voicemail_acknowledged(
        case=case_with_relations(case),
        callback=milestone,
        agreed=callback.agreed,
        actor=actor,
        now=now,
    )
    return milestone


def _callback_milestone(
    case: Case, target: Target, callback: Callback, *, calendar: WorkingCalendar, now: datetime
) -> Milestone:
    """The case's callback milestone due at ``callback.at``: made now, or moved if the case's
    standard already gave it one that is still open."""
    deadline = compute_deadline(
        Rule.AT_SCHEDULED,
        None,
        received_at=now,
        calendar=calendar,
        scheduled_at=callback.at,
        threshold=threshold_of(target),
    )
    timing = Timing(rule=Rule.AT_SCHEDULED, starts_at=now, deadline=deadline)
    existing = case.milestones.filter(kind=milestone_kinds.CALLBACK).first()
    if existing is None:
        (created,) = milestones_create(
            case=case,
            milestones=[
                milestone_build(target=target, kind=milestone_kinds.CALLBACK, timing=timing)
            ],
        )
        return created
    if not existing.is_open:
        raise ServiceError({"case": _("The callback has already been made.")})
    return milestone_writer.milestone_retime(existing, timing=timing, now=now)
