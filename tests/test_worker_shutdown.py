"""The demo's Celery worker stops when its whole process group is sent SIGTERM (a terminal
closing, a process manager stopping the group): the pool's children used to die of it mid-task
and the main process waited for them for ever in its warm shutdown (issue 20)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.worker_process import ROOT, wait_for


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def in_group(group: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp, after the state and the parent's pid
            pids.append(int(stat.parent.name))
    return pids


def ignores_sigterm(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = int(
        next(line for line in status.splitlines() if line.startswith("SigIgn:")).split()[1], 16
    )
    return bool(ignored & (1 << (signal.SIGTERM - 1)))


def children_ready(group: int, main: int) -> bool:
    children = [pid for pid in in_group(group) if pid != main]
    return len(children) >= 2 and all(ignores_sigterm(pid) for pid in children)


def test_sigterm_to_the_process_group_stops_the_demo_worker(tmp_path: Path):
    # The demo's embedded default (scripts/run): SQLite and the filesystem broker, in a folder
    # of its own. (On Redis the same worker happened to stop; the demo's hung every time.)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    environment.update(CYSWLLT_VAR_DIR=str(tmp_path), DJANGO_SECRET_KEY="test-only-key")
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = subprocess.Popen(
            # The pool of processes the demo and production run, not the tests' solo pool.
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=info",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    group = worker.pid
    try:
        assert wait_for(lambda: "ready." in log_path.read_text(), timeout=90), log_path.read_text()
        # "ready." can come before the pool's children have set themselves up (on a busy
        # machine, a second or more): signal the group once each child ignores SIGTERM.
        assert wait_for(lambda: children_ready(group, worker.pid), timeout=60), log_path.read_text()

        os.killpg(group, signal.SIGTERM)
        started = time.monotonic()

        # The main process first (reaped, so that it is no zombie left in the group), then the
        # pool's children.
        assert wait_for(lambda: worker.poll() is not None, timeout=40), log_path.read_text()
        assert wait_for(lambda: not group_alive(group), timeout=10), log_path.read_text()
        assert worker.returncode == 0
        assert time.monotonic() - started < 50
        assert "Warm shutdown" in log_path.read_text()
        assert "exited with 'signal 15 (SIGTERM)'" not in log_path.read_text()
    finally:
        if group_alive(group):
            os.killpg(group, signal.SIGKILL)
