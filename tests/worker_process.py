"""A real Celery worker process for end-to-end tests, on the test database and the real Redis."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def wait_for(check: Callable[[], bool], *, timeout: float = 60.0, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text()


@contextmanager
def running_celery(var_dir: Path, *args: str, name: str, **env: str) -> Iterator[Worker]:
    """``celery -A config <args>`` on the test database; its log is ``var_dir / f"{name}.log"``."""
    db = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CYSWLLT_VAR_DIR": str(var_dir),
        **env,
    }
    log_path = var_dir / f"{name}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *args],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Worker(process, log_path)
        finally:
            process_stop(process)


def process_stop(process: subprocess.Popen, *, grace: float = 20) -> None:
    """SIGTERM, then SIGKILL if it has not gone within ``grace`` seconds: a worker left
    running takes the next run's tasks from the same Redis database and test database."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running_worker(
    var_dir: Path, *, purge: bool = True, name: str = "worker", heartbeat: bool = False, **env: str
) -> Iterator[Worker]:
    """A worker on the test database; its log is ``var_dir / f"{name}.log"``. With
    ``heartbeat`` it sends Celery's event heartbeats (``operations/heartbeats.py``)."""
    from config.celery import app

    if purge:
        app.control.purge()
    with running_celery(
        var_dir,
        "worker",
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        *([] if heartbeat else ["--without-heartbeat"]),
        "--loglevel=info",
        name=name,
        **env,
    ) as worker:
        yield worker
