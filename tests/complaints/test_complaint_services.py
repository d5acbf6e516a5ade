"""Recording a complaint, its stages, extensions and close."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from complaints.models import Complaint, Outcome
from complaints.services import (
    complaint_action_add,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_record,
    complaint_record,
)
from contacts.models import CaseStatus
from messaging.models import OutboundMessage
from tests.factories import UserFactory

from .conftest import RECEIVED

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def _milestones(case):
    return {m.kind: (m.due_at, m.state) for m in case.milestones.all()}


def _record(case, category, actor, **kwargs):
    kwargs.setdefault("events_on", date(2026, 2, 20))
    return complaint_record(case=case, category=category, actor=actor, now=NOW, **kwargs)


def test_recording_at_stage_1_keeps_the_ten_day_contact_milestone(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)

    assert complaint.stage == 1
    # Monday 2 March + 10 working days = Monday 16 March, 17:00 GMT.
    assert _milestones(complaint_case) == {
        "contact": (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "pending")
    }


def test_social_services_follow_their_statutory_timescales(
    complaint_case, social_category, complaints_officer
):
    _record(complaint_case, social_category, complaints_officer)

    # Acknowledge within 2 working days: Wednesday 4 March; resolution discussion within 10.
    assert _milestones(complaint_case) == {
        "acknowledge": (datetime(2026, 3, 4, 17, 0, tzinfo=UTC), "pending"),
        "contact": (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "pending"),
    }


def test_a_category_with_its_own_stage_1_timescale_retimes_the_milestone(
    complaint_case, waste_category, complaints_officer
):
    waste_category.stage1_days = 5
    waste_category.save()
    _record(complaint_case, waste_category, complaints_officer)
    # 3, 4, 5, 6, 9 March.
    assert _milestones(complaint_case)["contact"][0] == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)


def test_straight_to_stage_2_needs_a_reason(complaint_case, waste_category, complaints_officer):
    with pytest.raises(ValidationError) as error:
        _record(complaint_case, waste_category, complaints_officer, stage=2)
    assert error.value.message_dict == {
        "stage2_reason": ["Say why the complaint goes straight to stage 2."]
    }

    complaint = _record(
        complaint_case, waste_category, complaints_officer, stage=2, stage2_reason="Serious harm"
    )
    assert complaint.stage2_started_at == RECEIVED
    milestones = _milestones(complaint_case)
    # Acknowledge in 5 working days (9 March), full response in 20 (30 March, 17:00 BST).
    assert milestones["stage2_acknowledge"][0] == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    assert milestones["respond"][0] == datetime(2026, 3, 30, 16, 0, tzinfo=UTC)


def test_late_complaint_needs_a_reason_and_consent_is_recorded(
    complaint_case, waste_category, complaints_officer
):
    with pytest.raises(ValidationError) as error:
        _record(
            complaint_case,
            waste_category,
            complaints_officer,
            events_on=date(2025, 9, 1),
            on_behalf_of="Her father",
        )
    assert error.value.message_dict == {
        "late_reason": [
            "The complaint was made more than 6 months after the events: say why it is accepted."
        ],
        "consent_note": ["Record how the person the complaint is made for gave their consent."],
    }
    assert not Complaint.objects.exists()

    complaint = _record(
        complaint_case,
        waste_category,
        complaints_officer,
        events_on=date(2025, 9, 1),
        late_reason="In hospital until February",
        on_behalf_of="Her father",
        consent_note="Signed consent form received",
    )
    assert complaint.late_reason == "In hospital until February"


def test_events_after_receipt_and_a_second_record_are_refused(
    complaint_case, waste_category, complaints_officer
):
    with pytest.raises(ValidationError) as error:
        _record(complaint_case, waste_category, complaints_officer, events_on=date(2026, 3, 3))
    assert error.value.message_dict == {
        "events_on": ["The events cannot be after the complaint was received."]
    }
    _record(complaint_case, waste_category, complaints_officer)
    with pytest.raises(ValidationError) as error:
        _record(complaint_case, waste_category, complaints_officer)
    assert error.value.message_dict == {"case": ["This complaint has already been recorded."]}


def test_staff_complained_about_must_be_of_the_service(
    complaint_case, waste_category, complaints_officer
):
    stranger = UserFactory()  # another service's team
    with pytest.raises(ValidationError) as error:
        _record(complaint_case, waste_category, complaints_officer, officers=[stranger])
    assert error.value.message_dict == {"officers": ["Choose staff of the complaint's service."]}


def test_escalation_meets_stage_1_and_starts_stage_2_now(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    escalated_at = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)

    complaint_escalate(
        complaint=complaint,
        reason="Unhappy with the reply",
        actor=complaints_officer,
        now=escalated_at,
    )

    complaint.refresh_from_db()
    assert (complaint.stage, complaint.stage2_started_at) == (2, escalated_at)
    assert _milestones(complaint_case) == {
        "contact": (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "met"),
        # From Tuesday 10 March: 5 working days = Tuesday 17 March. 20: 11–13 March are days
        # 1–3, 16–20 days 4–8, 23–27 days 9–13, 30 March–2 April days 14–17; Good Friday
        # (3 April) and Easter Monday (6 April) are bank holidays; 7, 8, 9 April are days
        # 18–20: Thursday 9 April, 17:00 BST.
        "stage2_acknowledge": (datetime(2026, 3, 17, 17, 0, tzinfo=UTC), "pending"),
        "respond": (datetime(2026, 4, 9, 16, 0, tzinfo=UTC), "pending"),
    }
    with pytest.raises(ValidationError) as error:
        complaint_escalate(
            complaint=complaint, reason="Again", actor=complaints_officer, now=escalated_at
        )
    assert error.value.message_dict == {"stage": ["The complaint is already at stage 2."]}


def test_extension_before_the_old_date_tells_the_complainant(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)

    milestone = complaint_extend(
        complaint=complaint,
        new_due_on=date(2026, 3, 23),
        reason="Waiting for the crew's report",
        actor=complaints_officer,
        now=datetime(2026, 3, 12, 9, 0, tzinfo=UTC),
    )

    assert milestone.due_at == datetime(2026, 3, 23, 17, 0, tzinfo=UTC)
    assert milestone.original_due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    notice = OutboundMessage.objects.get(case=complaint_case, purpose="extension")
    assert notice.language == "cy"
    assert "Waiting for the crew's report" in notice.body


def test_no_extension_once_the_old_date_has_passed(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    with pytest.raises(ValidationError) as error:
        complaint_extend(
            complaint=complaint,
            new_due_on=date(2026, 3, 23),
            reason="Too late",
            actor=complaints_officer,
            now=datetime(2026, 3, 16, 17, 0, tzinfo=UTC),
        )
    assert error.value.message_dict == {
        "new_due_on": [
            "The date given to the complainant has passed: an extension must be agreed and "
            "told before it."
        ]
    }


@pytest.mark.parametrize(
    ("new_due_on", "message"),
    [
        (date(2026, 3, 21), "Choose a working day."),  # a Saturday
        (date(2026, 3, 16), "Choose a date after the current due date."),
    ],
)
def test_extension_dates_are_checked(
    complaint_case, waste_category, complaints_officer, new_due_on, message
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    with pytest.raises(ValidationError) as error:
        complaint_extend(
            complaint=complaint,
            new_due_on=new_due_on,
            reason="Because",
            actor=complaints_officer,
            now=NOW,
        )
    assert error.value.message_dict == {"new_due_on": [message]}


def test_close_with_outcome_sends_the_final_response_with_the_ombudsman_right(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    closed_at = datetime(2026, 3, 13, 15, 0, tzinfo=UTC)

    complaint_close(
        complaint=complaint,
        outcome=Outcome.PARTLY_UPHELD,
        final_response="Mae'n ddrwg gennym na chasglwyd eich bin.",
        remedy="Apology and assisted collection",
        lessons_learned="Crew briefing on assisted collections",
        actor=complaints_officer,
        now=closed_at,
    )

    complaint.refresh_from_db()
    complaint_case.refresh_from_db()
    assert (complaint.outcome, complaint.outcome_at, complaint.closure_band) == (
        "partly_upheld",
        closed_at,
        "within_20",
    )
    assert complaint_case.status == CaseStatus.CLOSED
    letter = OutboundMessage.objects.get(case=complaint_case, purpose="resolution")
    assert letter.language == "cy"
    assert "Ombwdsmon Gwasanaethau Cyhoeddus Cymru" in letter.body
    assert "Mae'n ddrwg gennym na chasglwyd eich bin." in letter.body
    assert _milestones(complaint_case)["contact"][1] == "met"

    with pytest.raises(ValidationError) as error:
        complaint_close(
            complaint=complaint,
            outcome=Outcome.UPHELD,
            final_response="x",
            actor=complaints_officer,
            now=closed_at,
        )
    assert error.value.message_dict == {"outcome": ["The complaint is already closed."]}


def test_close_needs_an_outcome_and_a_final_response_unless_withdrawn(
    complaint_case, waste_category, complaints_officer
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    with pytest.raises(ValidationError) as error:
        complaint_close(complaint=complaint, outcome="nonsense", actor=complaints_officer, now=NOW)
    assert error.value.message_dict == {"outcome": ["Choose the outcome."]}
    with pytest.raises(ValidationError) as error:
        complaint_close(complaint=complaint, outcome="upheld", actor=complaints_officer, now=NOW)
    assert error.value.message_dict == {
        "final_response": ["Write the final response to the complainant."]
    }
    complaint_close(complaint=complaint, outcome="withdrawn", actor=complaints_officer, now=NOW)
    assert not OutboundMessage.objects.filter(purpose="resolution").exists()


def test_follow_up_actions_and_the_ombudsman(
    complaint_case, waste_category, complaints_officer, advisor
):
    complaint = _record(complaint_case, waste_category, complaints_officer)
    action = complaint_action_add(
        complaint=complaint,
        description="Brief the crews",
        owner=advisor,
        due_on=date(2026, 4, 1),
        actor=complaints_officer,
        now=NOW,
    )
    assert (action.owner, action.due_on) == (advisor, date(2026, 4, 1))

    with pytest.raises(ValidationError) as error:
        complaint_ombudsman_record(
            complaint=complaint,
            actor=complaints_officer,
            referred_on=date(2026, 3, 5),
            outcome="upheld",
            now=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
        )
    assert error.value.message_dict == {
        "decided_on": ["Give the date of the Ombudsman's decision."]
    }
    complaint_ombudsman_record(
        complaint=complaint,
        actor=complaints_officer,
        referred_on=date(2026, 3, 5),
        reference="202600123",
        outcome="not_upheld",
        decided_on=date(2026, 3, 19),
        now=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
    )
    complaint.refresh_from_db()
    assert (complaint.ombudsman_referred_on, complaint.ombudsman_outcome) == (
        date(2026, 3, 5),
        "not_upheld",
    )
