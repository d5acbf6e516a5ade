"""Shared set-up for the benchmark scripts: the bench database, Django, small helpers.

The benchmark always runs against its own database (``cyswllt_bench`` unless
``BENCH_DATABASE_URL`` says otherwise), never the one ``DATABASE_URL`` points at, because
``seed.py`` drops and recreates it.
"""

import json
import os
import resource
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
META = RESULTS / "seed_meta.json"

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_bench"
)
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

_db = urlparse(BENCH_DATABASE_URL)
DB_NAME = _db.path.lstrip("/")
if "bench" not in DB_NAME:
    # seed.py drops this database: refuse anything that does not look like a bench database.
    sys.exit(f"refusing to use {DB_NAME!r}: the benchmark database name must contain 'bench'")


def bench_environ() -> dict[str, str]:
    """The environment the app (this process or gunicorn) runs with during the benchmark."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=BENCH_DATABASE_URL,
        REDIS_URL=BENCH_REDIS_URL,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    # Without DEBUG the system checks (run by gunicorn's config.wsgi) refuse the built-in key.
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-key-never-used-in-production")
    env.pop("DJANGO_DEBUG", None)
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    # The pages are timed without collectstatic, so with the static files' own names.
    env["CYSWLLT_HASHED_STATIC_FILES"] = "false"
    return env


def admin_dsn() -> str:
    """libpq DSN of the maintenance database on the same server (for DROP/CREATE DATABASE)."""
    return BENCH_DATABASE_URL.rsplit("/", 1)[0] + "/postgres"


def django_setup() -> None:
    os.environ.update(bench_environ())
    os.environ.pop("DJANGO_DEBUG", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_meta() -> dict:
    if not META.exists():
        sys.exit(f"{META} is missing: run bench/seed.py first")
    return json.loads(META.read_text())


def save_meta(meta: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    META.write_text(json.dumps(meta, indent=2, default=str))


def cpu_busy(seconds: float = 1.0) -> float:
    """Fraction of the machine's CPU time that was busy over ``seconds`` (from /proc/stat)."""
    import time

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values), idle

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(total1 - total0, 1)


def wait_quiet(limit: float = 0.15, timeout: float | None = None, label: str = "") -> float:
    """Wait (at most ``timeout`` s) until other processes leave the CPU mostly idle, so the
    measurement is not shared with someone's test run. Returns the last busy fraction."""
    import time

    if timeout is None:
        timeout = float(os.environ.get("BENCH_QUIET_TIMEOUT", "180"))
    deadline = time.monotonic() + timeout
    busy = cpu_busy()
    waited = False
    while busy > limit and time.monotonic() < deadline:
        if not waited:
            print(
                f"  ({label or 'bench'}: CPU {busy:.0%} busy with other work; waiting up to "
                f"{timeout:.0f} s for it to settle)",
                flush=True,
            )
            waited = True
        busy = cpu_busy(2.0)
    if busy > limit:
        print(
            f"  (WARNING: CPU still {busy:.0%} busy with other work: figures are pessimistic)",
            flush=True,
        )
    return busy


def proc_cpu(pid: int) -> float:
    """user + system CPU seconds a process has used so far (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants (e.g. the gunicorn master and its workers)."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parent.items() if ppid in frontier]
        tree += frontier
    return tree


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    total = sum(values[:8])
    return (total - values[3] - values[4]) / tick, total / tick


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile every page benchmark reports (p50, p95)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def pages_time(pages: dict, *, warmup: int, requests: int) -> dict:
    """Each page ``warmup`` times untimed, then ``requests`` times: for each page its
    milliseconds, query counts and the statuses seen. ``pages`` maps a name to a function of
    the request's number that makes the request; the caller holds the transaction."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for name, page in pages.items():
        for i in range(warmup):
            page(i)
        times, queries, statuses = [], [], set()
        for i in range(requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = page(i)
                times.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured.captured_queries))
            statuses.add(response.status_code)
        results[name] = (times, queries, statuses)
    return results
