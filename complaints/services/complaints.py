"""Writes to complaints: recording one, its stages, extensions and its close."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from common.errors import ServiceError
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseKind, CaseStatus, EventKind, Milestone
from contacts.services import (
    case_close,
    case_resolve,
    milestone_extend,
    milestone_meet,
    milestone_writer,
)
from contacts.timeline import event_record, in_both_languages
from standards.selectors import working_calendar

from .. import milestones as stages
from ..domain import rules
from ..models import Complaint, ComplaintAction, ComplaintCategory, Outcome, Stage

#: Outcomes that end a complaint without the complainant being owed a findings letter.
WITHOUT_LETTER = (Outcome.WITHDRAWN,)


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("case", "category")
        .get(pk=complaint.pk)
    )


def _ensure_open(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise ServiceError({"outcome": _("The complaint is already closed.")})


def _add_stage_milestones(
    *, case: Case, category: ComplaintCategory, stage: int, starts_at: datetime, now: datetime
) -> None:
    calendar = working_calendar(from_date=timezone.localdate(starts_at))
    existing = {m.kind: m for m in case.milestones.select_related("target")}
    targets = stages.stage_targets(stage)
    new = []
    for kind, days in stages.stage_days(category, stage).items():
        milestone = existing.get(kind)
        if milestone is None:
            timing = stages.stage_timing(
                targets[kind], days=days, starts_at=starts_at, calendar=calendar
            )
            new.append(
                milestone_writer.milestone_build(target=targets[kind], kind=kind, timing=timing)
            )
        elif milestone.is_open:
            # The catalogue's stage 1 milestone, re-timed to the category's timescale: a new
            # revision, so the alerts about its new deadline are owed afresh.
            timing = stages.stage_timing(
                milestone.target, days=days, starts_at=starts_at, calendar=calendar
            )
            milestone_writer.milestone_retime(milestone, timing=timing, now=now)
    milestone_writer.milestones_create(case=case, milestones=new)


def _recordable_case_errors(case: Case) -> dict[str, str]:
    """Only an open complaint case without a complaint record can be given one."""
    if case.kind != CaseKind.COMPLAINT:
        return {"case": _("Only a complaint case can have a complaint record.")}
    if Complaint.objects.filter(case=case).exists():
        return {"case": _("This complaint has already been recorded.")}
    if case.status == CaseStatus.CLOSED:
        return {"case": _("The case is closed.")}
    return {}


def _timing_errors(case: Case, *, events_on: date, late_reason: str) -> dict[str, str]:
    """The events come before the complaint, and a late complaint needs a reason."""
    received_on = timezone.localdate(case.received_at)
    if events_on > received_on:
        return {"events_on": _("The events cannot be after the complaint was received.")}
    if rules.is_late(events_on=events_on, received_on=received_on) and not late_reason.strip():
        return {
            "late_reason": _(
                "The complaint was made more than 6 months after the events: "
                "say why it is accepted."
            )
        }
    return {}


def _consent_errors(*, on_behalf_of: str, consent_note: str) -> dict[str, str]:
    if on_behalf_of.strip() and not consent_note.strip():
        return {
            "consent_note": _("Record how the person the complaint is made for gave their consent.")
        }
    return {}


def _stage_errors(stage: int, *, stage2_reason: str) -> dict[str, str]:
    if stage not in Stage.values:
        return {"stage": _("Choose stage 1 or stage 2.")}
    if stage == Stage.TWO and not stage2_reason.strip():
        return {"stage2_reason": _("Say why the complaint goes straight to stage 2.")}
    return {}


def _complained_about_errors(
    case: Case, *, category: ComplaintCategory, officers: list[User], teams: list[Team]
) -> dict[str, str]:
    """A category in use, and staff and teams of the complaint's own service."""
    errors: dict[str, str] = {}
    if not category.is_active:
        errors["category"] = _("Choose a category in use.")
    if any(officer.service_id != case.service_id for officer in officers):
        errors["officers"] = _("Choose staff of the complaint's service.")
    if any(team.service_id != case.service_id for team in teams):
        errors["teams"] = _("Choose teams of the complaint's service.")
    return errors


