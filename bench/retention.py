#!/usr/bin/env python
"""Time the retention job (ADR 0030) on the seeded database while the SLA sweep and case
creation run beside it.

    .venv/bin/python bench/retention.py [--due 100000] [--batch 1000]

DESTRUCTIVE: the cases it anonymises stay anonymised; run bench/seed.py again before a second
run. On a small seed (``bench/seed.py --cases 20000 --open 6000 --customers 8000``) pass a
smaller ``--due``.

1. Makes ``--due`` of the seed's closed cases due: closed seven years before the seed's "now"
   (the default schedule keeps six years at most), spread over ten weeks as real closures are.
2. Starts two threads, each with its own database connection: the SLA sweep back to back
   (``contacts.sla.sla_sweep``) and case creation back to back (``case_create``, an e-mail to
   the first service, a new customer each), timing every pass and every case.
3. Runs ``retention_apply`` at the seed's "now" and times it.
4. Prints the run's time, cases anonymised, customers removed, cases per second, and the
   sweep's and case creation's latencies (p50, p95, max) during the run.

Target: 100,000 due cases in under 60 s (judged on the run's rate, as the seed makes more
cases due of itself), the sweep and case creation never blocked. Exit status 1 when missed.
"""

import argparse
import statistics
import threading
import time
from datetime import datetime, timedelta

import _env

TARGET_S = 60.0
TARGET_CASES = 100_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--due", type=int, default=100_000, help="cases to make due")
    parser.add_argument("--batch", type=int, default=1000, help="cases per transaction")
    return parser.parse_args()


def make_due(count: int, now: datetime) -> int:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE contacts_case
            SET status = 'closed', closed_at = %s - (id %% 100000) * interval '1 minute'
            WHERE id IN (
                SELECT id FROM contacts_case
                WHERE status IN ('resolved', 'closed') AND anonymised_at IS NULL
                ORDER BY id LIMIT %s
            )
            """,
            [now - timedelta(days=7 * 366), count],
        )
        return cursor.rowcount


def due_count(now: datetime) -> int:
    """How many cases the run will find due: the seed's schedule makes some due of itself
    (service requests after 24 months), so the run does more than ``--due``; the rate is what
    the target is judged on."""
    from django.db import transaction
    from django.utils import timezone

    from dataprotection.retention_selectors.retention import due_cases_claim

    class Rollback(Exception):
        pass

    count = 0
    try:
        with transaction.atomic():
            batch = due_cases_claim(today=timezone.localdate(now), limit=10**8)
            count = len(batch.anonymise) + len(batch.delete)
            raise Rollback  # the claim's locks go with it
    except Rollback:
        pass
    return count


class Beside(threading.Thread):
    """Runs ``work`` back to back until told to stop, timing each call (seconds)."""

    def __init__(self, name: str, work) -> None:
        super().__init__(name=name, daemon=True)
        self.work = work
        self.times: list[float] = []
        self.errors = 0
        self.stop = threading.Event()

    def run(self) -> None:
        from django.db import connection

        try:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    self.work()
                except Exception:
                    self.errors += 1
                self.times.append(time.perf_counter() - started)
        finally:
            connection.close()


def sweep(now: datetime):
    from contacts import sla

    return lambda: sla.sla_sweep(now=now)


def create(now: datetime):
    from accounts.models import Service
    from contacts.channel_details import parse_details
    from contacts.models import Customer
    from contacts.services import case_create

    service = Service.objects.order_by("pk")[0]
    counter = iter(range(10**9))

    def one() -> None:
        n = next(counter)
        case_create(
            channel="email",
            details=parse_details(
                "email",
                {
                    "contact_type": "department",
                    "from_address": f"bench-retention-{n}@example.com",
                    "to_address": "service@example.gov.wales",
                },
            ),
            kind="enquiry",
            service=service,
            summary="Benchmark case",
            customer=Customer(name=f"Bench {n}"),
            received_at=now,
            now=now,
        )

    return one


def quantiles(times: list[float]) -> str:
    if not times:
        return "none"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"n={len(ordered)} p50={statistics.median(ordered) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms"
    )


def main() -> None:
    args = parse_args()
    _env.django_setup()
    from dataprotection.services.retention import retention_apply

    now = datetime.fromisoformat(_env.load_meta()["now"])
    made = make_due(args.due, now)
    due = due_count(now)
    print(f"cases made due: {made}; due in all (with the seed's own): {due}")

    beside = [Beside("sweep", sweep(now)), Beside("create", create(now))]
    for thread in beside:
        thread.start()
    time.sleep(2)  # both running before the job starts
    started = time.perf_counter()
    run = retention_apply(now=now, batch_size=args.batch)
    spent = time.perf_counter() - started
    for thread in beside:
        thread.stop.set()
    for thread in beside:
        thread.join()

    done = run.cases_anonymised + run.cases_deleted
    rate = done / spent if spent else 0.0
    per_target = TARGET_CASES / rate if rate else float("inf")
    print(f"retention run: {spent:.1f} s for {done} cases, {rate:.0f} cases/s")
    print(
        f"  {TARGET_CASES:,} cases at this rate: {per_target:.1f} s (target {TARGET_S:.0f} s)"
        f" {'met' if per_target < TARGET_S else 'MISSED'}"
    )
    print(
        f"  cases anonymised {run.cases_anonymised}, deleted {run.cases_deleted}, "
        f"customers removed {run.customers_removed}"
    )
    for thread in beside:
        print(f"  {thread.name} during the run: {quantiles(thread.times)}, errors {thread.errors}")
    print(f"  peak RSS {_env.peak_rss_mb():.0f} MB")
    if per_target >= TARGET_S:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
