"""Logging for another service: front-line staff may, others may not; a case carries the
request type it was routed by, and goes to that type's default queue when nobody else is
named."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from contacts.models import Case
from contacts.policies import create_refusal
from contacts.services.creation import confidential_for
from tests.factories import (
    RequestTypeFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    make_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(service, team):
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    contact_centre = TeamFactory(code="contact-centre", front_line=True)
    return {
        "waste": service,
        "tax": tax,
        "tax_team": TeamFactory(service=tax, code="tax-team"),
        "closed": ServiceFactory(code="closed", active=False),
        "front_line": UserFactory(team=contact_centre, username="front"),
        "back_office": UserFactory(team=team, username="back"),
        "front_line_manager": UserFactory(
            role=Role.MANAGER, team=contact_centre, username="front-manager"
        ),
        "admin": UserFactory(role=Role.ADMINISTRATOR, team=None, username="boss"),
        "councillor": UserFactory(role=Role.COUNCILLOR, team=None, username="cllr"),
    }


@pytest.mark.parametrize(
    ("who", "for_service", "refusal"),
    [
        ("front_line", "tax", None),
        ("front_line", "waste", None),
        ("front_line_manager", "tax", None),
        ("back_office", "waste", None),
        ("back_office", "tax", "You can log cases only for your own service."),
        ("admin", "tax", None),
        ("front_line", "closed", "This service no longer takes new cases."),
        ("admin", "closed", "This service no longer takes new cases."),
        ("councillor", "closed", "This service no longer takes new cases."),
    ],
)
def test_who_may_log_for_which_service(council, who, for_service, refusal):
    assert create_refusal(council[who], service=council[for_service], kind="enquiry") == refusal


def test_a_case_goes_to_its_request_types_default_team_when_nobody_is_named(council):
    bill = RequestTypeFactory(service=council["tax"], team=council["tax_team"])

    case = make_case(service=council["tax"], request_type=bill)

    case.refresh_from_db()
    assert (case.request_type, case.team, case.owner) == (bill, council["tax_team"], None)


def test_a_named_team_or_owner_wins_over_the_default(council):
    bill = RequestTypeFactory(service=council["tax"], team=council["tax_team"])
    other = TeamFactory(service=council["tax"], code="tax-recovery")
    officer = UserFactory(team=other, username="tax-officer")

    assert make_case(service=council["tax"], request_type=bill, team=other).team == other
    assert make_case(service=council["tax"], request_type=bill, owner=officer).team == other


def test_an_inactive_default_team_is_passed_over(council):
    council["tax_team"].active = False
    council["tax_team"].save()
    bill = RequestTypeFactory(service=council["tax"], team=council["tax_team"])

    assert make_case(service=council["tax"], request_type=bill).team is None


@pytest.mark.parametrize(
    ("request_type", "error"),
    [
        ({"service": "waste"}, "The request type belongs to another service."),
        ({"service": "tax", "active": False}, "This request type is no longer in use."),
    ],
)
def test_a_request_type_that_does_not_fit_is_refused_and_nothing_is_made(
    council, request_type, error
):
    chosen = RequestTypeFactory(**{**request_type, "service": council[request_type["service"]]})

    with pytest.raises(ValidationError) as refused:
        make_case(service=council["tax"], request_type=chosen)

    assert refused.value.message_dict == {"request_type": [error]}
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "confidential_type", "expected"),
    [
        ("complaint", None, True),
        ("complaint", False, True),
        ("enquiry", None, False),
        ("enquiry", False, False),
        ("enquiry", True, True),
        ("service_request", True, True),
    ],
)
def test_confidential_for(kind, confidential_type, expected):
    request_type = (
        None
        if confidential_type is None
        else RequestTypeFactory.build(confidential=confidential_type)
    )
    assert confidential_for(kind=kind, request_type=request_type) is expected
