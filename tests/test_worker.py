"""End to end with a real Celery worker process on the real Redis broker: a sweep queued
through the broker flags a breached milestone and the worker e-mails the owner and manager."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from contacts.models import Milestone
from messaging.models import OutboundMessage, Purpose
from tests.factories import make_case
from tests.worker_process import running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]


@pytest.fixture
def worker(tmp_path):
    """A worker process using the test database, with e-mail written to files."""
    with running_worker(tmp_path, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"):
        yield tmp_path


def test_a_sweep_queued_through_redis_flags_the_breach_and_alerts_staff(
    worker, service, team, advisor
):
    from contacts.tasks import sla_sweep

    now = timezone.now()
    # A letter from a month ago: its 10-working-day reply is overdue, and (with no e-mail
    # address known) no acknowledgement goes out that could meet anything first.
    case = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "1 Stryd y Castell"},
        received_at=now - timedelta(days=30),
        now=now,
        team=team,
        owner=advisor,
    )

    sla_sweep.delay()

    assert wait_for(lambda: Milestone.objects.get(case=case, kind="respond").state == "breached"), (
        worker / "worker.log"
    ).read_text()
    alerts = OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT, sent_at__isnull=False)
    assert wait_for(lambda: alerts.count() == 2), (worker / "worker.log").read_text()
    sent = "".join(path.read_text() for path in (worker / "mail").glob("*.log"))
    assert f"Subject: {case.reference}: deadline missed" in sent
    assert "To: advisor@example.gov.wales" in sent
    assert "To: manager@example.gov.wales" in sent


def test_the_sweep_is_scheduled_every_minute():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sla-sweep"] == {"task": "contacts.tasks.sla_sweep", "schedule": 60.0}
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
