"""Steps every write to a complaint shares: its row locked, its state checked, its stage
milestones added or met through the one milestone writer."""

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.models import OPEN_MILESTONE_STATES, Case
from contacts.services import (
    milestone_meet,
    milestone_writer,
)
from standards.selectors import working_calendar

from .. import milestones as stages
from ..models import Complaint, ComplaintCategory


def complaint_locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("case", "category")
        .get(pk=complaint.pk)
    )


def ensure_open(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise ServiceError({"outcome": _("The complaint is already closed.")})


def stage_milestones_add(
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


def open_milestones_meet(case: Case, kinds: Iterable[str], *, actor: User, now: datetime) -> None:
    open_kinds = case.milestones.filter(
        kind__in=list(kinds), state__in=OPEN_MILESTONE_STATES
    ).values_list("kind", flat=True)
    for kind in list(open_kinds):
        milestone_meet(case=case, kind=kind, actor=actor, at=now, now=now)
