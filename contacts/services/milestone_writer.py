"""The one writer of milestones: every row of ``Milestone`` is created or changed here.

It keeps a milestone's ``state``, ``state_changed_at``, ``due_soon_at`` and ``revision`` right
and writes the timeline event that goes with each change, on one pure rule
(``contacts/domain/milestone_state.py``):

- a new milestone starts *pending*, whatever the time: the SLA sweep announces where it stands
  (the due-soon or breach event, and the alerts);
- met: *met* or *met late* by ``state_when_met``;
- a new due time (an extension, a re-time to a new rule or amount, a closure day moving it):
  the state ``state_at`` the new times, the state's change time, and ``revision + 1`` so that
  alerts about the new deadline are owed afresh (the alert key holds the revision); one that
  becomes due soon or breached by it is announced as the sweep would announce it (the event
  and the alerts), since the sweep only announces the moves it makes itself;
- the sweep: the two set-based UPDATEs move open milestones forward exactly as
  ``swept_state`` says.

The queues' ``Case.next_due_at`` follows every write here by the database's triggers
(docs/adr/0010).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case as Conditional
from django.db.models import F, QuerySet, Value, When
from django.db.models.functions import Greatest

from accounts.models import User
from common.bulk import rows_update
from standards.domain.deadlines import Deadline
from standards.models import Target

from .. import hooks
from ..domain.milestone_state import State, next_due, state_at, state_when_met
from ..event_payloads import time_value
from ..models import AlertTransition, Case, EventKind, Milestone
from ..timeline import event_build, event_record, events_record, events_record_for_milestones
from ..timeline_sql import update_returning_ids


@dataclass(frozen=True)
class Timing:
    """When a milestone counts from and is due, by which rule."""

    rule: str
    starts_at: datetime
    deadline: Deadline


def milestone_build(*, target: Target, timing: Timing, kind: str | None = None) -> Milestone:
    """A new milestone for ``target`` (not saved: ``milestones_create`` stores it)."""
    return Milestone(
        target=target,
        kind=kind or target.milestone,
        rule=timing.rule,
        starts_at=timing.starts_at,
        due_at=timing.deadline.due_at,
        due_soon_at=timing.deadline.due_soon_at,
        state=State.PENDING,
    )


def milestones_create(*, case: Case, milestones: Sequence[Milestone]) -> list[Milestone]:
    """Store new milestones of ``case``, pending (one INSERT)."""
    return Milestone.objects.bulk_create(milestones_for_new_case(case, milestones))


def milestones_for_new_case(case: Case, milestones: Sequence[Milestone]) -> list[Milestone]:
    """``milestones`` as new milestones of ``case``, pending, ready to store (``case_create``
    stores them with the case, in one statement).

    The case is given the next deadline the database's trigger would set once the milestones
    are in: stored with it, the trigger finds nothing to change, and the new case's row is not
    written a second time with every index of the table (docs/adr/0037). The trigger still
    decides; a value that disagreed would only cost that second write."""
    for milestone in milestones:
        milestone.case = case
        milestone.state = State.PENDING
    case.next_due_at = next_due((milestone.state, milestone.due_at) for milestone in milestones)
    return list(milestones)


def milestones_meet(
    milestones: Sequence[Milestone],
    *,
    at: datetime | Mapping[int, datetime],
    actor: User | None = None,
) -> list[Milestone]:
    """The open ``milestones`` were met ``at`` (or at the time given for each one's case), on
    time or late; one "milestone met" event each. A few statements however many."""
    met_at = {
        milestone.pk: at if isinstance(at, datetime) else at[milestone.case_id]
        for milestone in milestones
    }
    for milestone in milestones:
        milestone.state = state_when_met(due_at=milestone.due_at, met_at=met_at[milestone.pk])
        milestone.met_at = met_at[milestone.pk]
        milestone.state_changed_at = met_at[milestone.pk]
    rows_update(milestones, ["state", "met_at", "state_changed_at"])
    events_record(
        event_build(
            case=milestone.case_id,
            kind=EventKind.MILESTONE_MET,
            at=met_at[milestone.pk],
            actor=actor,
            milestone=milestone,
            payload={"state": milestone.state},
        )
        for milestone in milestones
    )
    return list(milestones)


#: What the sweep says when a milestone becomes due soon or breached, and what a writer says
#: when a new deadline puts it there straight away.
ANNOUNCEMENTS = {
    State.DUE_SOON: (EventKind.MILESTONE_DUE_SOON, AlertTransition.DUE_SOON),
    State.BREACHED: (EventKind.MILESTONE_BREACHED, AlertTransition.BREACHED),
}


def _announce(ids: Sequence[int], state: str, *, now: datetime) -> None:
    """The event and the alerts of milestones ``ids`` that have just come into ``state``."""
    if ids and state in ANNOUNCEMENTS:
        kind, transition = ANNOUNCEMENTS[State(state)]
        events_record_for_milestones(ids, kind=kind, now=now)
        hooks.sla_alerts_owed(milestone_ids=ids, transition=transition, now=now)


def _announce_one(milestone: Milestone, before: str, *, now: datetime) -> None:
    if milestone.state != before:
        _announce([milestone.pk], milestone.state, now=now)


def _retimed(milestone: Milestone, deadline: Deadline, now: datetime) -> list[str]:
    milestone.due_at = deadline.due_at
    milestone.due_soon_at = deadline.due_soon_at
    milestone.state = state_at(due_at=deadline.due_at, due_soon_at=deadline.due_soon_at, now=now)
    milestone.state_changed_at = now
    milestone.revision += 1
    return ["due_at", "due_soon_at", "state", "state_changed_at", "revision"]


def milestone_deadline_extend(
    milestone: Milestone, *, deadline: Deadline, reason: str, actor: User | None, now: datetime
) -> Milestone:
    """A later deadline for an open milestone, with the reason ("extended" event). The first
    due time is kept as ``original_due_at``."""
    previous, before = milestone.due_at, milestone.state
    milestone.original_due_at = milestone.original_due_at or previous
    milestone.extended_at = now
    milestone.extension_reason = reason
    fields = _retimed(milestone, deadline, now)
    milestone.save(update_fields=[*fields, "original_due_at", "extended_at", "extension_reason"])
    payload = {"due_at": time_value(deadline.due_at)} if deadline.due_at else {}
    if previous is not None:
        payload["previous_due_at"] = time_value(previous)
    event_record(
        case=milestone.case_id,
        kind=EventKind.EXTENDED,
        at=now,
        actor=actor,
        milestone=milestone,
        payload=payload,
        text=reason,
    )
    _announce_one(milestone, before, now=now)
    return milestone


def milestone_retime(milestone: Milestone, *, timing: Timing, now: datetime) -> Milestone:
    """An open milestone counted anew (a callback agreed for another time, a complaint's
    stage timed by its category). The caller writes the event that says why."""
    before = milestone.state
    milestone.rule = timing.rule
    milestone.starts_at = timing.starts_at
    fields = _retimed(milestone, timing.deadline, now)
    milestone.save(update_fields=[*fields, "rule", "starts_at"])
    _announce_one(milestone, before, now=now)
    return milestone


def milestones_move(
    milestones: QuerySet[Milestone], *, due_at: datetime, due_soon_at: datetime, now: datetime
) -> list[int]:
    """Move open ``milestones`` (all due at the same time) to ``due_at`` with one UPDATE, each
    due soon from ``due_soon_at`` but not before it started ("deadline moved" events, by
    INSERT ... SELECT). Returns the ids moved.

    The state is ``state_at`` the new times, per row: a row that starts after ``now`` has its
    due-soon time (its start) still ahead of it."""
    before = dict(milestones.values_list("id", "state"))
    ids = list(before)
    if not ids:
        return []
    Milestone.objects.filter(id__in=ids).update(
        due_at=due_at,
        due_soon_at=Greatest(F("starts_at"), Value(due_soon_at)),
        revision=F("revision") + 1,
        state_changed_at=now,
        state=Conditional(
            When(
                starts_at__lte=now,
                then=Value(state_at(due_at=due_at, due_soon_at=due_soon_at, now=now)),
            ),
            default=Value(state_at(due_at=due_at, due_soon_at=None, now=now)),
        ),
    )
    events_record_for_milestones(ids, kind=EventKind.DEADLINE_MOVED, now=now)
    came_into: dict[str, list[int]] = {}
    now_in = Milestone.objects.filter(id__in=ids, state__in=list(ANNOUNCEMENTS))
    for pk, state in now_in.values_list("id", "state"):
        if state != before[pk]:
            came_into.setdefault(state, []).append(pk)
    for state, moved in came_into.items():
        _announce(moved, state, now=now)
    return ids


# The state values are literals, not parameters, so that the planner matches each WHERE clause
# to its partial index (milestone_open_due, milestone_pending_due_soon). They are what
# ``swept_state`` says: open milestones whose due time has come are breached; pending ones
# whose due-soon time has come are due soon.
BREACH_WHERE = "state IN ('pending', 'due_soon') AND due_at <= %s"
# Run after the breach UPDATE: every pending row left whose due-soon time has come is not yet
# due, and this shape reads the due-soon index alone.
DUE_SOON_WHERE = "state = 'pending' AND due_soon_at <= %s"


def milestones_sweep(*, now: datetime) -> tuple[list[int], list[int]]:
    """The SLA sweep's transitions: two indexed ``UPDATE ... RETURNING id``, one timeline
    event per moved milestone and the alerts owed to staff (``hooks.sla_alerts_owed``), each a
    statement however many moved. Returns the ids (breached, due soon). Call it in a
    transaction."""
    breached = update_returning_ids(
        f"state = '{State.BREACHED}', state_changed_at = %s", [now], BREACH_WHERE, [now]
    )
    due_soon = update_returning_ids(
        f"state = '{State.DUE_SOON}', state_changed_at = %s", [now], DUE_SOON_WHERE, [now]
    )
    _announce(breached, State.BREACHED, now=now)
    _announce(due_soon, State.DUE_SOON, now=now)
    return breached, due_soon
