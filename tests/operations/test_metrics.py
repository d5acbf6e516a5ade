"""/metrics: protected by a bearer token, and Cyswllt's figures counted from the database at
scrape time, set-based (issue 20)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from channels_app.models import QuarantinedMessage
from contacts.models import Milestone
from messaging.models import OutboundMessage
from operations import heartbeats
from tests.factories import make_case

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-for-the-tests"


@pytest.fixture(autouse=True)
def token(settings):
    settings.CYSWLLT_METRICS_TOKEN = TOKEN


def scrape(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def cyswllt(samples, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {labels: value for (sample, labels), value in samples.items() if sample == name}


def message(key: str, *, state: str, method: str = "email", created_at: datetime) -> None:
    OutboundMessage.objects.create(
        key=key,
        purpose="acknowledgement",
        method=method,
        language="cy",
        recipient="someone@example.com",
        state=state,
        next_attempt_at=created_at,
        created_at=created_at,
    )


def test_without_a_token_set_there_are_no_metrics(client, settings):
    settings.CYSWLLT_METRICS_TOKEN = ""

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_a_scrape_without_the_token_is_refused(client, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}

    response = client.get("/metrics", **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert response.content == b""


def test_the_open_milestones_by_standard_and_state(client, service):
    cases = [make_case(service=service) for _ in range(3)]
    (code,) = {case.standard.code for case in cases}
    per_case = Milestone.objects.filter(case=cases[0]).count()
    Milestone.objects.filter(case=cases[0]).update(state="breached")
    Milestone.objects.filter(case=cases[1]).update(state="due_soon")
    Milestone.objects.filter(case=cases[2]).update(state="met")

    open_milestones = cyswllt(scrape(client), "cyswllt_milestones_open")

    assert per_case >= 1
    assert open_milestones == {
        (("standard", code), ("state", "breached")): per_case,
        (("standard", code), ("state", "due_soon")): per_case,
    }


def test_the_outbox_backlog_the_oldest_owed_and_the_failures(client):
    OutboundMessage.objects.all().delete()
    now = timezone.now()
    message("a", state="queued", created_at=now - timedelta(minutes=10))
    message("b", state="queued", created_at=now - timedelta(minutes=2))
    message("c", state="sending", created_at=now - timedelta(minutes=1))
    message("d", state="to_post", method="letter", created_at=now - timedelta(days=3))
    message("e", state="sent", created_at=now - timedelta(days=30))
    message("f", state="failed", created_at=now - timedelta(days=1))
    message("g", state="failed", method="sms", created_at=now - timedelta(days=1))
    message("h", state="failed", method="sms", created_at=now - timedelta(days=1))

    samples = scrape(client)

    assert cyswllt(samples, "cyswllt_outbox_backlog") == {
        (("state", "queued"),): 2,
        (("state", "sending"),): 1,
        (("state", "to_post"),): 1,
    }
    assert cyswllt(samples, "cyswllt_messages_failed") == {
        (("method", "email"),): 1,
        (("method", "sms"),): 2,
        (("method", "letter"),): 0,
        (("method", "fax"),): 0,
    }
    # The letter waiting three days for the post is not owed by a worker: ten minutes is.
    (oldest,) = cyswllt(samples, "cyswllt_outbox_oldest_owed_age_seconds").values()
    assert 600 <= oldest < 600 + 60


def test_nothing_owed_is_an_age_of_zero(client):
    OutboundMessage.objects.all().delete()

    assert cyswllt(scrape(client), "cyswllt_outbox_oldest_owed_age_seconds") == {(): 0}


def test_the_quarantine_by_channel_reason_and_review(client):
    received = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    for channel, reason, reviewed in [
        ("email", "malformed", None),
        ("email", "malformed", None),
        ("email", "malformed", received),
        ("sms", "no_service", None),
    ]:
        QuarantinedMessage.objects.create(
            channel=channel,
            reason=reason,
            raw=b"x",
            size=1,
            received_at=received,
            reviewed_at=reviewed,
        )

    assert cyswllt(scrape(client), "cyswllt_inbound_quarantined") == {
        (("channel", "email"), ("reason", "malformed"), ("reviewed", "false")): 2,
        (("channel", "email"), ("reason", "malformed"), ("reviewed", "true")): 1,
        (("channel", "sms"), ("reason", "no_service"), ("reviewed", "false")): 1,
        (("channel", "sms"), ("reason", "no_service"), ("reviewed", "true")): 0,
    }


def test_the_sweeps_last_run_and_the_heartbeats(client):
    finished = datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC)
    heartbeats.record("job:contacts.tasks.sla_sweep", at=finished, seconds=0.25)
    heartbeats.record(
        "job:messaging.tasks.messages_redispatch", at=finished, seconds=1.5, succeeded=False
    )
    heartbeats.record(heartbeats.BEAT_SENT, at=finished)

    samples = scrape(client)

    sweep = (("job", "contacts.tasks.sla_sweep"),)
    redispatch = (("job", "messaging.tasks.messages_redispatch"),)
    assert cyswllt(samples, "cyswllt_job_last_run_duration_seconds") == {
        sweep: 0.25,
        redispatch: 1.5,
    }
    assert cyswllt(samples, "cyswllt_job_last_run_succeeded") == {sweep: 1, redispatch: 0}
    assert cyswllt(samples, "cyswllt_job_last_run_timestamp_seconds")[sweep] == (
        finished.timestamp()
    )
    assert cyswllt(samples, "cyswllt_heartbeat_timestamp_seconds") == {
        (("name", "beat.sent"),): finished.timestamp()
    }


def test_a_scrape_costs_the_same_queries_however_many_rows(client, service):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            scrape(client)
        return len(captured)

    few = queries()
    for _ in range(5):
        make_case(service=service)

    assert queries() == few <= 6


def test_the_requests_are_counted_by_django_prometheus_but_not_the_probes(client):
    before = scrape(client)
    client.get("/en/")
    client.get("/healthz")

    after = scrape(client)

    def counted(samples) -> float:
        return samples.get(("django_http_requests_total_by_method_total", (("method", "GET"),)), 0)

    # The page alone: probes and scrapes are answered before the counting starts.
    assert counted(after) - counted(before) == 1
    assert cyswllt(after, "cyswllt_database_up") == {(): 1}
