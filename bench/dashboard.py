#!/usr/bin/env python
"""Server-side time of the managers' pages on the 1,000,000-case bench database, in-process.

    .venv/bin/python bench/dashboard.py [--requests 40] [--manager waste-north-manager]

First the jobs that keep the figures (timed once each, as the beat runs them): the SLA
snapshot, the daily tables' recent refresh (60 days) and a rebuild of every day since the
first case. Then the pages through the real WSGI stack with Django's test ``Client``, signed
in as a seeded manager and as an administrator (every service): the SLA dashboard, its htmx
refresh, a drill-down to the breached cases, and the standards evaluation for a year.

Nothing but the derived tables is written; page requests run in a transaction rolled back at
the end. Targets: dashboard p95 < 300 ms, evaluation report p95 < 2 s.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import datetime, timedelta

import _env

TARGETS_MS = {"dashboard": 300.0, "evaluation": 2000.0}


def timed(label: str, job) -> float:
    started = time.perf_counter()
    job()
    seconds = time.perf_counter() - started
    print(f"  {label:<52} {seconds * 1000:9.0f} ms", flush=True)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--manager", default="waste-north-manager")
    args = parser.parse_args()

    _env.django_setup()
    from django.conf import settings
    from django.contrib.auth import user_logged_in
    from django.contrib.auth.models import update_last_login
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Role, User
    from contacts.models import Case
    from performance.dashboards.daily import daily_stats_refresh, daily_stats_refresh_recent
    from performance.dashboards.live import sla_snapshot_take
    from performance.models import DailyCaseStat, DailyMilestoneStat, SlaSnapshot

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user_logged_in.disconnect(update_last_login)
    now = datetime.fromisoformat(json.loads(_env.META.read_text())["now"])
    first_case = Case.objects.order_by("received_at").values_list("received_at", flat=True)[0]

    print(f"Managers' pages on {Case.objects.count():,} cases; now = {now:%Y-%m-%d %H:%M} UTC")
    _env.wait_quiet(label="dashboard")
    print("Jobs (each once):")
    jobs = {
        "snapshot": timed("SLA snapshot (every minute)", lambda: sla_snapshot_take(now=now)),
        "recent": timed(
            "daily tables, last 60 days (every 15 minutes)",
            lambda: daily_stats_refresh_recent(now=now),
        ),
        "rebuild": timed(
            "daily tables, every day since the first case",
            lambda: daily_stats_refresh(
                first_day=first_case.date() - timedelta(days=1), last_day=now.date(), now=now
            ),
        ),
    }
    print(
        f"  rows: snapshot {SlaSnapshot.objects.count():,}, daily milestones "
        f"{DailyMilestoneStat.objects.count():,}, daily cases {DailyCaseStat.objects.count():,}"
    )

    manager = User.objects.select_related("team").get(username=args.manager)
    admin = (
        User.objects.filter(role=Role.ADMINISTRATOR).first()
        or User.objects.filter(is_superuser=True).first()
    )
    year = f"first={(now.date() - timedelta(days=365)).isoformat()}&last={now.date()}&grain=month"
    weeks = f"first={(now.date() - timedelta(days=91)).isoformat()}&last={now.date()}&grain=week"
    pages = [
        ("dashboard", "dashboard (manager)", manager, "/en/sla-dashboard/", {}),
        (
            "dashboard",
            "dashboard htmx refresh",
            manager,
            "/en/sla-dashboard/",
            {"HX-Request": "true"},
        ),
        ("dashboard", "dashboard (administrator)", admin, "/en/sla-dashboard/", {}),
        (
            "drill",
            "breached cases (manager)",
            manager,
            "/en/sla-dashboard/cases/?bucket=breached",
            {},
        ),
        (
            "evaluation",
            "evaluation, 12 months (manager)",
            manager,
            f"/en/standards-evaluation/?{year}",
            {},
        ),
        (
            "evaluation",
            "evaluation, 12 months (administrator)",
            admin,
            f"/en/standards-evaluation/?{year}",
            {},
        ),
        (
            "evaluation",
            "evaluation, 13 weeks (administrator)",
            admin,
            f"/en/standards-evaluation/?{weeks}",
            {},
        ),
        (
            "evaluation",
            "export XLSX, 12 months (administrator)",
            admin,
            f"/en/standards-evaluation/met-by-standard.xlsx?{year}",
            {},
        ),
    ]
    results = []
    with transaction.atomic():
        for kind, name, user, url, headers in pages:
            if user is None:
                continue
            client = Client()
            client.force_login(user)
            for _ in range(args.warmup):
                client.get(url, headers=headers)
            times, queries, statuses = [], [], set()
            for _ in range(args.requests):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, headers=headers)
                    times.append((time.perf_counter() - started) * 1000)
                queries.append(len(captured.captured_queries))
                statuses.add(response.status_code)
            results.append((kind, name, times, queries, statuses))
        transaction.set_rollback(True)

    print()
    print(f"{'page':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}  status")
    missed = False
    for kind, name, times, queries, statuses in results:
        p95 = _env.percentile(times, 0.95)
        target = TARGETS_MS.get(kind)
        miss = target is not None and p95 >= target
        missed |= miss
        print(
            f"{name:<42} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f} "
            f"{max(queries):>8}  {','.join(map(str, sorted(statuses)))}{'  MISSED' if miss else ''}"
        )
    print("targets: dashboard p95 < 300 ms, evaluation report p95 < 2 s")
    summary = {
        "jobs_seconds": jobs,
        "pages": {n: _env.percentile(t, 0.95) for _k, n, t, _q, _s in results},
    }
    (_env.RESULTS / "dashboard.json").write_text(json.dumps(summary, indent=2))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
