#!/usr/bin/env python
"""What writing the audit of reads costs a case page (ADR 0021), in-process.

    .venv/bin/python bench/audit_reads.py [--rows 2000000] [--requests 400]

In a database of its own (``cyswllt_bench_audit``, migrated afresh) it fills the audit with
``--rows`` reads spread over a year (so that every insert maintains indexes of a realistic
size), then measures:

1. ``audit.reads.record`` alone, for one case and for a page of 50 (one INSERT each), its
   commit not waiting for the disk (the default) and waiting;
2. the case page (Django's test client, the whole request) with ``reads.record`` replaced
   by a no-op, with the audit not waiting and with it waiting, interleaved request by
   request so that all three see the same machine; the difference of the medians is what
   the audit adds;
3. the audit pages' queries at this size (``EXPLAIN (ANALYZE, BUFFERS)``).
"""

import argparse
import os
import statistics
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_bench_audit")

import _env


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(_env.admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_env.DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{_env.DB_NAME}"')


def ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()

    fresh_database()
    _env.django_setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import Role, Service, Team, User
    from audit import reads
    from audit.models import ReadPath
    from audit.selectors import ReadQuery, reads_find
    from contacts.channel_details import parse_details
    from contacts.models import Customer
    from contacts.services import case_create

    call_command("migrate", verbosity=0)
    service = Service.objects.create(code="waste", name_en="Waste", name_cy="Gwastraff")
    team = Team.objects.create(service=service, code="waste-team", name_en="W", name_cy="G")
    advisor = User.objects.create(username="advisor", role=Role.ADVISOR, team=team)
    readers = User.objects.bulk_create(
        User(username=f"reader{n}", first_name="Reader", last_name=str(n), team=team)
        for n in range(500)
    )
    received = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    cases = [
        case_create(
            channel="email",
            details=parse_details(
                "email",
                {
                    "contact_type": "department",
                    "from_address": f"r{n}@example.com",
                    "to_address": "waste@example.gov.wales",
                },
            ),
            kind="enquiry",
            service=service,
            team=team,
            customer=Customer(name=f"Resident {n}", email=f"r{n}@example.com"),
            summary="Missed bin",
            received_at=received,
        ).case
        for n in range(50)
    ]

    # A year of reads by 500 people of 400,000 customers' 1,000,000 cases, in time order (as
    # they arrive), then the table's statistics.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO audit_read (at, user_id, path, case_id, customer_id)
            SELECT now() - interval '365 days' + n * (interval '365 days' / %s),
                   %s + n %% 500, 1 + n %% 3, 1 + (n * 7919) %% 1000000, 1 + (n * 104729) %% 400000
              FROM generate_series(1::bigint, %s) AS n
            """,
            [args.rows, readers[0].pk, args.rows],
        )
        cursor.execute("VACUUM ANALYZE audit_read")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('audit_read'))")
        size = cursor.fetchone()[0]
    took = time.perf_counter() - started
    print(f"audit filled: {args.rows:,} reads, {size} with indexes, in {took:.0f} s")

    # 1. The writer alone, committing without waiting for the disk (the default) and waiting.
    from django.conf import settings

    def waiting(wait: bool) -> None:
        settings.CYSWLLT = {**settings.CYSWLLT, "AUDIT_COMMIT_WITHOUT_WAITING": not wait}

    for wait in (False, True):
        waiting(wait)
        one, page = [], []
        for n in range(args.requests):
            t = time.perf_counter()
            reads.record(advisor, ReadPath.CASE_PAGE, cases=[cases[n % 50]])
            one.append(time.perf_counter() - t)
            t = time.perf_counter()
            reads.record(advisor, ReadPath.EXPORT, cases=cases)
            page.append(time.perf_counter() - t)
        label = "waiting for the disk" if wait else "not waiting"
        print(f"record one case, {label}:  {ms(one)}")
        print(f"record 50 cases, {label}:  {ms(page)}")

    # 2. The case page: no audit, the audit not waiting (the default), the audit waiting;
    # interleaved request by request.
    client = Client()
    client.force_login(advisor)
    url = f"/en/cases/{cases[0].reference}/"
    for _ in range(20):  # warm: templates, the case rules' cache, connections
        assert client.get(url).status_code == 200
    real = reads.record
    timings: dict[str, list[float]] = {"none": [], "not waiting": [], "waiting": []}
    for _ in range(args.requests):
        for label in timings:
            reads.record = (lambda *a, **k: 0) if label == "none" else real
            waiting(label == "waiting")
            t = time.perf_counter()
            answer = client.get(url)
            timings[label].append(time.perf_counter() - t)
            assert answer.status_code == 200
    reads.record = real
    waiting(False)
    for label, seconds in timings.items():
        print(f"case page, audit {label}: {ms(seconds)}")
    for label in ("not waiting", "waiting"):
        added = statistics.median(timings[label]) - statistics.median(timings["none"])
        print(f"the audit {label} adds {added * 1000:.2f} ms at the median")

    # 3. The audit pages' queries at this size.
    for name, query in (
        ("who read a case", ReadQuery(case_id=1 + (4242 * 7919) % 1_000_000)),
        ("what a person read", ReadQuery(user_id=readers[7].pk)),
        (
            "what a person read in a month",
            ReadQuery(
                user_id=readers[7].pk,
                first=(datetime.now(UTC) - timedelta(days=60)).date(),
                last=(datetime.now(UTC) - timedelta(days=30)).date(),
            ),
        ),
    ):
        sql, params = reads_find(query)[:51].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"\n{name}:")
        print("\n".join("  " + line for line in plan))


if __name__ == "__main__":
    main()