@transaction.atomic
def complaint_record(
    *,
    case: Case,
    category: ComplaintCategory,
    events_on: date,
    actor: User,
    late_reason: str = "",
    on_behalf_of: str = "",
    consent_note: str = "",
    stage: int = Stage.ONE,
    stage2_reason: str = "",
    officers: Iterable[User] = (),
    teams: Iterable[Team] = (),
    now: datetime | None = None,
) -> Complaint:
    """Give a complaint case its complaint record and its stage's deadlines.

    A complaint about events more than 6 months old is accepted only with a reason; one made
    for someone else only with their consent; one that starts at stage 2 only with the reason
    it is serious enough."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    officers, teams = list(officers), list(teams)
    errors = {
        **_recordable_case_errors(case),
        **_timing_errors(case, events_on=events_on, late_reason=late_reason),
        **_consent_errors(on_behalf_of=on_behalf_of, consent_note=consent_note),
        **_stage_errors(stage, stage2_reason=stage2_reason),
        **_complained_about_errors(case, category=category, officers=officers, teams=teams),
    }
    if errors:
        raise ServiceError(errors)

    complaint = Complaint.objects.create(
        case=case,
        category=category,
        stage=stage,
        events_on=events_on,
        late_reason=late_reason.strip(),
        on_behalf_of=on_behalf_of.strip(),
        consent_note=consent_note.strip(),
        stage2_started_at=case.received_at if stage == Stage.TWO else None,
        stage2_reason=stage2_reason.strip(),
    )
    complaint.officers_complained_about.set(officers)
    complaint.teams_complained_about.set(teams)
    _add_stage_milestones(
        case=case, category=category, stage=Stage.ONE, starts_at=case.received_at, now=now
    )
    if stage == Stage.TWO:
        _add_stage_milestones(
            case=case, category=category, stage=Stage.TWO, starts_at=case.received_at, now=now
        )
    event_record(
        case=case,
        kind=EventKind.COMPLAINT_RECORDED,
        at=now,
        actor=actor,
        payload={"category": in_both_languages(lambda: category.name), "stage": stage},
    )
    return complaint


def _meet_open(case: Case, kinds: Iterable[str], *, actor: User, now: datetime) -> None:
    open_kinds = case.milestones.filter(
        kind__in=list(kinds), state__in=OPEN_MILESTONE_STATES
    ).values_list("kind", flat=True)
    for kind in list(open_kinds):
        milestone_meet(case=case, kind=kind, actor=actor, at=now, now=now)


@transaction.atomic
def complaint_escalate(
    *, complaint: Complaint, reason: str, actor: User, now: datetime | None = None
) -> Complaint:
    """Stage 1 is over and the complaint goes to formal investigation: stage 2's deadlines
    count from now. What stage 1 still owed is marked done (late if it was)."""
    now = now or timezone.now()
    complaint = _locked(complaint)
    _ensure_open(complaint)
    errors = {}
    if complaint.stage != Stage.ONE:
        errors["stage"] = _("The complaint is already at stage 2.")
    if not reason.strip():
        errors["reason"] = _("Say why the complaint goes to stage 2.")
    if errors:
        raise ServiceError(errors)
    case = complaint.case
    _meet_open(case, stages.STAGE_MILESTONES[Stage.ONE], actor=actor, now=now)
    _add_stage_milestones(
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
    complaint = _locked(complaint)
    _ensure_open(complaint)
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
    complaint = _locked(complaint)
    _ensure_open(complaint)
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
    complaint = _locked(complaint)
    _ensure_open(complaint)
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
    complaint = _locked(complaint)
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
    complaint = _locked(complaint)
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
