"""GET /api/v1/cases/<reference>/: one case, for those allowed to see it; for anybody else the
case does not exist (404, the same answer as for an unknown reference)."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from tests.factories import UserFactory, make_case

from .conftest import case_url

pytestmark = pytest.mark.django_db

NOT_FOUND = {"en": {"detail": "Not found."}, "cy": {"detail": "Heb ei ganfod."}}


@pytest.fixture
def waste_case(service):
    return make_case(service=service, received_at=datetime(2026, 6, 1, 8, 30, tzinfo=UTC))


def test_a_case_is_read_by_its_reference_with_times_in_summer_time(api, waste_case):
    response = api.get(case_url(waste_case.reference))

    assert response.status_code == 200
    body = response.json()
    # Received Monday 1 June 2026 09:30 BST; respond by day 10 = Monday 15 June, 17:00 BST.
    assert (body["reference"], body["received_at"], body["next_due_at"]) == (
        "CYS-2026-000001",
        "2026-06-01T09:30:00+01:00",
        "2026-06-02T09:30:00+01:00",
    )
    assert [(m["kind"], m["due_at"], m["due_soon_at"]) for m in body["milestones"]] == [
        ("acknowledge", "2026-06-02T09:30:00+01:00", "2026-06-02T03:30:00+01:00"),
        ("respond", "2026-06-15T17:00:00+01:00", "2026-06-12T17:00:00+01:00"),
    ]


def test_milestone_descriptions_come_in_the_callers_language(client_for, advisor, waste_case):
    english = client_for(advisor, "en").get(case_url(waste_case.reference)).json()
    welsh = client_for(advisor, "cy").get(case_url(waste_case.reference)).json()

    assert [m["description"] for m in english["milestones"]] == [
        "Acknowledge within 24 hours",
        "Respond within 10 working days",
    ]
    assert [m["description"] for m in welsh["milestones"]] == [
        "Cydnabod o fewn 24 awr",
        "Ymateb o fewn 10 diwrnod gwaith",
    ]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("reference", ["CYS-2026-999999", "cys-2026-000001", "CYS"])
def test_an_unknown_reference_is_not_found(client_for, advisor, waste_case, reference, language):
    response = client_for(advisor, language).get(case_url(reference))

    assert (response.status_code, response.json()) == (404, NOT_FOUND[language])


def test_staff_of_another_service_read_the_case(client_for, highways_advisor, waste_case):
    """One council (docs/adr/0018): reading, not acting (tests/api/test_actions.py)."""
    response = client_for(highways_advisor).get(case_url(waste_case.reference))

    assert response.status_code == 200
    assert (response.json()["reference"], response.json()["in_full"]) == (
        waste_case.reference,
        True,
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_another_services_confidential_case_is_not_found_for_its_staff(
    client_for, highways_advisor, service, language
):
    confidential = make_case(service=service, confidential=True)

    response = client_for(highways_advisor, language).get(case_url(confidential.reference))

    assert (response.status_code, response.json()) == (404, NOT_FOUND[language])


def test_a_councillor_sees_their_own_enquiry_and_nobody_elses(
    client_for, service, councillor, other_councillor, clerk
):
    own = make_case(service=service, kind="councillor_enquiry", submitted_by=councillor)
    staff_logged = make_case(service=service)

    assert client_for(councillor).get(case_url(own.reference)).status_code == 200
    for user, case in (
        (councillor, staff_logged),
        (other_councillor, own),
        (clerk, own),
    ):
        response = client_for(user, "cy").get(case_url(case.reference))
        assert (response.status_code, response.json()) == (404, NOT_FOUND["cy"])


def test_the_administrator_and_the_manager_read_the_case(
    client_for, administrator, team, waste_case
):
    for user in (administrator, team.manager):
        response = client_for(user).get(case_url(waste_case.reference))
        assert (response.status_code, response.json()["reference"]) == (200, "CYS-2026-000001")


def test_a_user_without_a_team_or_a_submitter_role_sees_nothing(client_for, waste_case):
    teamless = UserFactory(role=Role.ADVISOR, team=None, username="new-starter")

    assert client_for(teamless).get(case_url(waste_case.reference)).status_code == 404
    assert client_for(teamless).get("/api/v1/cases/").json()["count"] == 0


def test_reading_needs_credentials(anonymous, waste_case):
    response = anonymous.get(case_url(waste_case.reference))

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )


@pytest.mark.parametrize(
    ("method", "language", "detail"),
    [
        ("put", "en", 'Method "PUT" not allowed.'),
        ("patch", "cy", 'Ni chaniateir y dull "PATCH".'),
        ("delete", "cy", 'Ni chaniateir y dull "DELETE".'),
    ],
)
def test_cases_cannot_be_replaced_edited_or_deleted_directly(
    client_for, advisor, waste_case, method, language, detail
):
    client = client_for(advisor, language)

    response = getattr(client, method)(case_url(waste_case.reference), {}, format="json")

    assert (response.status_code, response.json()) == (405, {"detail": detail})
