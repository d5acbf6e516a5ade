"""Fixtures of the customer record's tests (see ``world``)."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from contacts.services import case_resolve
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

from .world import RECEIVED, build_customer_world, front_line_team, gwenllian


@pytest.fixture
def contact_centre(db):
    return front_line_team()


@pytest.fixture
def front_line(contact_centre):
    return UserFactory(
        role=Role.ADVISOR,
        team=contact_centre,
        username="front-line",
        first_name="Dafydd",
        last_name="Hughes",
    )


@pytest.fixture
def highways(db):
    return ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")


@pytest.fixture
def highways_advisor(highways):
    team = TeamFactory(service=highways, code="highways-team")
    return UserFactory(role=Role.ADVISOR, team=team, username="highways-advisor")


@pytest.fixture
def gwen(db):
    return gwenllian()


@pytest.fixture
def gwens_cases(gwen, service, highways, advisor):
    """Waste (open, 2 March), highways (open, 3 March), waste (resolved, 2 February)."""
    waste_open = make_case(service=service, customer=gwen, received_at=RECEIVED)
    highways_open = make_case(
        service=highways, customer=gwen, received_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    )
    waste_resolved = make_case(
        service=service, customer=gwen, received_at=datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    )
    case_resolve(case=waste_resolved, actor=advisor, at=RECEIVED, now=RECEIVED)
    return waste_open, highways_open, waste_resolved


@pytest.fixture
def world(service, team, advisor):
    """The whole council of ``world``, for the pages and the API."""
    return build_customer_world(service=service, team=team, advisor=advisor)
