"""A case moves between services (SPEC §9): to any active team or officer of any service who
may open it, with the note; the clock never restarts; the timeline shows every hop with the
services; a case that came to the wrong service goes back with a reason; whoever receives it,
and the receiving team's manager, are owed a notice; bad destinations change nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from contacts.models import Case, CaseEvent, Milestone
from contacts.presenters import timeline_items
from contacts.selectors import arrived_from, event_parties, transfer_colleagues, transfer_teams
from contacts.services import case_transfer
from messaging.models import OutboundMessage, Purpose
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FIRST_HOP = RECEIVED + timedelta(hours=2)
SECOND_HOP = RECEIVED + timedelta(days=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tax(db):
    service = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    manager = UserFactory(role=Role.MANAGER, team=None, username="tax-manager")
    billing = TeamFactory(service=service, code="billing", name_en="Billing", manager=manager)
    manager.team = billing
    manager.save(update_fields=["team"])
    return {
        "service": service,
        "billing": billing,
        "manager": manager,
        "officer": UserFactory(team=billing, username="tax-officer", first_name="Tomos"),
    }


@pytest.fixture
def case(service, advisor):
    return make_case(service=service, owner=advisor, received_at=RECEIVED)


def deadlines(case: Case) -> dict[str, tuple]:
    return {
        m.kind: (m.due_at, m.due_soon_at, m.starts_at, m.state, m.revision)
        for m in Milestone.objects.filter(case=case)
    }


def test_there_and_back_again_the_clock_never_restarts(case, advisor, team, tax):
    before = deadlines(case)
    assert set(before) == {"acknowledge", "respond"}

    case_transfer(
        case=case, actor=advisor, note="Ann Jones: her bill", to_team=tax["billing"], now=FIRST_HOP
    )
    case.refresh_from_db()
    assert (case.service, case.team, case.owner) == (tax["service"], tax["billing"], None)
    assert deadlines(case) == before

    case_transfer(
        case=case,
        actor=tax["officer"],
        note="Ann Jones: this is about her bins",
        to_user=advisor,
        misrouted="not_ours",
        now=SECOND_HOP,
    )
    case.refresh_from_db()
    assert (case.service.code, case.team, case.owner) == ("waste", team, advisor)
    assert deadlines(case) == before


def test_every_hop_is_on_the_timeline_with_its_services(case, advisor, team, tax, service):
    case_transfer(case=case, actor=advisor, note="Her bill", to_team=tax["billing"], now=FIRST_HOP)
    case_transfer(
        case=case,
        actor=tax["officer"],
        note="About bins",
        to_user=advisor,
        misrouted="not_ours",
        now=SECOND_HOP,
    )

    events = list(CaseEvent.objects.filter(case=case, kind="transferred").order_by("created_at"))
    assert [event.payload for event in events] == [
        {
            "from_user": advisor.pk,
            "from_team": team.pk,
            "to_team": tax["billing"].pk,
            "from_service": service.pk,
            "to_service": tax["service"].pk,
        },
        {
            "from_team": tax["billing"].pk,
            "to_user": advisor.pk,
            "from_service": tax["service"].pk,
            "to_service": service.pk,
            "misrouted": True,
            "reason": "not_ours",
        },
    ]
    items = timeline_items(events=events, parties=event_parties(events=events))
    name = f"Alex {advisor.last_name}"
    assert [(item.title, item.detail) for item in items] == [
        ("Case transferred", f"From {name} (Waste and recycling) to Billing (Council tax)"),
        (
            "Sent back: it came to the wrong service",
            f"From Billing (Council tax) to {name} (Waste and recycling). "
            "Why: This service does not deal with it",
        ),
    ]


def test_anyone_active_of_any_active_service_may_receive_it(case, advisor, tax, team):
    closed = TeamFactory(service=ServiceFactory(code="closed", active=False), code="closed")
    asleep = TeamFactory(service=tax["service"], code="asleep", active=False)
    gone = [
        UserFactory(team=closed, username="in-closed-service"),
        UserFactory(team=asleep, username="in-inactive-team"),
        UserFactory(team=tax["billing"], username="left", is_active=False),
        UserFactory(team=None, username="teamless"),
        UserFactory(role=Role.COUNCILLOR, team=tax["billing"], username="councillor"),
    ]

    offered = set(transfer_colleagues(case=case).values_list("username", flat=True))
    assert {"tax-officer", "tax-manager", "advisor", "manager"} <= offered
    assert offered.isdisjoint(user.username for user in gone)
    assert set(transfer_teams(case=case)) == {team, tax["billing"]}


@pytest.mark.parametrize(
    ("destination", "error"),
    [
        ({"to_user": "left"}, "Choose an active member of staff."),
        ({"to_user": "in-inactive-team"}, "Choose an active member of staff."),
        ({"to_user": "in-closed-service"}, "Choose an active member of staff."),
        ({"to_user": "councillor"}, "Choose an active member of staff."),
        ({"to_team": "asleep"}, "That team no longer takes cases."),
        ({"to_team": "closed"}, "That team no longer takes cases."),
        ({}, "Choose one colleague or one team."),
        ({"to_user": "advisor"}, "The case is already theirs."),
    ],
)
def test_a_destination_that_cannot_take_it_is_refused_and_nothing_changes(
    case, advisor, tax, destination, error
):
    closed = TeamFactory(service=ServiceFactory(code="closed", active=False), code="closed")
    asleep = TeamFactory(service=tax["service"], code="asleep", active=False)
    users = {
        "left": UserFactory(team=tax["billing"], username="left", is_active=False),
        "in-inactive-team": UserFactory(team=asleep, username="in-inactive-team"),
        "in-closed-service": UserFactory(team=closed, username="in-closed-service"),
        "councillor": UserFactory(role=Role.COUNCILLOR, team=tax["billing"], username="cllr"),
        "advisor": advisor,
    }
    teams = {"asleep": asleep, "closed": closed}
    arguments = {
        key: users[value] if key == "to_user" else teams[value]
        for key, value in destination.items()
    }
    before = (Case.objects.filter(pk=case.pk).values().get(), deadlines(case))

    with pytest.raises(ValidationError) as refused:
        case_transfer(case=case, actor=advisor, note="Over to you", **arguments)

    assert refused.value.message_dict == {"to": [error]}
    assert (Case.objects.filter(pk=case.pk).values().get(), deadlines(case)) == before
    assert not CaseEvent.objects.filter(kind="transferred").exists()
    assert not OutboundMessage.objects.filter(purpose=Purpose.TRANSFER_NOTICE).exists()


@pytest.mark.parametrize(
    ("misrouted", "note", "errors"),
    [
        (
            "not_ours",
            "x",
            {"misrouted": ["A case that came to the wrong service goes to another service."]},
        ),
        ("because", "x", {"misrouted": ["Choose why it came to the wrong service from the list."]}),
        (None, "   ", {"note": ["Write a note for the person receiving the case."]}),
    ],
)
def test_a_bad_reason_or_an_empty_note_is_refused(case, advisor, team, misrouted, note, errors):
    with pytest.raises(ValidationError) as refused:
        case_transfer(case=case, actor=advisor, note=note, to_team=team, misrouted=misrouted)

    assert refused.value.message_dict == errors
    case.refresh_from_db()
    assert (case.owner, case.team) == (advisor, team)


def test_a_complaint_goes_only_to_its_own_services_complaints_officers(service, team, tax):
    complaint = make_case(service=service, kind="complaint", team=team, received_at=RECEIVED)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="waste-complaints")
    elsewhere = UserFactory(
        role=Role.COMPLAINTS_OFFICER, team=tax["billing"], username="tax-complaints"
    )

    offered = set(transfer_colleagues(case=complaint).values_list("username", flat=True))
    assert offered == {"waste-complaints", "manager"}
    with pytest.raises(ValidationError) as refused:
        case_transfer(case=complaint, actor=officer, note="Yours?", to_user=elsewhere)
    assert refused.value.message_dict["to"] == [
        "A complaint can go only to a complaints officer or manager of the service who is not "
        "named in it."
    ]


def test_the_new_owner_and_the_receiving_teams_manager_are_owed_a_notice(case, advisor, tax):
    event = case_transfer(
        case=case, actor=advisor, note="Ann Jones about her bill", to_user=tax["officer"]
    )

    notices = {
        message.key: (message.person, message.subject)
        for message in OutboundMessage.objects.filter(purpose=Purpose.TRANSFER_NOTICE)
    }
    assert notices == {
        f"transfer:{event.pk}": (tax["officer"], f"{case.reference}: transferred to you"),
        f"transfer:{event.pk}:manager": (
            tax["manager"],
            f"{case.reference}: transferred to Tomos {tax['officer'].last_name}, in your team",
        ),
    }
    manager_notice = OutboundMessage.objects.get(key=f"transfer:{event.pk}:manager")
    assert "Ann Jones about her bill" in manager_notice.body
    assert "Council tax" in manager_notice.body  # the case's service now


def test_within_a_team_only_the_new_owner_is_told(case, advisor, team):
    colleague = UserFactory(team=team, username="colleague")
    event = case_transfer(case=case, actor=advisor, note="Yours", to_user=colleague)

    assert list(
        OutboundMessage.objects.filter(purpose=Purpose.TRANSFER_NOTICE).values_list("key", "person")
    ) == [(f"transfer:{event.pk}", colleague.pk)]


def test_a_team_queue_tells_its_mailbox_or_else_its_manager(case, advisor, tax):
    event = case_transfer(case=case, actor=advisor, note="Her bill", to_team=tax["billing"])
    (notice,) = OutboundMessage.objects.filter(purpose=Purpose.TRANSFER_NOTICE)
    assert (notice.key, notice.person) == (f"transfer:{event.pk}", tax["manager"])
    assert notice.subject == f"{case.reference}: transferred to your team"


def test_a_misrouted_case_tells_the_receiver_why_it_came_back(case, advisor, tax):
    case_transfer(case=case, actor=advisor, note="Her bill", to_team=tax["billing"])
    case_transfer(
        case=case,
        actor=tax["officer"],
        note="About bins, not tax",
        to_user=advisor,
        misrouted="wrong_request_type",
    )

    notice = OutboundMessage.objects.get(person=advisor, purpose=Purpose.TRANSFER_NOTICE)
    assert "It came to the wrong service: The wrong request type was chosen" in notice.body


def test_the_case_knows_which_service_it_came_from(case, advisor, tax, team):
    assert arrived_from(case=case) is None
    first = case_transfer(case=case, actor=advisor, note="Her bill", to_team=tax["billing"])
    case.refresh_from_db()
    assert arrived_from(case=case) == first
    # A hop inside the tax service does not hide where it came from.
    case_transfer(case=case, actor=tax["officer"], note="Mine", to_user=tax["officer"])
    case.refresh_from_db()
    assert arrived_from(case=case) == first
    case_transfer(case=case, actor=tax["officer"], note="Back", to_team=team, misrouted="other")
    case.refresh_from_db()
    assert arrived_from(case=case).payload["from_service"] == tax["service"].pk
