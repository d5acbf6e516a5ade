"""Heartbeats of the worker and of beat, and the last run of each periodic job.

**A worker** touches a file of its own (named after its node, e.g. ``celery@web-3``) in the
machine's temporary folder each time Celery's event heartbeat fires (every 2 seconds, from the
worker's main loop, while it is connected to the broker), and removes it when it stops.
``manage.py liveness worker`` reads the files of the workers on its own machine. A file on the
machine, not a key in Redis nor ``celery inspect ping``: the question a health check asks is
"is *this* worker alive", asked of each container or host separately; a ping goes through the
broker to every node and waits for replies, so it fails with the broker (restarting workers
that are fine) and slows as workers are added, while a shared key would need each check to know
its node's name. Several workers on one host each have their file; none sees another host's.

**Beat** is checked twice over, through ``operations.tasks.beat_heartbeat``, which its schedule
sends every 30 seconds. When beat publishes it, beat itself records ``beat.sent`` (the
``after_task_publish`` signal runs in the process that publishes): beat is alive and reaches the
broker and the database, which is what ``liveness beat`` asks, whatever the workers are doing.
When a worker runs it, the worker records ``beat``: periodic jobs are being run, which is what
``/readyz`` asks. Both go to the database, which every process on every machine shares.

**Each periodic job** (every task in ``CELERY_BEAT_SCHEDULE``) has its last run recorded, when
it finished and how long it took, so that the metrics read the SLA sweep's duration from the
database rather than from counters held in one worker's memory.
"""

import logging
import re
import socket
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from celery.signals import (
    after_task_publish,
    heartbeat_sent,
    task_postrun,
    task_prerun,
    worker_shutdown,
)
from django.conf import settings
from django.utils import timezone

from .models import Heartbeat

log = logging.getLogger(__name__)

BEAT_HEARTBEAT_TASK = "operations.tasks.beat_heartbeat"
#: Recorded by beat when it sends the heartbeat task, and by the worker that runs it.
BEAT_SENT = "beat.sent"
BEAT_RUN = "beat"
#: A heartbeat older than this many of its intervals is stale: one late run is not an outage.
STALE_INTERVALS = 4
#: Celery's event heartbeat fires every 2 seconds; a worker's main loop busy for a minute is
#: stuck (under the prefork pool tasks run in child processes and never hold it up).
WORKER_STALE_SECONDS = 60


def record(
    name: str, *, at: datetime, seconds: float | None = None, succeeded: bool = True
) -> None:
    """Overwrite ``name``'s row in one statement (INSERT ... ON CONFLICT DO UPDATE)."""
    Heartbeat.objects.bulk_create(
        [Heartbeat(name=name, at=at, seconds=seconds, succeeded=succeeded)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["at", "seconds", "succeeded"],
    )


def beat_interval() -> float:
    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    return float(schedule["beat-heartbeat"]["schedule"])


def beat_stale_after() -> timedelta:
    return timedelta(seconds=STALE_INTERVALS * beat_interval())


def age(name: str, *, now: datetime) -> timedelta | None:
    """How long ago ``name`` was last recorded; None if never."""
    at = Heartbeat.objects.filter(name=name).values_list("at", flat=True).first()
    return None if at is None else now - at


# --- the worker's file ------------------------------------------------------------------------


def worker_heartbeat_dir() -> Path:
    # TMPDIR, if set, moves it; each container has its own.
    return Path(tempfile.gettempdir()) / "cyswllt-worker-heartbeats"


def worker_heartbeat_file(nodename: str) -> Path:
    return worker_heartbeat_dir() / re.sub(r"[^A-Za-z0-9@._-]", "_", nodename)


def worker_heartbeat_files(*, node: str | None = None) -> list[Path]:
    """The heartbeat files of ``node``, or of every worker named after this machine (Celery
    names a worker ``<name>@<host name>``)."""
    if node:
        path = worker_heartbeat_file(node)
        return [path] if path.exists() else []
    folder = worker_heartbeat_dir()
    if not folder.is_dir():
        return []
    suffix = "@" + re.sub(r"[^A-Za-z0-9@._-]", "_", socket.gethostname())
    return sorted(path for path in folder.iterdir() if path.name.endswith(suffix))


def _worker_beats(sender: Any, **kwargs: Any) -> None:
    path = worker_heartbeat_file(sender.eventer.hostname)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError as error:
        log.warning("Could not write the worker's heartbeat file (%s).", type(error).__name__)


def _worker_stops(sender: Any = None, **kwargs: Any) -> None:
    hostname = getattr(sender, "hostname", None)
    if hostname:
        worker_heartbeat_file(hostname).unlink(missing_ok=True)


# --- beat and the periodic jobs ---------------------------------------------------------------


def _beat_sent(sender: Any = None, **kwargs: Any) -> None:
    if sender != BEAT_HEARTBEAT_TASK:
        return
    try:
        record(BEAT_SENT, at=timezone.now())
    except Exception as error:
        # Beat must go on sending the other jobs whatever happens to this record.
        log.warning("Could not record beat's heartbeat (%s).", type(error).__name__)


def periodic_task_names() -> frozenset[str]:
    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    return frozenset(entry["task"] for entry in schedule.values())


#: A run's start, by task id, from task_prerun to task_postrun in the same process.
_started: dict[str, float] = {}


def _job_starts(sender: Any = None, task_id: str = "", **kwargs: Any) -> None:
    if getattr(sender, "name", None) in periodic_task_names():
        _started[task_id] = time.monotonic()


def _job_ends(sender: Any = None, task_id: str = "", state: str = "", **kwargs: Any) -> None:
    started = _started.pop(task_id, None)
    if started is None:
        return
    try:
        record(
            f"job:{sender.name}",
            at=timezone.now(),
            seconds=time.monotonic() - started,
            succeeded=state == "SUCCESS",
        )
    except Exception as error:
        log.warning("Could not record the run of %s (%s).", sender.name, type(error).__name__)


def connect() -> None:
    heartbeat_sent.connect(_worker_beats, weak=False, dispatch_uid="cyswllt-worker-heartbeat")
    worker_shutdown.connect(_worker_stops, weak=False, dispatch_uid="cyswllt-worker-stops")
    after_task_publish.connect(_beat_sent, weak=False, dispatch_uid="cyswllt-beat-sent")
    task_prerun.connect(_job_starts, weak=False, dispatch_uid="cyswllt-job-starts")
    task_postrun.connect(_job_ends, weak=False, dispatch_uid="cyswllt-job-ends")
