#!/usr/bin/env python
"""Inbound e-mail throughput: 10,000 e-mails fetched from a real IMAP server (Dovecot) by the
beat job's fetch, each made into a case with its milestones and owed acknowledgement.

    .venv/bin/python bench/ingest.py [--messages 10000]

Runs on its own database (``cyswllt_bench_ingest`` unless ``BENCH_DATABASE_URL`` says
otherwise), which it drops, recreates and migrates; Dovecot runs from a temporary directory as
the tests run it. Delivery into the Maildir is not timed. Reports messages per second and the
resident memory every 1,000 messages (peak and growth from the first sample).

Target: over 100 messages per second, memory flat.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_bench_ingest")

import _env

sys.path.insert(0, str(_env.ROOT))
from tests.channels_app.inbound.dovecot import Dovecot, message

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1024 / 1024


def recreate_database() -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_env.admin_dsn(), autocommit=True) as connection:
        name = sql.Identifier(_env.DB_NAME)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()

    recreate_database()
    _env.django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import Service, Team
    from channels_app.inbound import imap
    from channels_app.models import Mailbox
    from contacts.models import Case

    service = Service.objects.create(code="waste", name_en="Waste", name_cy="Gwastraff")
    Team.objects.create(service=service, code="waste-team", name_en="Waste", name_cy="Gwastraff")
    root = Path(tempfile.mkdtemp(prefix="cyswllt-bench-dovecot-"))
    server = Dovecot(root)
    server.start()
    try:
        mailbox = Mailbox.objects.create(
            service=service,
            address="waste@example.gov.wales",
            host="127.0.0.1",
            port=server.port,
            use_ssl=False,
            username=server.user,
            password=server.password,
        )
        print(f"delivering {args.messages} e-mails into Dovecot's Maildir…", flush=True)
        for number in range(args.messages):
            server.deliver(
                message(
                    sender=f"Resident {number} <resident{number}@example.com>",
                    subject=f"Bin not collected at number {number}",
                    body="My bin was not collected on Tuesday.\r\n" * 20,
                    message_id=f"<{uuid.uuid4().hex}@example.com>",
                )
            )
        _env.wait_quiet(label="ingest")
        samples: list[float] = []
        original = imap.email_ingest
        count = 0

        def counted(**kwargs):
            nonlocal count
            outcome = original(**kwargs)
            count += 1
            if count % 1000 == 0:
                samples.append(rss_mb())
            return outcome

        imap.email_ingest = counted
        # A run killed half-way leaves its mailbox's lock behind (mailbox ids restart here).
        from django.core.cache import cache

        cache.delete(imap.lock_key(mailbox))
        started = time.perf_counter()
        report = imap.mailbox_fetch(mailbox)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)

    from config.celery import app

    app.control.purge()  # the acknowledgements owed: no worker here delivers them
    cases = Case.objects.count()
    print(f"fetched and ingested: {report.counts} in {elapsed:.1f} s")
    print(f"cases stored: {cases}; marked seen by Dovecot: all unseen mail read once")
    print(f"throughput: {report.total / elapsed:.0f} messages/s (target > 100)")
    print("resident memory every 1,000 messages (MB): " + ", ".join(f"{s:.0f}" for s in samples))
    if samples:
        print(
            f"peak {max(samples):.0f} MB; growth from the first sample "
            f"{samples[-1] - samples[0]:+.0f} MB (peak RSS of the process "
            f"{_env.peak_rss_mb():.0f} MB)"
        )


if __name__ == "__main__":
    main()
