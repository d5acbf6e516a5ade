"""What staff do to a case: each action marks the milestones it satisfies and moves the status
along the lifecycle, recording it all on the timeline."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Case, CaseEvent, Milestone
from contacts.services import (
    case_acknowledge,
    case_add_note,
    case_close,
    case_reopen,
    case_resolve,
    case_respond,
    milestone_extend,
    milestone_meet,
)
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def milestone_states(case: Case) -> dict[str, tuple]:
    return {m.kind: (m.state, m.met_at) for m in Milestone.objects.filter(case=case)}


def test_acknowledging_on_time_meets_the_acknowledgement(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)

    case = case_acknowledge(
        case=case, actor=advisor, at=utc(2026, 3, 3, 10, 0), now=utc(2026, 3, 3, 12, 0)
    )

    assert case.status == "acknowledged"
    assert milestone_states(case) == {
        "acknowledge": ("met", utc(2026, 3, 3, 10, 0)),
        "respond": ("pending", None),
    }


def test_acknowledging_a_second_late_is_met_late(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)

    case_acknowledge(
        case=case, actor=advisor, at=utc(2026, 3, 3, 10, 0, 1), now=utc(2026, 3, 3, 12, 0)
    )

    assert milestone_states(case)["acknowledge"] == ("met_late", utc(2026, 3, 3, 10, 0, 1))


def test_responding_also_meets_an_acknowledgement_still_owed(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)

    case = case_respond(
        case=case, actor=advisor, at=utc(2026, 3, 5, 9, 0), now=utc(2026, 3, 5, 9, 0)
    )

    assert case.status == "in_progress"
    assert milestone_states(case) == {
        "acknowledge": ("met_late", utc(2026, 3, 5, 9, 0)),
        "respond": ("met", utc(2026, 3, 5, 9, 0)),
    }


def test_resolving_meets_everything_still_open_and_records_the_note(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)

    case = case_resolve(case=case, actor=advisor, note="Bin collected", now=utc(2026, 3, 2, 11, 0))

    assert (case.status, case.resolved_at) == ("resolved", utc(2026, 3, 2, 11, 0))
    assert {state for state, _ in milestone_states(case).values()} == {"met"}
    assert CaseEvent.objects.filter(case=case, kind="status_changed").values_list(
        "payload", "text"
    ).get() == ({"from": "new", "to": "resolved"}, "Bin collected")


def test_reopening_costs_right_first_time(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)
    case_resolve(case=case, actor=advisor, now=utc(2026, 3, 2, 11, 0))
    case_close(case=case, actor=advisor, now=utc(2026, 3, 3, 11, 0))

    case = case_reopen(
        case=case, actor=advisor, reason="Bin missed again", now=utc(2026, 3, 4, 11, 0)
    )

    assert (case.status, case.reopened_count, case.right_first_time) == ("in_progress", 1, False)
    assert (case.resolved_at, case.closed_at) == (None, None)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (
            lambda case, who: case_reopen(case=case, actor=who, reason="x", now=utc(2026, 3, 3)),
            {"status": ["Only a resolved or closed case can be reopened."]},
        ),
        (
            lambda case, who: case_reopen(case=case, actor=who, reason=" ", now=utc(2026, 3, 3)),
            {"reason": ["Say why the case is being reopened."]},
        ),
        (
            lambda case, who: case_close(case=case, actor=who, now=utc(2026, 3, 3)),
            {"status": ["A case that is New cannot become Closed."]},
        ),
        (
            lambda case, who: case_acknowledge(
                case=case, actor=who, at=utc(2026, 3, 2, 9), now=utc(2026, 3, 3)
            ),
            {"at": ["The time cannot be before the case was received."]},
        ),
        (
            lambda case, who: case_acknowledge(
                case=case, actor=who, at=utc(2026, 3, 4), now=utc(2026, 3, 3)
            ),
            {"at": ["The time cannot be in the future."]},
        ),
        (
            lambda case, who: milestone_meet(
                case=case, kind="callback", actor=who, now=utc(2026, 3, 3)
            ),
            {"milestone": ["This case has no such milestone."]},
        ),
        (
            lambda case, who: case_add_note(case=case, actor=who, text="  "),
            {"text": ["Write the note."]},
        ),
    ],
    ids=[
        "reopen-new",
        "reopen-no-reason",
        "close-new",
        "ack-before-receipt",
        "ack-future",
        "meet-missing",
        "empty-note",
    ],
)
def test_invalid_actions_are_refused_and_change_nothing(service, advisor, action, expected):
    case = make_case(service=service, received_at=RECEIVED)
    before = (CaseEvent.objects.count(), milestone_states(case))

    with pytest.raises(ValidationError) as caught:
        action(case, advisor)

    assert caught.value.message_dict == expected
    case.refresh_from_db()
    assert case.status == "new"
    assert (CaseEvent.objects.count(), milestone_states(case)) == before


def test_acting_on_a_resolved_case_needs_it_reopened(service, advisor):
    case = make_case(service=service, received_at=RECEIVED)
    case_resolve(case=case, actor=advisor, now=utc(2026, 3, 2, 11))

    with pytest.raises(ValidationError) as caught:
        case_acknowledge(case=case, actor=advisor, now=utc(2026, 3, 2, 12))

    assert caught.value.message_dict == {"status": ["The case is Resolved; reopen it first."]}


def test_a_callback_made_meets_the_callback_milestone(service, advisor):
    case = make_case(
        service=service,
        channel="phone",
        received_at=RECEIVED,
        details={
            "contact_type": "callback",
            "caller_number": "01745 123456",
            "callback_at": "2026-03-02T14:00:00Z",
        },
    )

    milestone = milestone_meet(
        case=case,
        kind="callback",
        actor=advisor,
        at=utc(2026, 3, 2, 14, 2),
        now=utc(2026, 3, 2, 15),
    )

    assert (milestone.state, milestone.met_at) == ("met_late", utc(2026, 3, 2, 14, 2))


class TestExtension:
    def test_an_extension_sets_the_new_due_time_and_keeps_the_original(self, service, advisor):
        case = make_case(service=service, received_at=RECEIVED)

        milestone = milestone_extend(
            case=case,
            kind="respond",
            new_due_at=utc(2026, 3, 20, 17),
            reason="Awaiting the contractor's report",
            actor=advisor,
            now=utc(2026, 3, 10, 9),
        )

        assert (milestone.due_at, milestone.original_due_at) == (
            utc(2026, 3, 20, 17),
            utc(2026, 3, 16, 17),
        )
        # One working day before Friday 20 March: Thursday 19 March, 17:00.
        assert milestone.due_soon_at == utc(2026, 3, 19, 17)
        assert (milestone.state, milestone.extension_reason, milestone.revision) == (
            "pending",
            "Awaiting the contractor's report",
            1,
        )
        assert CaseEvent.objects.filter(case=case, kind="extended").values_list(
            "milestone__kind", "text"
        ).get() == ("respond", "Awaiting the contractor's report")

    @pytest.mark.parametrize(
        ("kind", "new_due", "reason", "expected"),
        [
            (
                "respond",
                utc(2026, 3, 20, 17),
                "",
                {"reason": ["Give the reason for the extension."]},
            ),
            (
                "respond",
                utc(2026, 3, 16, 17),
                "x",
                {"due_at": ["The new due time must be later than the current one and than now."]},
            ),
            (
                "respond",
                datetime(2026, 3, 20, 17),
                "x",
                {"due_at": ["Give the time with its UTC offset."]},
            ),
            (
                "callback",
                utc(2026, 3, 20, 17),
                "x",
                {"milestone": ["This case has no such milestone."]},
            ),
        ],
        ids=["no-reason", "not-later", "naive", "no-such-milestone"],
    )
    def test_bad_extensions_are_refused(self, service, advisor, kind, new_due, reason, expected):
        case = make_case(service=service, received_at=RECEIVED)

        with pytest.raises(ValidationError) as caught:
            milestone_extend(
                case=case,
                kind=kind,
                new_due_at=new_due,
                reason=reason,
                actor=advisor,
                now=utc(2026, 3, 10, 9),
            )

        assert caught.value.message_dict == expected
        assert Milestone.objects.get(case=case, kind="respond").due_at == utc(2026, 3, 16, 17)

    def test_a_met_milestone_cannot_be_extended(self, service, advisor):
        case = make_case(service=service, received_at=RECEIVED)
        case_respond(case=case, actor=advisor, now=utc(2026, 3, 3, 9))

        with pytest.raises(ValidationError) as caught:
            milestone_extend(
                case=case,
                kind="respond",
                new_due_at=utc(2026, 3, 20, 17),
                reason="x",
                actor=advisor,
                now=utc(2026, 3, 10, 9),
            )

        assert caught.value.message_dict == {
            "milestone": ["A milestone that has been met cannot be extended."]
        }
