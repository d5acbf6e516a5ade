"""Reception's services and the day's list: registering drop-ins, checking appointments in,
seeing visitors against the 5-minute standard, and what the desk tells people about the wait.

Monday 2 March 2026 is GMT, so the local times below are the UTC ones.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from contacts.models import Case, CaseEvent, EventKind, Milestone, Visit
from contacts.reception import (
    reception_check_in,
    reception_day,
    reception_register,
    reception_see,
)
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0, second: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def appointment(service, when: datetime, *, booked: datetime | None = None, **kwargs) -> Case:
    return make_case(
        service=service,
        channel="visit",
        details={"contact_type": "appointment", "scheduled_at": when.isoformat()},
        received_at=booked or when - timedelta(days=3),
        **kwargs,
    )


def register(advisor, when: datetime, name: str = "Eira Jones", *, welsh: bool = False):
    return reception_register(
        service=advisor.team.service,
        actor=advisor,
        name=name,
        reason="Council tax bill",
        welsh=welsh,
        now=when,
    )


def seen_milestone(case: Case) -> Milestone:
    return Milestone.objects.get(case=case, kind="seen")


def test_registering_a_drop_in_makes_the_case_and_checks_them_in(advisor):
    registered = register(advisor, at(9), name="  Eira Jones ", welsh=True)

    case = Case.objects.select_related("customer", "visit").get(pk=registered.case.pk)
    assert (case.channel, case.contact_type, case.kind) == ("visit", "reception", "enquiry")
    assert case.summary == "Council tax bill"
    assert case.customer.name == "Eira Jones"
    assert case.customer.preferred_language == "cy"
    assert case.language == "cy"
    assert case.team == advisor.team and case.owner is None
    assert case.received_at == at(9)
    # The drop-in standard: tell them how long they may wait, and record it.
    assert registered.estimate_minutes == 10
    assert case.channel_details["expected_wait_minutes"] == 10
    assert case.visit.arrived_at == at(9) and case.visit.checked_in_by == advisor
    assert list(
        CaseEvent.objects.filter(case=case).order_by("id").values_list("kind", flat=True)
    ) == [EventKind.CREATED, EventKind.VISITOR_ARRIVED]
    milestone = seen_milestone(case)
    assert (milestone.state, milestone.due_at) == ("pending", None)


def test_an_english_speaker_is_recorded_as_such(advisor):
    case = register(advisor, at(9), welsh=False).case
    assert (case.language, case.customer.preferred_language) == ("en", "en")


def test_the_estimate_grows_with_the_people_ahead_at_the_desks_pace(advisor):
    # Nobody seen yet: 10 minutes a person.
    first = register(advisor, at(9, 0), "Ann")
    assert first.estimate_minutes == 10
    assert register(advisor, at(9, 1), "Bryn").estimate_minutes == 20  # Ann ahead: 2 x 10

    # Ann waited 6 minutes with nobody ahead, Bryn 11 with Ann ahead: 17 min over 3 places.
    reception_see(case=first.case, actor=advisor, now=at(9, 6))
    bryn = Case.objects.get(customer__name="Bryn")
    reception_see(case=bryn, actor=advisor, now=at(9, 12))
    # Nobody waiting: 1 place x 5.67 = 5.67, told as 10.
    assert register(advisor, at(9, 20), "Cerys").estimate_minutes == 10
    # Cerys ahead: 2 x 5.67 = 11.33, told as 15.
    assert register(advisor, at(9, 21), "Dai").estimate_minutes == 15


@pytest.mark.parametrize(
    ("name", "reason", "errors"),
    [
        ("", "Council tax", {"name"}),
        ("Eira", "   ", {"reason"}),
        (" ", "", {"name", "reason"}),
    ],
)
def test_registering_needs_a_name_and_a_reason(advisor, name, reason, errors):
    with pytest.raises(ValidationError) as raised:
        reception_register(
            service=advisor.team.service, actor=advisor, name=name, reason=reason, welsh=False
        )
    assert set(raised.value.message_dict) == errors
    assert not Case.objects.exists()


def test_checking_in_an_appointment_records_the_arrival(advisor, service):
    case = appointment(service, at(10))
    visit = reception_check_in(case=case, actor=advisor, now=at(9, 52))

    assert visit.arrived_at == at(9, 52) and visit.checked_in_by == advisor
    assert Visit.objects.get(case=case).arrived_at == at(9, 52)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.VISITOR_ARRIVED).count() == 1
    # Arriving early meets nothing: the promise is about being seen.
    assert seen_milestone(case).state == "pending"


@pytest.mark.parametrize(
    ("make", "now", "message"),
    [
        pytest.param(
            lambda service: appointment(service, at(10, day=3)),
            at(9),
            "This appointment is not today.",
            id="tomorrows-appointment",
        ),
        pytest.param(
            lambda service: make_case(
                service=service,
                channel="visit",
                details={"contact_type": "reception"},
                received_at=at(9),
            ),
            at(9, 5),
            "A drop-in visitor is checked in when they are registered.",
            id="a-drop-in",
        ),
        pytest.param(
            lambda service: make_case(service=service, received_at=at(9)),
            at(9, 5),
            "This case is not a visit to reception.",
            id="an-email",
        ),
        pytest.param(
            lambda service: make_case(
                service=service,
                channel="visit",
                details={"contact_type": "officer_visit", "scheduled_at": at(11).isoformat()},
                received_at=at(9),
            ),
            at(9, 5),
            "This case is not a visit to reception.",
            id="an-officer-visit",
        ),
    ],
)
def test_what_cannot_be_checked_in(advisor, service, make, now, message):
    case = make(service)
    with pytest.raises(ValidationError) as raised:
        reception_check_in(case=case, actor=advisor, now=now)
    assert raised.value.messages == [message]
    assert not Visit.objects.exists()


def test_checking_in_twice_or_after_being_seen_is_refused(advisor, service):
    twice = appointment(service, at(10))
    reception_check_in(case=twice, actor=advisor, now=at(9, 50))
    with pytest.raises(ValidationError) as raised:
        reception_check_in(case=twice, actor=advisor, now=at(9, 51))
    assert raised.value.messages == ["This visitor has already been checked in."]

    seen_first = appointment(service, at(11))
    reception_see(case=seen_first, actor=advisor, now=at(10, 58))
    with pytest.raises(ValidationError) as raised:
        reception_check_in(case=seen_first, actor=advisor, now=at(10, 59))
    assert raised.value.messages == ["This visitor has already been seen."]


@pytest.mark.parametrize(
    ("seen_at", "state"),
    [
        pytest.param(at(9, 58), "met", id="before-the-appointment"),
        pytest.param(at(10, 5), "met", id="exactly-5-minutes-after"),
        pytest.param(at(10, 5, 1), "met_late", id="one-second-past-5-minutes"),
        pytest.param(at(10, 40), "met_late", id="well-after"),
    ],
)
def test_seeing_an_appointment_meets_the_5_minute_standard_by_the_time_seen(
    advisor, service, seen_at, state
):
    case = appointment(service, at(10))
    reception_check_in(case=case, actor=advisor, now=at(9, 55))
    reception_see(case=case, actor=advisor, now=seen_at)

    milestone = seen_milestone(case)
    assert milestone.due_at == at(10, 5)
    assert (milestone.state, milestone.met_at) == (state, seen_at)
    event = CaseEvent.objects.get(case=case, kind=EventKind.MILESTONE_MET)
    assert (event.milestone_id, event.payload, event.actor) == (
        milestone.pk,
        {"state": state},
        advisor,
    )


def test_seeing_a_drop_in_records_the_wait(advisor):
    case = register(advisor, at(9)).case
    reception_see(case=case, actor=advisor, now=at(9, 17))

    milestone = seen_milestone(case)
    assert (milestone.state, milestone.met_at) == ("met", at(9, 17))
    day = reception_day(user=advisor, now=at(9, 30))
    assert [row.waited_minutes for row in day.seen_drop_ins] == [17]
    assert day.average_wait_minutes == 17


def test_seeing_twice_or_seeing_a_non_visit_is_refused(advisor, service):
    case = register(advisor, at(9)).case
    reception_see(case=case, actor=advisor, now=at(9, 5))
    with pytest.raises(ValidationError) as raised:
        reception_see(case=case, actor=advisor, now=at(9, 6))
    assert raised.value.messages == ["This visitor has already been seen."]

    email = make_case(service=service, received_at=at(9))
    with pytest.raises(ValidationError) as raised:
        reception_see(case=email, actor=advisor, now=at(9, 6))
    assert raised.value.messages == ["This case is not a visit to reception."]
    assert not Milestone.objects.filter(case=email, state__in=["met", "met_late"]).exists()


def test_the_day_lists_todays_visitors_of_the_users_service_only(
    advisor, service, django_assert_num_queries
):
    ten = appointment(service, at(10))
    nine = appointment(service, at(9, 30))
    appointment(service, at(10, day=3))  # tomorrow
    appointment(service, at(10, day=1), booked=at(9, day=1) - timedelta(days=2))  # yesterday
    make_case(  # an officer visit is not reception's
        service=service,
        channel="visit",
        details={"contact_type": "officer_visit", "scheduled_at": at(11).isoformat()},
        received_at=at(8),
    )
    highways = ServiceFactory(code="highways")
    other = UserFactory(role=Role.ADVISOR, team=TeamFactory(service=highways))
    appointment(highways, at(10))
    register(other, at(9, 1), "Someone else's visitor")

    ann = register(advisor, at(9, 0), "Ann").case
    bryn = register(advisor, at(9, 3), "Bryn").case
    cerys = register(advisor, at(9, 4), "Cerys").case
    reception_see(case=ann, actor=advisor, now=at(9, 10))  # 10 min, nobody ahead
    reception_check_in(case=nine, actor=advisor, now=at(9, 25))

    now = at(9, 40)
    with django_assert_num_queries(1):
        day = reception_day(user=advisor, now=now)

    assert [row.case for row in day.appointments] == [nine, ten]
    nine_row, ten_row = day.appointments
    assert (nine_row.arrived_at, nine_row.waited_minutes, nine_row.waiting) == (at(9, 25), 15, True)
    # 9:30 + 5 min is past by 9:40: breached now, whatever the sweep has got round to.
    assert nine_row.sla_state == "breached" and nine_row.tag.colour == "red"
    assert (ten_row.arrived_at, ten_row.waited_minutes, ten_row.sla_state) == (
        None,
        None,
        "pending",
    )

    assert [row.case for row in day.queue] == [bryn, cerys]
    # Pace: Ann's 10 minutes over 1 place. Bryn has nobody ahead (10), Cerys has Bryn (20).
    assert day.minutes_per_visitor == pytest.approx(10)
    assert [row.estimate_minutes for row in day.queue] == [10, 20]
    assert [row.waited_minutes for row in day.queue] == [37, 36]
    assert day.next_estimate_minutes == 30
    assert [row.case for row in day.seen_drop_ins] == [ann]


def test_a_user_without_a_service_has_an_empty_day(db):
    nobody = UserFactory(role=Role.ADVISOR, team=None)
    day = reception_day(user=nobody, now=at(9))
    assert (day.appointments, day.queue, day.next_estimate_minutes) == ([], [], 10)
