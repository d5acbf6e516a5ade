"""Fixtures of the API tests: two services, a user of every role, clients that speak a language.

The root ``conftest`` gives the waste service, its team (managed by ``manager``), ``advisor``
and ``administrator``; this one adds a second service with its own advisor, a county councillor
and a town or community council clerk.
"""

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import Role, Service, User
from contacts.models import Case, CaseEvent, Customer, Milestone
from tests.factories import ServiceFactory, TeamFactory, UserFactory, token_for

PASSWORD = "pass-Word-123"  # the factories' password

CASES_URL = "/api/v1/cases/"


def case_url(reference: str, action: str = "") -> str:
    return f"{CASES_URL}{reference}/{action + '/' if action else ''}"


def counts() -> dict[str, int]:
    """What a refused request must leave unchanged."""
    return {
        "cases": Case.objects.count(),
        "customers": Customer.objects.count(),
        "milestones": Milestone.objects.count(),
        "events": CaseEvent.objects.count(),
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories hash a password for every user; PBKDF2 would cost a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def highways(db) -> Service:
    return ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")


@pytest.fixture
def highways_team(highways):
    return TeamFactory(service=highways, code="highways-team")


@pytest.fixture
def highways_advisor(highways_team) -> User:
    return UserFactory(role=Role.ADVISOR, team=highways_team, username="highways-advisor")


@pytest.fixture
def councillor(db) -> User:
    return UserFactory(role=Role.COUNCILLOR, team=None, username="cllr-jones")


@pytest.fixture
def other_councillor(db) -> User:
    return UserFactory(role=Role.COUNCILLOR, team=None, username="cllr-evans")


@pytest.fixture
def clerk(db) -> User:
    return UserFactory(role=Role.CLERK, team=None, username="clerk-llanfair")


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def client_for() -> Callable[..., APIClient]:
    """An API client authenticated by token as ``user``, asking for ``language``."""

    def make(user: User, language: str = "en") -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
        return client

    return make


@pytest.fixture
def api(client_for, advisor) -> APIClient:
    """The waste advisor, in English."""
    return client_for(advisor)


@pytest.fixture
def api_cy(client_for, advisor) -> APIClient:
    """The waste advisor, in Welsh."""
    return client_for(advisor, "cy")
