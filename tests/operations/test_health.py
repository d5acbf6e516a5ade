"""/healthz and /readyz: answered to anyone, in JSON, before the language, session, host and
https machinery; /readyz says which check failed and answers 503 when a required one did
(issue 20)."""

from datetime import timedelta

import pytest
from celery import current_app
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
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
    assert body["checks"]["redis"] == "failed: ConnectionError"
    assert body["checks"]["broker"] == "failed: OperationalError"

    settings.CYSWLLT_READINESS_REQUIRES = frozenset({"database", "redis"})
    assert client.get("/readyz").status_code == 503


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
