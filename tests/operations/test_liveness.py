"""``manage.py liveness worker`` and ``manage.py liveness beat``: 0 while alive, 1 with a
one-line reason when not (issue 20); and with a real worker and beat, the heartbeats they
write (operations/heartbeats.py)."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from contacts.tasks import sla_sweep
from operations import heartbeats
from operations.models import Heartbeat
from tests.worker_process import ROOT, running_celery, running_worker, wait_for


@pytest.fixture
def heartbeat_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / "cyswllt-worker-heartbeats"


def liveness(*args: str) -> str:
    try:
        call_command("liveness", *args)
    except CommandError as error:
        assert error.returncode == 1
        return str(error)
    return ""


def beating(folder, name: str, *, seconds_ago: float = 0) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.touch()
    then = time.time() - seconds_ago
    os.utime(path, (then, then))


def test_no_worker_on_this_machine(heartbeat_dir):
    beating(heartbeat_dir, "celery@another-machine")

    assert liveness("worker") == "no heartbeat from any worker on this machine"


def test_every_worker_on_this_machine_must_beat(heartbeat_dir):
    host = socket.gethostname()
    beating(heartbeat_dir, f"celery@{host}")
    beating(heartbeat_dir, "celery@another-machine", seconds_ago=600)
    assert liveness("worker") == ""

    beating(heartbeat_dir, f"mail@{host}", seconds_ago=61)
    assert liveness("worker") == f"mail@{host}: last heartbeat 61 s ago"
    assert liveness("worker", "--node", f"celery@{host}") == ""
    assert liveness("worker", "--node", "celery@elsewhere") == "no heartbeat from celery@elsewhere"


@pytest.mark.django_db
def test_beat_sent_its_heartbeat_recently():
    assert liveness("beat") == "beat has sent no heartbeat yet"

    heartbeats.record(heartbeats.BEAT_SENT, at=timezone.now() - timedelta(seconds=121))
    assert liveness("beat") == "beat's last heartbeat was 121 s ago"

    heartbeats.record(heartbeats.BEAT_SENT, at=timezone.now() - timedelta(seconds=29))
    assert liveness("beat") == ""


def manage(*args: str, tmp: str) -> subprocess.CompletedProcess:
    db = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "TMPDIR": tmp,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def last_sent_an_interval_ago(name: str) -> None:
    """Beat's entry for its heartbeat (``name`` in its schedule) in its database schedule, as a
    beat that last sent it one interval ago left it."""
    seconds = heartbeats.beat_interval()
    every = IntervalSchedule.objects.create(every=int(seconds), period="seconds")
    PeriodicTask.objects.create(
        name=name,
        task=heartbeats.BEAT_HEARTBEAT_TASK,
        interval=every,
        last_run_at=timezone.now() - timedelta(seconds=seconds),
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker")
def test_a_real_worker_and_beat(tmp_path):
    folder = tmp_path / "cyswllt-worker-heartbeats"
    with running_worker(
        tmp_path, heartbeat=True, TMPDIR=str(tmp_path), CYSWLLT_LOG_FORMAT="json"
    ) as worker:
        assert wait_for(lambda: any(folder.glob("*@*"))), worker.output()
        alive = manage("liveness", "worker", tmp=str(tmp_path))
        assert (alive.returncode, alive.stdout) == (0, "worker alive\n"), alive.stderr

        sla_sweep.delay()
        # Beat sends its heartbeat every 30 s, the first 30 s after it starts: unless, as
        # here, its schedule says the last one went an interval ago, when it sends it at once
        # (beat keeps the schedule's entry and its last run, and only updates the interval).
        last_sent_an_interval_ago("beat-heartbeat")
        with running_celery(tmp_path, "beat", "--loglevel=info", name="beat") as beat:
            assert wait_for(
                lambda: Heartbeat.objects.filter(name=heartbeats.BEAT_RUN).exists(), timeout=90
            ), beat.output() + worker.output()
            beat_alive = manage("liveness", "beat", tmp=str(tmp_path))
        assert (beat_alive.returncode, beat_alive.stdout) == (0, "beat alive\n")
        assert Heartbeat.objects.filter(name=heartbeats.BEAT_SENT).exists()
        sweep = Heartbeat.objects.get(name="job:contacts.tasks.sla_sweep")
        assert sweep.succeeded and sweep.seconds is not None and 0 < sweep.seconds < 30
        # The worker's own log lines are JSON too (its banner is printed, not logged).
        logged = [json.loads(line) for line in worker.output().splitlines() if line[:1] == "{"]
        assert any(event["logger"].startswith("celery") for event in logged), worker.output()

    stopped = manage("liveness", "worker", tmp=str(tmp_path))
    assert stopped.returncode == 1
    assert stopped.stderr.strip().splitlines() == [
        "CommandError: no heartbeat from any worker on this machine"
    ]
