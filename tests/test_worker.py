"""End to end with a real Celery worker process on the real Redis broker: a sweep queued
through the broker flags a breached milestone and the worker e-mails the owner and manager."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from contacts.models import Milestone, SlaAlert
from tests.factories import make_case

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]


def wait_for(check, *, timeout: float = 60.0, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def worker(tmp_path):
    """A worker process using the test database, with e-mail written to files."""
    from config.celery import app

    app.control.purge()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CYSWLLT_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield tmp_path
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_a_sweep_queued_through_redis_flags_the_breach_and_alerts_staff(
    worker, service, team, advisor
):
    from contacts.tasks import sla_sweep

    now = timezone.now()
    case = make_case(
        service=service, received_at=now - timedelta(days=2), now=now, team=team, owner=advisor
    )

    sla_sweep.delay()

    assert wait_for(
        lambda: Milestone.objects.get(case=case, kind="acknowledge").state == "breached"
    ), (worker / "worker.log").read_text()
    assert wait_for(lambda: SlaAlert.objects.filter(sent_at__isnull=False).count() == 2), (
        worker / "worker.log"
    ).read_text()
    sent = "".join(path.read_text() for path in (worker / "mail").glob("*.log"))
    assert f"Subject: {case.reference}: deadline missed" in sent
    assert "To: advisor@example.gov.wales" in sent
    assert "To: manager@example.gov.wales" in sent


def test_the_sweep_is_scheduled_every_minute():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sla-sweep"] == {"task": "contacts.tasks.sla_sweep", "schedule": 60.0}
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
