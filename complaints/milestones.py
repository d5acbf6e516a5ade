"""The milestones of a complaint's stages: real case milestones, so the SLA sweep, the queues
and the dashboards see them like any other deadline.

Stage 1's resolution is the catalogue's own "make contact within 10 working days" milestone of
the complaint standard (kind ``contact``), re-timed to the category's timescale. The other
stage deadlines hang on targets of two non-selectable standards the complaints migration adds
(``COMPLAINT_STAGE_1``, ``COMPLAINT_STAGE_2``): a milestone needs a target, and their wording
is what administrators edit. Stage 2's acknowledgement has its own kind because a case has one
milestone per kind and a social-services complaint already had a stage 1 acknowledgement.
"""

from datetime import datetime

from contacts.services import threshold_of
from contacts.services.milestone_writer import Timing
from standards.domain.calendar import WorkingCalendar
from standards.domain.deadlines import Rule, compute_deadline
from standards.milestone_kinds import (
    ACKNOWLEDGE,
    COMPLAINT_STAGE_1,
    COMPLAINT_STAGE_2,
    CONTACT,
    RESPOND,
    STAGE1_ACKNOWLEDGE,
    STAGE1_RESOLVE,
    STAGE2_ACKNOWLEDGE,
    STAGE2_RESPOND,
)
from standards.models import Target

from .models import ComplaintCategory, Stage

COMPLAINT_STANDARD = "COMPLAINT"
STAGE1_STANDARD = "COMPLAINT_STAGE_1"
STAGE2_STANDARD = "COMPLAINT_STAGE_2"

STAGE_MILESTONES = {
    Stage.ONE: COMPLAINT_STAGE_1,
    Stage.TWO: COMPLAINT_STAGE_2,
}
#: The milestone an extension of each stage moves: the response the complainant was promised.
RESPONSE_MILESTONE = {Stage.ONE: STAGE1_RESOLVE, Stage.TWO: STAGE2_RESPOND}


def stage_days(category: ComplaintCategory, stage: int) -> dict[str, int]:
    """Working days allowed for each milestone of ``stage`` under ``category``."""
    if stage == Stage.ONE:
        days = {STAGE1_RESOLVE: category.stage1_days}
        if category.stage1_acknowledge_days:
            days[STAGE1_ACKNOWLEDGE] = category.stage1_acknowledge_days
        return days
    return {
        STAGE2_ACKNOWLEDGE: category.stage2_acknowledge_days,
        STAGE2_RESPOND: category.stage2_days,
    }


def stage_targets(stage: int) -> dict[str, Target]:
    """The targets the stage's new milestones hang on, by milestone kind."""
    if stage == Stage.ONE:
        # A complaint case normally has its stage 1 resolution from the complaint standard
        # already; one logged under another standard gets it here.
        kinds = {
            (STAGE1_STANDARD, ACKNOWLEDGE): STAGE1_ACKNOWLEDGE,
            (COMPLAINT_STANDARD, CONTACT): STAGE1_RESOLVE,
        }
    else:
        kinds = {
            (STAGE2_STANDARD, ACKNOWLEDGE): STAGE2_ACKNOWLEDGE,
            (STAGE2_STANDARD, RESPOND): STAGE2_RESPOND,
        }
    targets = Target.objects.select_related("standard").filter(
        standard__code__in={code for code, _milestone in kinds}
    )
    return {
        kinds[(target.standard.code, target.milestone)]: target
        for target in targets
        if (target.standard.code, target.milestone) in kinds
    }


def stage_timing(
    target: Target, *, days: int, starts_at: datetime, calendar: WorkingCalendar
) -> Timing:
    """Due ``days`` working days after ``starts_at``, due soon as ``target`` says."""
    deadline = compute_deadline(
        Rule.WORKING_DAYS,
        days,
        received_at=starts_at,
        calendar=calendar,
        threshold=threshold_of(target),
    )
    return Timing(rule=Rule.WORKING_DAYS, starts_at=starts_at, deadline=deadline)
