"""Recording a complaint: the case it comes from checked, its stage milestones set."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from common.errors import ServiceError
from contacts.models import Case, CaseKind, CaseStatus, EventKind
from contacts.timeline import event_record, in_both_languages

from ..domain import rules
from ..models import Complaint, ComplaintCategory, Stage
from .steps import stage_milestones_add


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
    stage_milestones_add(
        case=case, category=category, stage=Stage.ONE, starts_at=case.received_at, now=now
    )
    if stage == Stage.TWO:
        stage_milestones_add(
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
