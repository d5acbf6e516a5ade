#!/usr/bin/env python
"""Where the time of delivering one acknowledgement goes, in-process (no Celery, no gunicorn).

    .venv/bin/python bench/profile_delivery.py [--messages 300] [--top 30] [--sql]

Makes ``--messages`` e-mailed cases through ``case_create`` in a small database of its own
(``cyswllt_bench_delivery``, migrated afresh), then delivers each acknowledgement with
``messaging.delivery.message_deliver`` to an SMTP server in this process (aiosmtpd), and
reports per delivery: wall and CPU time, queries, and the SQL of one delivery; then cProfile.
"""

import argparse
import cProfile
import io
import logging
import os
import pstats
import sys
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_bench_delivery")

import _env
from _load import free_port
from aiosmtpd.controller import Controller


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


class Queries:
    def __init__(self) -> None:
        self.count = 0
        self.log: list[str] = []
        self.keep = False

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.keep:
            self.log.append(sql)
        return execute(sql, params, many, context)


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(_env.admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_env.DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{_env.DB_NAME}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sql", action="store_true", help="print the SQL of one delivery")
    parser.add_argument("--no-profile", action="store_true", help="time without cProfile")
    parser.add_argument(
        "--batch", type=int, default=20, help="messages per task, as the worker takes them"
    )
    args = parser.parse_args()

    fresh_database()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    sink = Sink()
    port = free_port()
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port))
    _env.django_setup()

    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Service, Team
    from config.celery import app
    from contacts.channel_details import parse_details
    from contacts.models import Customer
    from contacts.services import case_create
    from messaging.delivery import message_deliver, messages_deliver
    from messaging.models import OutboundMessage

    call_command("migrate", verbosity=0)
    service = Service.objects.create(code="waste", name_en="Waste", name_cy="Gwastraff")
    team = Team.objects.create(service=service, code="waste-team", name_en="W", name_cy="G")
    received = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    for n in range(args.messages):
        customer = Customer(
            name=f"Resident {n}", email=f"r{n}@example.com", preferred_language="cy"
        )
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
            customer=customer,
            summary="Missed bin",
            received_at=received,
        )
    app.control.purge()  # the tasks the creations queued: this script delivers by itself
    ids = list(OutboundMessage.objects.order_by("pk").values_list("pk", flat=True))

    queries = Queries()
    with connection.execute_wrapper(queries):
        queries.keep = True
        message_deliver(message_id=ids[0])
        queries.keep = False
        one = list(queries.log)
        started, cpu = time.perf_counter(), time.process_time()
        before = queries.count
        profile = cProfile.Profile()
        if not args.no_profile:
            profile.enable()
        for start in range(1, len(ids), args.batch):
            messages_deliver(message_ids=ids[start : start + 1], extra=args.batch - 1)
        profile.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    n = len(ids) - 1
    print(f"deliveries: {n}, arrived at SMTP: {sink.count}")
    print(
        f"per delivery: wall {wall / n * 1000:.2f} ms, CPU (this process) {cpu / n * 1000:.2f} ms"
    )
    print(f"queries per delivery: {(queries.count - before) / n:.1f}")
    if args.sql:
        print("\nSQL of one delivery:")
        for sql in one:
            print(" ", sql[:160])
    if args.no_profile:
        smtp.stop()
        return
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    smtp.stop()


if __name__ == "__main__":
    sys.exit(main())
