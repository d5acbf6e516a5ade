#!/usr/bin/env python
"""Server-side time of the public standards pages on the 1,000,000-case bench database.

    .venv/bin/python bench/public_standards.py [--requests 60]

Drives the real WSGI stack (middleware, templates) with Django's test ``Client``, signed in as
nobody, in Welsh and in English:

* the Customer Care Standards, read live from the catalogue;
* how the council did against them, the last four complete quarters in turn (the first is
  the page's default), read from the evaluation's daily table of milestones.

The daily tables are derived data the beat job keeps (ADR 0011). If the seed left them empty
(a seed made before ``bench/seed.py`` filled them), they are rebuilt for every day inside the
transaction the requests run in, which is rolled back at the end like every other request:
nothing is written to the bench database either way. Target: p95 under 150 ms for each page.
"""

import argparse
import statistics
import sys
import time
from datetime import timedelta

import _env

TARGET_MS = 150.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page")
    args = parser.parse_args()

    _env.django_setup()
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from contacts.models import Case
    from performance.dashboards.daily import daily_stats_refresh
    from performance.domain.quarters import last_complete, last_day
    from performance.models import DailyMilestoneStat

    client = Client()
    newest = last_complete(timezone.localdate())
    quarters = [newest]
    while len(quarters) < 4:
        quarters.append(quarters[-1].previous())

    def performance(language: str):
        def get(i: int):
            quarter = quarters[i % len(quarters)]
            query = "" if quarter == newest else f"?quarter={quarter.code}"
            return client.get(f"/{language}/customer-care-standards/performance/{query}")

        return get

    pages = {
        "Standards (cy)": lambda i: client.get("/cy/customer-care-standards/"),
        "Standards (en)": lambda i: client.get("/en/customer-care-standards/"),
        "Performance (cy)": performance("cy"),
        "Performance (en)": performance("en"),
    }

    print(f"Public standards pages, {args.requests} requests each, not signed in")
    print(f"  cases in the database: {Case.objects.count():,}")
    with transaction.atomic():
        if not DailyMilestoneStat.objects.exists():
            first = Case.objects.order_by("received_at").values_list("received_at", flat=True)[0]
            now = timezone.now()
            started = time.perf_counter()
            daily_stats_refresh(
                first_day=first.date() - timedelta(days=1), last_day=now.date(), now=now
            )
            print(
                f"  the daily tables were empty: rebuilt in this transaction (rolled back) in "
                f"{time.perf_counter() - started:.1f} s"
            )
        for quarter in quarters:
            rows = DailyMilestoneStat.objects.filter(
                day__gte=quarter.starts_on, day__lte=last_day(quarter)
            ).count()
            months = f"{quarter.starts_on:%b}–{last_day(quarter):%b %Y}"
            print(f"  {quarter.code} ({months}): {rows:,} daily rows")
        _env.wait_quiet(label="public standards")
        results = _env.pages_time(pages, warmup=args.warmup, requests=args.requests)
        transaction.set_rollback(True)

    print()
    print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}  status")
    missed = False
    for name, (times, queries, statuses) in results.items():
        p95 = _env.percentile(times, 0.95)
        missed |= p95 >= TARGET_MS or statuses != {200}
        print(
            f"{name:<18} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f} "
            f"{max(queries):>8}  {','.join(map(str, sorted(statuses)))}"
            f"{'  MISSED' if p95 >= TARGET_MS else ''}"
        )
    print(f"target: p95 under {TARGET_MS:.0f} ms")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
