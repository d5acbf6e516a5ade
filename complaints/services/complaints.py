"""Writes to a recorded complaint: its stages, extensions, actions and its close."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.models import Case, CaseStatus, EventKind, Milestone
from contacts.services import (
    case_close,
    case_resolve,
    milestone_extend,
    milestone_meet,
)
from contacts.timeline import event_record
from standards.selectors import working_calendar

from .. import milestones as stages
from ..domain import rules
from ..models import Complaint, ComplaintAction, Outcome, Stage
from .steps import complaint_locked, ensure_open, open_milestones_meet, stage_milestones_add

#: Outcomes that end a complaint without the complainant being owed a findings letter.
WITHOUT_LETTER = (Outcome.WITHDRAWN,)


@transaction.atomic
def complaint_escalate(
    *, complaint: Complaint, reason: str, actor: User, now: datetime | None = None
) -> Complaint:
    """Stage 1 is over and the complaint goes to formal investigation: stage 2's deadlines
    count from now. What stage 1 still owed is marked done (late if it was)."""
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    ensure_open(complaint)
    errors = {}
    if complaint.stage != Stage.ONE:
        errors["stage"] = _("The complaint is already at stage 2.")
    if not reason.strip():
        errors["reason"] = _("Say why the complaint goes to stage 2.")
    if errors:
        raise ServiceError(errors)
    case = complaint.case
    open_milestones_meet(case, stages.STAGE_MILESTONES[Stage.ONE], actor=actor, now=now)
    stage_milestones_add(
        case=case, category=complaint.category, stage=Stage.TWO, starts_at=now, now=now
    )
    complaint.stage = Stage.TWO
    complaint.stage2_started_at = now
    complaint.stage2_reason = reason.strip()
    complaint.save(update_fields=["stage", "stage2_started_at", "stage2_reason", "modified_at"])
    event_record(
        case=case, kind=EventKind.COMPLAINT_ESCALATED, at=now, actor=actor, text=reason.strip()
    )
    return complaint


@transaction.atomic
def complaint_acknowledge_stage2(
    *, complaint: Complaint, actor: User, now: datetime | None = None
) -> Milestone:
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    ensure_open(complaint)
    if complaint.stage != Stage.TWO:
        raise ServiceError({"stage": _("The complaint is not at stage 2.")})
    return milestone_meet(
        case=complaint.case, kind=stages.STAGE2_ACKNOWLEDGE, actor=actor, at=now, now=now
    )


@transaction.atomic
def complaint_extend(
    *,
    complaint: Complaint,
    new_due_on: date,
    reason: str,
    actor: User,
    now: datetime | None = None,
) -> Milestone:
    """A later date for the current stage's response, with the reason; the complainant is
    told why and the new date, which must happen before the old date passes."""
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    ensure_open(complaint)
    kind = stages.RESPONSE_MILESTONE[Stage(complaint.stage)]
    milestone = complaint.case.milestones.filter(kind=kind).first()
    if milestone is None or not milestone.is_open or milestone.due_at is None:
        raise ServiceError({"new_due_on": _("This stage has no open deadline to extend.")})
    if not rules.extension_allowed(due_at=milestone.due_at, now=now):
        raise ServiceError(
            {
                "new_due_on": _(
                    "The date given to the complainant has passed: an extension must be "
                    "agreed and told before it."
                )
            }
        )
    calendar = working_calendar(from_date=timezone.localdate(now))
    if not calendar.is_working_day(new_due_on):
        raise ServiceError({"new_due_on": _("Choose a working day.")})
    if new_due_on <= timezone.localdate(milestone.due_at):
        raise ServiceError({"new_due_on": _("Choose a date after the current due date.")})
    new_due_at = calendar.end_of_business(new_due_on)
    return milestone_extend(
        case=complaint.case,
        kind=kind,
        new_due_at=new_due_at,
        reason=reason,
        actor=actor,
        notify_customer=True,
        now=now,
    )


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    outcome: str,
    actor: User,
    final_response: str = "",
    remedy: str = "",
    lessons_learned: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Close the complaint with its outcome. The final response goes to the complainant in
    their language on the complaint standard's wording, which tells them of their right to go
    to the Public Services Ombudsman for Wales."""
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    ensure_open(complaint)
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    elif outcome not in WITHOUT_LETTER and not final_response.strip():
        errors["final_response"] = _("Write the final response to the complainant.")
    if errors:
        raise ServiceError(errors)
    case = complaint.case
    if case.status not in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        case_resolve(
            case=case,
            actor=actor,
            note=Outcome(outcome).label,
            message=final_response if outcome not in WITHOUT_LETTER else "",
            at=now,
            now=now,
        )
    case = Case.objects.get(pk=case.pk)
    if case.status != CaseStatus.CLOSED:
        case_close(case=case, actor=actor, now=now)
    complaint.outcome = outcome
    complaint.outcome_at = now
    complaint.closure_band = rules.closure_band(
        received_at=case.received_at,
        closed_at=now,
        calendar=working_calendar(from_date=timezone.localdate(case.received_at)),
    )
    complaint.remedy = remedy.strip()
    complaint.lessons_learned = lessons_learned.strip()
    complaint.save(
        update_fields=[
            "outcome",
            "outcome_at",
            "closure_band",
            "remedy",
            "lessons_learned",
            "modified_at",
        ]
    )
    return complaint


