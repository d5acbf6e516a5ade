"""Running late for an appointment or officer visit, and cancelling and re-booking it
(SPEC §10): what is recorded, what moves, what the customer is told in their language, and
every refusal changing nothing.

Tuesday 8 December 2026 is GMT, so the local times below are the UTC ones. The appointment is
at 10:30; "now" is 10:20 unless a test says otherwise.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from contacts.event_payloads import time_value
from contacts.models import Case, CaseEvent, Customer, EventKind, Milestone, Visit
from contacts.presenters import timeline_items
from contacts.reception import reception_day
from contacts.services import case_resolve
from contacts.services.appointments import appointment_rebook, appointment_running_late
from messaging.delivery import messages_deliver
from messaging.models import OutboundMessage, Purpose
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0, day: int = 8) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


BOOKED = at(10, 30)
NOW = at(10, 20)
NEW_TIME = at(14, day=10)


def customer(**kwargs) -> Customer:
    values = {
        "name": "Gwen Morgan",
        "email": "gwen@example.com",
        "preferred_language": "cy",
        "preferred_contact_method": "email",
    }
    return Customer(**(values | kwargs))


def booked(service, contact_type="appointment", **kwargs) -> Case:
    return make_case(
        service=service,
        channel="visit",
        details={"contact_type": contact_type, "scheduled_at": BOOKED.isoformat()},
        received_at=at(9, day=1),
        customer=kwargs.pop("customer", None) or customer(),
        **kwargs,
    )


@pytest.fixture
def appointment(service):
    return booked(service)


def late(case, advisor, minutes=20, reason="The previous visitor needed more time", now=NOW):
    return appointment_running_late(
        case=case, minutes=minutes, reason=reason, actor=advisor, now=now
    )


def rebook(case, advisor, when=NEW_TIME, reason="The officer is ill", now=NOW):
    return appointment_rebook(case=case, at=when, reason=reason, actor=advisor, now=now)


def snapshot(case):
    return (
        list(
            Milestone.objects.filter(case=case).values_list(
                "pk", "kind", "starts_at", "due_at", "state", "revision"
            )
        ),
        Case.objects.get(pk=case.pk).channel_details,
        CaseEvent.objects.filter(case=case).count(),
        OutboundMessage.objects.filter(case=case).count(),
    )


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# --- Running late ------------------------------------------------------------------------


def test_running_late_is_recorded_and_the_welsh_customer_told_how_long_why_and_when(
    appointment, advisor
):
    before = snapshot(appointment)

    change = late(appointment, advisor)

    assert change.told is True
    event = change.event
    assert (event.kind, event.actor, event.text) == (
        EventKind.RUNNING_LATE,
        advisor,
        "The previous visitor needed more time",
    )
    assert event.payload == {
        "minutes": 20,
        "booked_at": "2026-12-08T10:30Z",
        "expected_at": "2026-12-08T10:50Z",
    }
    # The promise is unchanged: the visitor is told, and a late start is still met late.
    assert snapshot(appointment)[0] == before[0]
    (notice,) = OutboundMessage.objects.filter(case=appointment)
    assert (notice.purpose, notice.method, notice.language, notice.recipient) == (
        Purpose.RUNNING_LATE,
        "email",
        "cy",
        "gwen@example.com",
    )
    assert notice.key == f"event:{event.pk}:running_late"
    assert (
        notice.subject
        == f"Rydym yn rhedeg yn hwyr ar gyfer eich apwyntiad – {appointment.reference}"
    )
    assert notice.body.startswith("Annwyl Gwen Morgan,")
    assert (
        "rydym yn rhedeg tua 20 munud yn hwyr ar gyfer eich apwyntiad "
        "(Dydd Mawrth 8 Rhagfyr 2026, 10:30)." in notice.body
    )
    assert "Y rheswm: The previous visitor needed more time" in notice.body
    assert "Rydym yn disgwyl bod gyda chi erbyn 10:50." in notice.body


def test_an_english_customer_is_told_in_english_by_text(service, advisor):
    case = booked(
        service,
        customer=customer(
            preferred_language="en", phone="07700 900123", preferred_contact_method="text"
        ),
    )

    late(case, advisor, minutes=15, reason="Traffic on the A55.")

    (notice,) = OutboundMessage.objects.filter(case=case)
    assert (notice.method, notice.language, notice.recipient) == ("sms", "en", "07700 900123")
    assert notice.body == (
        f"Sorry, we are running about 15 minutes late for your 10:30 appointment "
        f"({case.reference}): Traffic on the A55. We expect to be with you by 10:45."
    )


def test_running_late_by_letter_is_not_sent_and_staff_are_told_to_phone(service, advisor):
    case = booked(
        service,
        customer=customer(email="", address="1 Stryd Fawr", preferred_contact_method="letter"),
    )

    change = late(case, advisor)

    assert change.told is False
    assert CaseEvent.objects.filter(case=case, kind=EventKind.RUNNING_LATE).exists()
    assert not OutboundMessage.objects.filter(case=case).exists()


def test_an_officer_visit_running_late(service, advisor):
    case = booked(service, contact_type="officer_visit")

    change = late(case, advisor, minutes=30, reason="Road closed", now=at(10, 40))

    assert change.event.milestone.kind == "arrive"
    assert change.event.payload["expected_at"] == "2026-12-08T11:00Z"
    assert OutboundMessage.objects.get(case=case).purpose == Purpose.RUNNING_LATE


@pytest.mark.parametrize(
    ("minutes", "now", "error"),
    [
        (0, NOW, "Enter how many minutes late, a whole number more than 0."),
        (-10, NOW, "Enter how many minutes late, a whole number more than 0."),
        (
            241,
            NOW,
            "More than 240 minutes late is another day: cancel and offer another time.",
        ),
        (
            # 10:30 + 10 minutes is 10:40, already gone at 10:45.
            10,
            at(10, 45),
            "That time has already passed (the appointment was at 10:30). Enter how late you "
            "will be from the appointment time.",
        ),
    ],
    ids=["zero", "negative", "too-long", "in-the-past"],
)
def test_a_bad_delay_is_refused_on_its_field_and_nothing_changes(
    appointment, advisor, minutes, now, error
):
    before = snapshot(appointment)

    assert errors_of(lambda: late(appointment, advisor, minutes=minutes, now=now)) == {
        "minutes": [error]
    }
    assert snapshot(appointment) == before


def test_running_late_needs_a_reason(appointment, advisor):
    before = snapshot(appointment)
    assert errors_of(lambda: late(appointment, advisor, reason="  ")) == {
        "reason": ["Give the reason, so the customer knows why."]
    }
    assert snapshot(appointment) == before


def test_a_case_that_is_not_a_booked_visit_is_refused(service, advisor):
    email = make_case(service=service)
    drop_in = make_case(service=service, channel="visit", details={"contact_type": "reception"})
    for case in (email, drop_in):
        before = snapshot(case)
        message = ["This case is not an appointment or an officer visit."]
        assert errors_of(lambda case=case: late(case, advisor)) == {"case": message}
        assert errors_of(lambda case=case: rebook(case, advisor)) == {"case": message}
        assert snapshot(case) == before


def test_a_closed_case_is_refused(appointment, advisor):
    case_resolve(case=appointment, actor=advisor, note="Sorted by phone", now=at(9))
    before = snapshot(appointment)
    message = ["This case is closed; reopen it first."]
    assert errors_of(lambda: late(appointment, advisor)) == {"case": message}
    assert errors_of(lambda: rebook(appointment, advisor)) == {"case": message}
    assert snapshot(appointment) == before


def test_an_appointment_already_kept_is_refused(appointment, advisor):
    Milestone.objects.filter(case=appointment).update(state="met", met_at=at(10, 31))
    assert errors_of(lambda: late(appointment, advisor)) == {
        "case": ["This appointment has already taken place."]
    }


# --- Cancel and re-book ------------------------------------------------------------------


def test_rebooking_moves_the_same_milestone_and_the_customer_gets_an_apology_in_welsh(
    appointment, advisor
):
    (before,) = Milestone.objects.filter(case=appointment)

    change = rebook(appointment, advisor)

    (after,) = Milestone.objects.filter(case=appointment)
    # Re-timed by the one writer, not a new clock: the same row, counted from the new time.
    assert after.pk == before.pk
    assert (after.starts_at, after.due_at, after.state, after.revision) == (
        at(14, day=10),
        at(14, 5, day=10),
        "pending",
        before.revision + 1,
    )
    assert Case.objects.get(pk=appointment.pk).channel_details["scheduled_at"] == (
        "2026-12-10T14:00:00+00:00"
    )
    assert (change.event.kind, change.event.text, change.event.payload) == (
        EventKind.REBOOKED,
        "The officer is ill",
        {"previous_at": "2026-12-08T10:30Z", "at": "2026-12-10T14:00Z"},
    )
    assert change.event.milestone_id == after.pk
    (notice,) = OutboundMessage.objects.filter(case=appointment)
    assert (notice.purpose, notice.language) == (Purpose.REBOOKED, "cy")
    assert notice.subject == f"Mae angen i ni newid eich apwyntiad – {appointment.reference}"
    assert (
        "Rydym yn ymddiheuro, ond ni allwn gadw eich apwyntiad a drefnwyd ar gyfer "
        "Dydd Mawrth 8 Rhagfyr 2026 am 10:30." in notice.body
    )
    assert "Y rheswm: The officer is ill" in notice.body
    assert (
        "Rydym wedi trefnu apwyntiad newydd i chi ar gyfer Dydd Iau 10 Rhagfyr 2026 am 14:00."
        in notice.body
    )


def test_rebooking_in_english_by_letter(service, advisor):
    case = booked(
        service,
        contact_type="officer_visit",
        customer=customer(
            email="",
            address="1 High Street",
            preferred_language="en",
            preferred_contact_method="letter",
        ),
    )

    change = rebook(case, advisor)

    assert change.told is True
    (notice,) = OutboundMessage.objects.filter(case=case)
    assert (notice.method, notice.language) == ("letter", "en")
    assert notice.subject == f"We need to change your appointment – reference {case.reference}"
    assert (
        "We apologise, but we cannot keep your appointment booked for "
        "Tuesday 8 December 2026 at 10:30." in notice.body
    )
    assert "We have booked you a new appointment for Thursday 10 December 2026 at 14:00." in (
        notice.body
    )
    assert Milestone.objects.get(case=case).kind == "arrive"


@pytest.mark.parametrize(
    ("when", "error"),
    [
        (at(10), "The new appointment must be in the future."),
        (BOOKED, "That is the time already booked. Choose another time."),
        (
            at(10, day=12),
            "Saturday 12 December 2026 10:00 is not in business hours (09:00 to 17:00 on a "
            "working day). Choose a time when the office is open.",
        ),
        (
            at(18, 30, day=9),
            "Wednesday 9 December 2026 18:30 is not in business hours (09:00 to 17:00 on a "
            "working day). Choose a time when the office is open.",
        ),
        (NOW + timedelta(days=400), "The new appointment must be within a year from now."),
    ],
    ids=["past", "unchanged", "saturday", "evening", "too-far"],
)
def test_a_bad_new_time_is_refused_on_its_field_and_nothing_changes(
    appointment, advisor, when, error
):
    before = snapshot(appointment)

    assert errors_of(lambda: rebook(appointment, advisor, when=when)) == {"at": [error]}
    assert snapshot(appointment) == before


def test_errors_for_each_field_come_together(appointment, advisor):
    assert errors_of(lambda: rebook(appointment, advisor, when=at(9), reason="")) == {
        "at": ["The new appointment must be in the future."],
        "reason": ["Give the reason, so the customer knows why."],
    }


def test_a_visitor_already_checked_in_is_not_re_booked(appointment, advisor):
    Visit.objects.create(case=appointment, arrived_at=at(10, 25), checked_in_by=advisor)
    before = snapshot(appointment)
    assert errors_of(lambda: rebook(appointment, advisor)) == {
        "case": ["The visitor has already arrived: see them instead."]
    }
    assert snapshot(appointment) == before


# --- The timeline and reception ----------------------------------------------------------


def test_the_timeline_says_what_changed_and_names_the_notice_in_both_languages(
    appointment, advisor
):
    late(appointment, advisor)
    rebook(appointment, advisor, now=at(10, 25))
    messages_deliver(
        message_ids=list(OutboundMessage.objects.values_list("pk", flat=True)), now=at(10, 26)
    )
    events = list(appointment.events.select_related("actor", "milestone"))
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.APPOINTMENT_NOTICE_SENT) == 2
    assert EventKind.REPLY_SENT not in kinds
    with translation.override("en"):
        items = {i.event.kind: i for i in timeline_items(events=events, parties={})}
        assert items[EventKind.RUNNING_LATE].title == "Running late"
        assert items[EventKind.RUNNING_LATE].detail == (
            "20 minutes late; expected at 8 December 2026, 10:50"
        )
        assert items[EventKind.REBOOKED].title == "Appointment re-booked"
        assert items[EventKind.REBOOKED].detail == (
            "Moved from 8 December 2026, 10:30 to 10 December 2026, 14:00"
        )
        assert items[EventKind.APPOINTMENT_NOTICE_SENT].title == "Appointment notice sent"
    with translation.override("cy"):
        items = {i.event.kind: i for i in timeline_items(events=events, parties={})}
        assert items[EventKind.RUNNING_LATE].title == "Yn rhedeg yn hwyr"
        assert items[EventKind.RUNNING_LATE].detail == (
            "20 munud yn hwyr; disgwylir am 8 Rhagfyr 2026, 10:50"
        )
        assert items[EventKind.REBOOKED].detail == (
            "Symudwyd o 8 Rhagfyr 2026, 10:30 i 10 Rhagfyr 2026, 14:00"
        )


def test_reception_shows_the_delay_of_the_appointment_as_booked(
    appointment, advisor, django_assert_max_num_queries
):
    late(appointment, advisor, minutes=10, now=at(10, 0))
    late(appointment, advisor, minutes=25)  # the latest is what the visitor was told

    with django_assert_max_num_queries(1):
        (row,) = reception_day(user=advisor, now=NOW).appointments
    assert (row.delay.minutes, row.delay.expected_at, row.delay.reason) == (
        25,
        at(10, 55),
        "The previous visitor needed more time",
    )

    # Re-booked for later today: the delay told for 10:30 no longer applies.
    rebook(appointment, advisor, when=at(15))
    (row,) = reception_day(user=advisor, now=NOW).appointments
    assert (row.expected_at, row.delay) == (at(15), None)
    assert time_value(row.milestone.due_at) == "2026-12-08T15:05Z"
