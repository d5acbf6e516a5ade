import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import Role
from messaging.handoff import DRAIN_FLAG
from standards.selectors import CASE_RULES_VERSION_KEY

from . import template_database
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
    config.addinivalue_line(
        "markers",
        "long: runs for tens of seconds; started first among the tests of its kind "
        "(long_ones_first)",
    )
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker and config.getoption("numprocesses", None):
        template_database.name_the_run()
    if not worker or not settings.REDIS_URL:
        return
    url = redis_url_for_worker(settings.REDIS_URL, worker)
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    settings.CELERY_BROKER_URL = url


def pytest_sessionfinish(session):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from pytest_django.plugin import blocking_manager_key

        with session.config.stash[blocking_manager_key].unblock():
            template_database.drop_the_template()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's, but under pytest-xdist each process copies one migrated database
    rather than running every migration itself (tests/template_database.py)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    copied = not template_database.ordinary(
        aliases=aliases, keepdb=keepdb, use_migrations=django_db_use_migrations
    )
    if not django_db_use_migrations:
        _disable_migrations()
    with django_db_blocker.unblock():
        if copied:
            template_database.copy_of_the_template(verbosity)
        databases = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb or copied,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    long_ones_first(items)


def long_ones_first(items: list[pytest.Item]) -> None:
    """Moves the tests marked ``long`` to the front of their run of tests of one kind, as
    pytest-django has ordered them (plain database tests, then transactional ones, then those
    without the database), keeping that order otherwise; a long test without the database
    leads the whole run. pytest-xdist hands tests out in this order, a few ahead to each
    process: a minute-long test handed out near the end runs on alone after the other
    processes have run out of tests; at the front of its kind it runs beside short ones."""

    def place(index: int) -> tuple[int, bool, int]:
        kind = _django_kind(items[index])
        long = items[index].get_closest_marker("long") is not None
        return (-1 if long and kind == 2 else kind, not long, index)

    items[:] = [items[i] for i in sorted(range(len(items)), key=place)]


def _django_kind(item: pytest.Item) -> int:
    """pytest-django's order (its ``pytest_collection_modifyitems``): 0 for a test in a
    transaction rolled back, 1 for a transactional test, 2 for a test without the database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    ):
        return 1
    return 0 if marker or "db" in fixtures else 2


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
