"""/healthz and /readyz: answered to anyone, in JSON, before the language, session, host and
https machinery; /readyz says which check failed and answers 503 when a required one did
(issue 20)."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from celery import current_app
from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from operations import heartbeats
from operations.views import ENDPOINTS

pytestmark = pytest.mark.django_db

EVERYTHING = "database,migrations,redis,broker,beat"


@pytest.fixture
def beat_alive(db):
    heartbeats.record(heartbeats.BEAT_RUN, at=timezone.now())


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_probe_by_address_over_plain_http_is_answered(client, settings, path):
    """A platform's probe addresses the container by its IP, over http, behind a TLS proxy."""
    settings.ALLOWED_HOSTS = ["cyswllt.example.gov.wales"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(path, HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_readyz_with_everything_up(client, settings, beat_alive):
    settings.CYSWLLT_READINESS_REQUIRES = frozenset(EVERYTHING.split(","))

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "failed": [],
        "not_configured": [],
        "required": ["beat", "broker", "database", "migrations", "redis"],
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "redis": "ok",
            "broker": "ok",
            "beat": "ok",
        },
    }


def test_a_migration_not_applied_makes_it_not_ready(client, beat_alive):
    MigrationRecorder.Migration.objects.filter(app="operations", name="0001_heartbeats").delete()

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["failed"] == ["migrations"]
    assert body["checks"]["migrations"] == "1 not applied"


def test_a_database_down_makes_it_not_ready(client, monkeypatch, beat_alive):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 failed: password for cyswllt")

    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "cursor", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["database", "migrations", "beat"]
    assert body["checks"]["database"] == "failed: OperationalError"
    # The error's text (hosts, roles) stays out of the answer.
    assert "10.0.0.5" not in response.content.decode()


def test_redis_and_the_broker_away_are_reported_but_do_not_take_it_out(
    client, settings, monkeypatch, beat_alive
):
    """A proxy that dropped every web process while Redis was away would turn a slower
    service (common/cache.py) into an outage; operators may require them."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setitem(current_app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["failed"] == ["redis", "broker"]
    assert body["not_configured"] == []
    assert body["checks"]["redis"] == "failed: ConnectionError"
    assert body["checks"]["broker"] == "failed: OperationalError"

    settings.CYSWLLT_READINESS_REQUIRES = frozenset({"database", "redis"})
    assert client.get("/readyz").status_code == 503


def test_a_new_database_connection_gives_up_after_the_connect_timeout():
    """A database host that drops packets would otherwise hold the check (and any request)
    for as long as the kernel retries; libpq's connect_timeout bounds it."""
    params = connection.get_connection_params()
    assert params["connect_timeout"] == 5
    assert params["options"] == "-c jit=off"  # set beside it, and kept

    connection.ensure_connection()
    # What libpq itself was given for the open connection.
    assert connection.connection.info.get_parameters()["connect_timeout"] == "5"


def connect_timeout_with(database_url: str, setting: str | None) -> str:
    """The connect_timeout a fresh process's settings give the connection."""
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_CONNECT_TIMEOUT"}
    if setting is not None:
        environ["DATABASE_CONNECT_TIMEOUT"] = setting
    code = (
        "from django.db import connection; "
        "print(connection.get_connection_params()['connect_timeout'])"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def test_the_connect_timeout_is_read_from_the_environment():
    url = "postgres://cyswllt@db.example:5432/cyswllt"

    assert connect_timeout_with(url, None) == "5"
    assert connect_timeout_with(url, "12") == "12"
    # The database address's own wins over the setting.
    assert connect_timeout_with(f"{url}?connect_timeout=7", "12") == "7"


def test_redis_not_configured_is_no_failure(client, settings, beat_alive):
    """The first run on a laptop has no Redis (a database cache, a filesystem broker): that is
    how it is set up, not something that failed."""
    settings.REDIS_URL = ""

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["failed"] == []
    assert body["not_configured"] == ["redis"]
    assert body["checks"]["redis"] == "not configured"


def test_a_required_check_not_configured_makes_it_not_ready(client, settings, beat_alive):
    """Required means it must answer ok: Redis required and none configured is not ready."""
    settings.REDIS_URL = ""
    settings.CYSWLLT_READINESS_REQUIRES = frozenset({"database", "migrations", "redis"})

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert (body["failed"], body["not_configured"]) == ([], ["redis"])


def test_a_stale_or_missing_beat_heartbeat(client, settings):
    settings.CYSWLLT_READINESS_REQUIRES = frozenset({"database", "beat"})

    never = client.get("/readyz")
    heartbeats.record(heartbeats.BEAT_RUN, at=timezone.now() - timedelta(seconds=125))
    stale = client.get("/readyz")
    heartbeats.record(heartbeats.BEAT_RUN, at=timezone.now() - timedelta(seconds=100))
    late_but_alive = client.get("/readyz")

    assert (never.status_code, never.json()["checks"]["beat"]) == (503, "no heartbeat yet")
    assert stale.status_code == 503
    assert stale.json()["checks"]["beat"] == "last heartbeat 125 s ago"
    assert late_but_alive.status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_only_get_and_head(client, path):
    response = client.post(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_the_language_prefixed_paths_are_not_probes(client):
    assert client.get("/en/healthz").status_code == 404


def test_no_other_path_skips_the_middleware():
    """The route matrix (docs/security.md) cannot see these: a new one is decided here."""
    assert sorted(ENDPOINTS) == ["/healthz", "/metrics", "/readyz"]
