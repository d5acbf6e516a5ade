import pytest
from django.core.cache import cache
from django.utils import translation

from accounts.models import Role
from standards.selectors import CASE_RULES_VERSION_KEY

from .factories import ServiceFactory, TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def english():
    """Tests speak English unless they ask for Welsh (the site's default language is Welsh)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_case_rules():
    """The cached standards and calendar live in the shared Redis; each test starts afresh."""
    cache.delete(CASE_RULES_VERSION_KEY)
    yield
    cache.delete(CASE_RULES_VERSION_KEY)


@pytest.fixture(autouse=True)
def texts_to_files(settings, tmp_path):
    """No test sends a real text, whatever NOTIFY_API_KEY the shell has: tests that need
    Notify point the backend at the local Notify server themselves."""
    settings.CYSWLLT = {
        **settings.CYSWLLT,
        "SMS_BACKEND": "messaging.backends.sms.FileSmsBackend",
    }
    settings.SMS_FILE_PATH = tmp_path / "sms"


@pytest.fixture
def service(db):
    return ServiceFactory(
        code="waste", name_en="Waste and recycling", name_cy="Gwastraff ac ailgylchu"
    )


@pytest.fixture
def team(service):
    manager = UserFactory(
        role=Role.MANAGER,
        team=None,
        username="manager",
        email="manager@example.gov.wales",
        preferred_language="cy",
    )
    team = TeamFactory(service=service, code="waste-team", manager=manager)
    manager.team = team
    manager.save(update_fields=["team"])
    return team


@pytest.fixture
def advisor(team):
    return UserFactory(
        role=Role.ADVISOR, team=team, username="advisor", email="advisor@example.gov.wales"
    )


@pytest.fixture
def administrator(db):
    return UserFactory(
        role=Role.ADMINISTRATOR, team=None, username="admin", is_staff=True, is_superuser=True
    )
