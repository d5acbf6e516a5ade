from datetime import UTC, datetime

import pytest

from accounts.models import Role
from complaints.models import ComplaintCategory
from tests.factories import CustomerFactory, UserFactory, make_case

#: Monday 2 March 2026 10:00 GMT: stage 1 (10 working days) is due Monday 16 March 17:00.
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def complaints_officer(team):
    return UserFactory(
        role=Role.COMPLAINTS_OFFICER,
        team=team,
        username="complaints",
        email="complaints@example.gov.wales",
    )


@pytest.fixture
def waste_category(db):
    return ComplaintCategory.objects.get(code="waste")


@pytest.fixture
def social_category(db):
    return ComplaintCategory.objects.get(code="adult-social-services")


@pytest.fixture
def complaint_case(service):
    customer = CustomerFactory(name="Ann Jones", email="ann@example.com", preferred_language="cy")
    return make_case(service=service, kind="complaint", customer=customer, received_at=RECEIVED)
