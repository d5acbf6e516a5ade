import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import Role
from messaging.handoff import DRAIN_FLAG
from standards.selectors import CASE_RULES_VERSION_KEY

from .factories import ServiceFactory, TeamFactory, UserFactory
from .parallel import redis_url_for_worker
from .quick_reset import install as install_quick_reset
from .second_factor import install as install_second_factor_sign_in

PLAIN_STATIC_FILES = "django.contrib.staticfiles.storage.StaticFilesStorage"


def pytest_configure(config):
    """A cheap password hasher; and under pytest-xdist, where each worker process has a test
    database of its own (pytest-django names it after the worker), a Redis database of its
    own too, for the cache and the Celery broker are as shared as the database. Django has
    opened neither yet."""
    # Production's hasher spends a third of a second on a password, by design; the suite
    # makes thousands of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # force_login signs in past the second factor too (tests/second_factor.py).
    install_second_factor_sign_in()
    # Transactional tests empty and refill the database by DELETE and one INSERT per table,
    # not TRUNCATE and a row at a time: seconds a test (tests/quick_reset.py).
    install_quick_reset()
    # Static files as they are, not under hashed names: the suite runs without collectstatic
    # (tests/test_static_files.py collects them itself). Processes the tests start inherit it.
    os.environ["CYSWLLT_HASHED_STATIC_FILES"] = "false"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_FILES}}
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not settings.REDIS_URL:
        return
    url = redis_url_for_worker(settings.REDIS_URL, worker)
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    settings.CELERY_BROKER_URL = url


@pytest.fixture(autouse=True)
def english():
    """Tests speak English unless they ask for Welsh (the site's default language is Welsh)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_case_rules():
    """The cached standards and calendar live in the shared Redis, and so does the flag that
    says the outbox is being drained: each test starts afresh."""
    cache.delete_many([CASE_RULES_VERSION_KEY, DRAIN_FLAG])
    yield
    cache.delete_many([CASE_RULES_VERSION_KEY, DRAIN_FLAG])


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
