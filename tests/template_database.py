"""One migrated test database for the run, copied for each pytest-xdist process.

Each process needs a test database of its own (pytest-django names it after the process:
test_cyswllt_gw0...). Made the ordinary way, each runs every migration: three processes on
two cores spent their first minute migrating three databases side by side. Here the first
process to need a database migrates one, the run's template, and every process (that one
included) has PostgreSQL copy it (CREATE DATABASE ... TEMPLATE, a second or two); the
controlling process drops the template at the end.

``--reuse-db``, ``--nomigrations``, a run in one process or another database engine: the
ordinary way (``ordinary``).
"""

import fcntl
import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

#: Set by the controlling process for its workers, who inherit it: names the run's template.
RUN = "CYSWLLT_TEST_RUN"


def name_the_run() -> None:
    """In the controlling process, before it starts its workers."""
    os.environ[RUN] = uuid.uuid4().hex[:12]


def _test_database_name() -> str:
    """As Django names it (``DatabaseCreation._get_test_db_name``), after pytest-django has
    added the process's suffix."""
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    return database["TEST"].get("NAME") or f"test_{database['NAME']}"


def ordinary(*, aliases: set[str], keepdb: bool, use_migrations: bool) -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    return (
        RUN not in os.environ
        or "PYTEST_XDIST_WORKER" not in os.environ
        or keepdb
        or not use_migrations
        or aliases != {DEFAULT_DB_ALIAS}
        or connection.vendor != "postgresql"
    )


def template_name() -> str:
    """Beside the processes' databases: test_cyswllt_gw0 -> test_cyswllt_run_<run>."""
    worker = os.environ["PYTEST_XDIST_WORKER"]
    own = _test_database_name()
    return f"{own.removesuffix('_' + worker)}_run_{os.environ[RUN]}"[:63]


@contextmanager
def _one_process_at_a_time() -> Iterator[Path]:
    """A lock all of the run's processes share; yields the file that says the template is
    made."""
    folder = Path(tempfile.gettempdir())
    with open(folder / f"cyswllt-test-run-{os.environ[RUN]}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder / f"cyswllt-test-run-{os.environ[RUN]}.made"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate_template(name: str, verbosity: int) -> None:
    """Django's own test database creation, under the template's name, without serializing
    (each process serializes its copy)."""
    connection = connections[DEFAULT_DB_ALIAS]
    own_test_name = connection.settings_dict["TEST"]["NAME"]
    server_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False
        )
    finally:
        connection.close()
        connection.settings_dict["TEST"]["NAME"] = own_test_name
        connection.settings_dict["NAME"] = server_name
        settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = server_name


def _copy(template: str, target: str) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


def copy_of_the_template(verbosity: int) -> None:
    """This process's test database, copied from the run's template (made first if no other
    process has made it). ``setup_databases(keepdb=True)`` then finds it migrated."""
    template = template_name()
    with _one_process_at_a_time() as made:
        if not made.exists():
            _migrate_template(template, verbosity)
            made.touch()
        _copy(template, _test_database_name())


def drop_the_template() -> None:
    """In the controlling process, once the workers are done."""
    run = os.environ.get(RUN)
    if not run:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return
    own = _test_database_name()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(f'{own}_run_{run}'[:63])}")
    for ending in ("lock", "made"):
        Path(tempfile.gettempdir(), f"cyswllt-test-run-{run}.{ending}").unlink(missing_ok=True)
