"""What the staff pages show of cases: SLA tags, the next deadline and the time left, in words.

No queries: everything here works on cases whose milestones are already loaded (the selectors
prefetch them), so a page costs the same whatever it lists.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from standards.domain.calendar import WorkingCalendar
from standards.models import MilestoneKind

from .domain.sla import worst_state
from .domain.time_left import TimeLeft, Unit, time_left
from .models import Case, Milestone, MilestoneState


@dataclass(frozen=True)
class Tag:
    label: str
    colour: str  # a GOV.UK tag colour modifier


#: The tag a case (or a milestone) shows for its SLA state. An open milestone with time in hand
#: is "on track": "pending" is the database's word, not the advisor's.
SLA_TAGS = {
    MilestoneState.BREACHED: (MilestoneState.BREACHED.label, "red"),
    MilestoneState.DUE_SOON: (MilestoneState.DUE_SOON.label, "yellow"),
    MilestoneState.PENDING: (gettext_lazy("On track"), "turquoise"),
    MilestoneState.MET_LATE: (MilestoneState.MET_LATE.label, "orange"),
    MilestoneState.MET: (MilestoneState.MET.label, "green"),
}


def sla_tag(state: str | None) -> Tag | None:
    if state not in SLA_TAGS:
        return None
    label, colour = SLA_TAGS[state]
    return Tag(label=str(label), colour=colour)


def case_sla_tag(milestones: Iterable[Milestone]) -> Tag | None:
    """The tag of the case's most urgent milestone."""
    return sla_tag(worst_state(m.state for m in milestones))


def milestone_label(kind: str) -> str:
    """The milestone's name ("Respond", "Call back"), or its code if the catalogue has a kind
    this release does not know yet."""
    return str(MilestoneKind(kind).label) if kind in MilestoneKind.values else kind


def time_left_text(left: TimeLeft) -> str:
    if left.amount == 0 and not left.overdue:
        return _("Due now")
    count = {"count": left.amount}
    if left.overdue:
        if left.unit is Unit.WORKING_DAYS:
            text = ngettext(
                "Overdue by %(count)s working day", "Overdue by %(count)s working days", left.amount
            )
        elif left.unit is Unit.HOURS:
            text = ngettext("Overdue by %(count)s hour", "Overdue by %(count)s hours", left.amount)
        else:
            text = ngettext(
                "Overdue by %(count)s minute", "Overdue by %(count)s minutes", left.amount
            )
    elif left.unit is Unit.WORKING_DAYS:
        text = ngettext("%(count)s working day", "%(count)s working days", left.amount)
    elif left.unit is Unit.HOURS:
        text = ngettext("%(count)s hour", "%(count)s hours", left.amount)
    else:
        text = ngettext("%(count)s minute", "%(count)s minutes", left.amount)
    return text % count


def next_due_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    """The open milestone due first: the one the advisor has to act on next."""
    due = [m for m in milestones if m.is_open and m.due_at is not None]
    return min(due, key=lambda m: (m.due_at, m.pk)) if due else None


@dataclass(frozen=True)
class QueueRow:
    case: Case
    tag: Tag | None
    next_milestone: str | None  # its label
    next_due_at: datetime | None
    time_left: str | None
    overdue: bool


def queue_rows(
    *, cases: Iterable[Case], now: datetime, calendar: WorkingCalendar
) -> list[QueueRow]:
    rows = []
    for case in cases:
        milestones = list(case.milestones.all())
        upcoming = next_due_milestone(milestones)
        left = time_left(due_at=upcoming.due_at, now=now, calendar=calendar) if upcoming else None
        rows.append(
            QueueRow(
                case=case,
                tag=case_sla_tag(milestones),
                next_milestone=milestone_label(upcoming.kind) if upcoming else None,
                next_due_at=upcoming.due_at if upcoming else None,
                time_left=time_left_text(left) if left else None,
                overdue=bool(left and left.overdue),
            )
        )
    return rows


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    label: str
    description: str
    tag: Tag | None
    time_left: str | None


def milestone_rows(
    *, milestones: Iterable[Milestone], now: datetime, calendar: WorkingCalendar
) -> list[MilestoneRow]:
    """A case's milestones as its summary page lists them, with the time left on open ones."""
    rows = []
    for milestone in milestones:
        left = None
        if milestone.is_open and milestone.due_at is not None:
            left = time_left_text(time_left(due_at=milestone.due_at, now=now, calendar=calendar))
        rows.append(
            MilestoneRow(
                milestone=milestone,
                label=milestone_label(milestone.kind),
                description=milestone.target.description,
                tag=sla_tag(milestone.state),
                time_left=left,
            )
        )
    return rows
