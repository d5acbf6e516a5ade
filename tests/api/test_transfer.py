"""POST /api/v1/cases/<reference>/transfer/: a case handed to an officer or a team of any
service (SPEC §9), with the note; back from the wrong service with a reason; the deadlines
unchanged; a bad destination or an empty note refused, translated, with nothing changed. And
logging a contact by a request type of the routing table."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from contacts.models import Case, CaseEvent, Milestone
from tests.factories import RequestTypeFactory, TeamFactory, UserFactory, make_case

from .conftest import CASES_URL, case_url, counts

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def case(service, advisor) -> Case:
    return make_case(service=service, received_at=RECEIVED, owner=advisor)


def due_times(case: Case) -> dict[str, datetime | None]:
    return {m.kind: m.due_at for m in Milestone.objects.filter(case=case)}


def test_a_case_goes_to_another_services_team_with_its_deadlines(api, case, highways_team):
    before = due_times(case)

    response = api.post(
        case_url(case.reference, "transfer"),
        {"to_team": "highways-team", "note": "Ann Jones: pothole outside no. 4"},
        format="json",
    )

    # 200 with the case where the sender may still read it (one council: every member of staff
    # reads every case that is not confidential, issue 14's visibility policy), else 204.
    assert response.status_code in (200, 204)
    case.refresh_from_db()
    assert (case.service.code, case.team.code, case.owner) == ("highways", "highways-team", None)
    if response.status_code == 200:
        assert response.json()["service"] == "highways"
    assert due_times(case) == before
    event = CaseEvent.objects.get(case=case, kind="transferred")
    assert event.text == "Ann Jones: pothole outside no. 4"
    assert event.payload["to_service"] == highways_team.service_id


def test_a_misrouted_case_goes_back_to_an_officer_with_the_reason(
    client_for, case, advisor, highways_advisor
):
    api_highways = client_for(highways_advisor)
    client_for(advisor).post(
        case_url(case.reference, "transfer"),
        {"to_user": "highways-advisor", "note": "A pothole?"},
        format="json",
    )

    response = api_highways.post(
        case_url(case.reference, "transfer"),
        {"to_user": "advisor", "note": "It is a bin", "misrouted": "not_ours"},
        format="json",
    )

    assert response.status_code in (200, 204)
    assert Case.objects.get(pk=case.pk).owner == advisor
    last = CaseEvent.objects.filter(case=case, kind="transferred").latest("created_at")
    assert (last.payload["misrouted"], last.payload["reason"]) == (True, "not_ours")


@pytest.mark.parametrize(
    ("data", "field", "message", "welsh"),
    [
        (
            {"to_team": "no-such-team", "note": "x"},
            "to_team",
            "Object with code=no-such-team does not exist.",
            None,
        ),
        (
            {"to_user": "nobody", "note": "x"},
            "to_user",
            "Object with username=nobody does not exist.",
            None,
        ),
        (
            {"to_team": "asleep", "note": "x"},
            "to",
            "That team no longer takes cases.",
            "Nid yw'r tîm hwnnw'n cymryd achosion mwyach.",
        ),
        (
            {"to_user": "left", "note": "x"},
            "to",
            "Choose an active member of staff.",
            "Dewiswch aelod gweithredol o'r staff.",
        ),
        ({"to_team": "highways-team", "note": ""}, "note", "This field may not be blank.", None),
        (
            {"to_team": "highways-team", "note": "   "},
            "note",
            "This field may not be blank.",
            None,
        ),
        (
            {"note": "x"},
            "to",
            "Choose one colleague or one team.",
            "Dewiswch un cydweithiwr neu un tîm.",
        ),
        (
            {"to_team": "highways-team", "to_user": "highways-advisor", "note": "x"},
            "to",
            "Choose one colleague or one team.",
            None,
        ),
        (
            {"to_team": "waste-team", "note": "x", "misrouted": "not_ours"},
            "misrouted",
            "A case that came to the wrong service goes to another service.",
            None,
        ),
        (
            {"to_team": "highways-team", "note": "x", "misrouted": "oops"},
            "misrouted",
            '"oops" is not a valid choice.',
            None,
        ),
    ],
)
def test_a_bad_transfer_is_refused_and_changes_nothing(
    client_for, advisor, case, highways_team, highways_advisor, data, field, message, welsh
):
    TeamFactory(service=highways_team.service, code="asleep", active=False)
    UserFactory(team=highways_team, username="left", is_active=False)
    before = (counts(), Case.objects.filter(pk=case.pk).values().get())

    response = client_for(advisor).post(case_url(case.reference, "transfer"), data, format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert (counts(), Case.objects.filter(pk=case.pk).values().get()) == before
    if welsh:
        answer = client_for(advisor, "cy").post(
            case_url(case.reference, "transfer"), data, format="json"
        )
        assert answer.json()[field] == [welsh]


def test_only_staff_of_the_cases_service_may_transfer_it(client_for, case, highways_advisor):
    response = client_for(highways_advisor).post(
        case_url(case.reference, "transfer"),
        {"to_team": "highways-team", "note": "Mine now"},
        format="json",
    )

    assert response.status_code in (403, 404)
    assert Case.objects.get(pk=case.pk).service.code == "waste"


def test_a_complaint_handed_out_of_sight_answers_204(client_for, service, team):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="officer")
    colleague = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="colleague")
    complaint = make_case(service=service, kind="complaint", received_at=RECEIVED, owner=officer)
    complaint.refresh_from_db()
    highways_team = TeamFactory(code="highways-team")

    response = client_for(officer).post(
        case_url(complaint.reference, "transfer"),
        {"to_team": highways_team.code, "note": "This is about the roads"},
        format="json",
    )

    assert response.status_code == 204
    assert Case.objects.get(pk=complaint.pk).service == highways_team.service
    assert colleague  # still of waste: may no longer see it


def test_a_contact_is_logged_by_request_type(client_for, advisor, highways, highways_team):
    pothole = RequestTypeFactory(service=highways, team=highways_team, name_en="Pothole")
    front_line = UserFactory(team=TeamFactory(front_line=True), username="front")

    response = client_for(front_line).post(
        CASES_URL,
        {
            "channel": "phone",
            "kind": "service_request",
            "received_at": "2026-03-02T10:00:00Z",
            "summary": "Pothole on Ffordd y Castell",
            "request_type": pothole.pk,
            "channel_details": {"contact_type": "answered", "caller_number": "01824 706000"},
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["service"], body["team"], body["request_type"]) == (
        "highways",
        "highways-team",
        pothole.pk,
    )


def test_a_back_office_advisor_may_not_log_by_another_services_request_type(api, highways, service):
    pothole = RequestTypeFactory(service=highways, name_en="Pothole")
    before = counts()

    response = api.post(
        CASES_URL,
        {
            "channel": "phone",
            "received_at": "2026-03-02T10:00:00Z",
            "summary": "Pothole",
            "request_type": pothole.pk,
            "channel_details": {"contact_type": "answered", "caller_number": "01824 706000"},
        },
        format="json",
    )
    assert response.status_code == 403
    # Naming the service as well does not help: the type is of another service.
    response = api.post(
        CASES_URL,
        {
            "channel": "phone",
            "received_at": "2026-03-02T10:00:00Z",
            "summary": "Pothole",
            "service": service.code,
            "request_type": pothole.pk,
            "channel_details": {"contact_type": "answered", "caller_number": "01824 706000"},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["request_type"] == ["The request type belongs to another service."]
    assert counts() == before
