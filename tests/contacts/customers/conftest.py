"""A council of three services around one customer: the contact centre (a front-line team),
waste (the root ``conftest``'s ``service``, ``team`` and ``advisor``) and highways.

``gwen`` has three cases: waste (open), highways (open) and waste (resolved).
"""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from contacts.models import Customer
from contacts.services import case_resolve
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def contact_centre(db):
    service = ServiceFactory(
        code="customer-services", name_en="Customer Services", name_cy="Gwasanaethau Cwsmeriaid"
    )
    return TeamFactory(
        service=service,
        code="contact-centre",
        name_en="Contact Centre",
        name_cy="Canolfan Gyswllt",
        front_line=True,
    )


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
    return Customer.objects.create(
        name="Gwenllian Parry",
        email="gwen@example.com",
        phone="01234 560101",
        address="3 Heol y Bryn, Llanfair",
        postcode="LL99 1AB",
        preferred_language="cy",
        preferred_contact_method="email",
    )


@pytest.fixture
def gwens_cases(gwen, service, highways, advisor):
    waste_open = make_case(service=service, customer=gwen, received_at=RECEIVED)
    highways_open = make_case(
        service=highways, customer=gwen, received_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    )
    waste_resolved = make_case(
        service=service, customer=gwen, received_at=datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    )
    case_resolve(case=waste_resolved, actor=advisor, at=RECEIVED, now=RECEIVED)
    return waste_open, highways_open, waste_resolved