@transaction.atomic
def complaint_action_add(
    *,
    complaint: Complaint,
    description: str,
    owner: User,
    due_on: date,
    actor: User,
    now: datetime | None = None,
) -> ComplaintAction:
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    errors = {}
    if not description.strip():
        errors["description"] = _("Describe the action.")
    if not owner.is_active or owner.service_id != complaint.case.service_id:
        errors["owner"] = _("Choose a member of staff of the complaint's service.")
    if due_on < timezone.localdate(now):
        errors["due_on"] = _("The action cannot be due in the past.")
    if errors:
        raise ServiceError(errors)
    action = ComplaintAction.objects.create(
        complaint=complaint, description=description.strip(), owner=owner, due_on=due_on
    )
    event_record(
        case=complaint.case,
        kind=EventKind.COMPLAINT_ACTION,
        at=now,
        actor=actor,
        payload={
            "owner": owner.get_full_name() or owner.get_username(),
            "due_on": due_on.isoformat(),
        },
        text=action.description,
    )
    return action


@transaction.atomic
def complaint_ombudsman_record(
    *,
    complaint: Complaint,
    actor: User,
    referred_on: date | None,
    reference: str = "",
    outcome: str = "",
    decided_on: date | None = None,
    now: datetime | None = None,
) -> Complaint:
    """The complainant took the complaint to the Ombudsman, and (later) what they decided."""
    now = now or timezone.now()
    complaint = complaint_locked(complaint)
    today = timezone.localdate(now)
    received_on = timezone.localdate(complaint.case.received_at)
    errors = {}
    if referred_on is None:
        errors["referred_on"] = _("Give the date it was referred to the Ombudsman.")
    elif not received_on <= referred_on <= today:
        errors["referred_on"] = _(
            "The referral date must be between the complaint's receipt and today."
        )
    if outcome and decided_on is None:
        errors["decided_on"] = _("Give the date of the Ombudsman's decision.")
    elif decided_on is not None and not outcome:
        errors["outcome"] = _("Choose the Ombudsman's outcome.")
    elif (
        decided_on is not None
        and referred_on is not None
        and not (referred_on <= decided_on <= today)
    ):
        errors["decided_on"] = _("The decision date must be between the referral and today.")
    if errors:
        raise ServiceError(errors)
    complaint.ombudsman_referred_on = referred_on
    complaint.ombudsman_reference = reference.strip()
    complaint.ombudsman_outcome = outcome
    complaint.ombudsman_decided_on = decided_on
    complaint.save(
        update_fields=[
            "ombudsman_referred_on",
            "ombudsman_reference",
            "ombudsman_outcome",
            "ombudsman_decided_on",
            "modified_at",
        ]
    )
    event_record(case=complaint.case, kind=EventKind.OMBUDSMAN_RECORDED, at=now, actor=actor)
    return complaint
