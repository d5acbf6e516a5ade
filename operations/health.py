"""The checks behind ``/readyz``: each answers "ok" or a short reason, never an exception's text
(a database error names hosts and roles) and never personal data.

Nothing is cached between requests but what the code itself fixes: the migrations on disk are
read once per process (``_migrations_on_disk``), since code does not change while a process
runs, and each request compares them with the database's ``django_migrations``, which does
change (a release's ``migrate`` finishing turns a waiting web process ready). Reading them from
disk each time would import and reload every app's migrations per probe (28 ms each time here,
325 ms the first); the comparison takes about 1 ms.
"""

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

import redis
from celery import current_app
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from . import heartbeats

Key = tuple[str, str]
OK = "ok"
#: A component this installation does not use (the first run on a laptop has no Redis): not a
#: failure, and reported apart from the failures.
NOT_CONFIGURED = "not configured"
#: Seconds any one network check may take: a probe that hangs is worse than one that fails.
TIMEOUT = 1.0


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


@lru_cache(maxsize=1)
def _migrations_on_disk() -> tuple[frozenset[Key], dict[Key, frozenset[Key]]]:
    """Every migration the code holds, and what each squashed one replaces (with no
    connection, the loader keeps a squashed migration in place of those it replaces)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    replacements = {
        key: frozenset((app, name) for app, name in migration.replaces)
        for key, migration in loader.replacements.items()
    }
    return frozenset(loader.graph.nodes), replacements


def migrations() -> str:
    on_disk, replacements = _migrations_on_disk()
    # One query; a database without the table fails the check (ProgrammingError).
    applied = set(MigrationRecorder(connection).migration_qs.values_list("app", "name"))
    unapplied = [
        key
        for key in on_disk
        if key not in applied
        # Django counts a squashed migration applied once all it replaces are.
        and not (key in replacements and replacements[key] <= applied)
    ]
    return OK if not unapplied else f"{len(unapplied)} not applied"


def redis_server() -> str:
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT
    )
    try:
        client.ping()
    finally:
        client.close()
    return OK


def broker() -> str:
    with current_app.connection_for_write(connect_timeout=TIMEOUT) as conn:
        # Connecting opens a channel, which the Redis transport does with a PING.
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT)
    return OK


def beat(*, now: datetime) -> str:
    age = heartbeats.age(heartbeats.BEAT_RUN, now=now)
    if age is None:
        return "no heartbeat yet"
    if age > heartbeats.beat_stale_after():
        return f"last heartbeat {int(age.total_seconds())} s ago"
    return OK


def run_checks(*, now: datetime) -> dict[str, str]:
    """Every check's answer, each run whatever the others found."""
    checks: dict[str, Callable[[], str]] = {
        "database": database,
        "migrations": migrations,
        "redis": redis_server,
        "broker": broker,
        "beat": lambda: beat(now=now),
    }
    answers = {}
    for name, check in checks.items():
        try:
            answers[name] = check()
        except Exception as error:
            answers[name] = f"failed: {type(error).__name__}"
    return answers
