"""Prepare the peer's database; run by bench/peer_helpdesk.py with the peer's own Python.

    cd bench && ~/.cache/cyswllt-peer-venv/bin/python -m peer.prepare [--tickets 100000]

Idempotent: creates the database ``cyswllt_peer`` if it is missing, migrates, makes the API
user (staff, with a DRF token) and the queues if missing, and seeds tickets (each with the
"Ticket Opened" follow-up that an API-made ticket gets) with bulk_create until there are
``--tickets``. Tickets beyond the first ``--tickets`` (those a previous benchmark run posted)
are deleted, so every run starts at the same size. Prints one JSON line: the token and the
queue ids.
"""

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from urllib.parse import urlparse

import psycopg

DATABASE_URL = os.environ.get("PEER_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_peer")
USERNAME = "peerbench"
QUEUES = [("Waste and recycling", "waste"), ("Highways", "highways"), ("Housing", "housing")]
BATCH = 5_000


def log(message: str) -> None:
    print(f"  (peer: {message})", file=sys.stderr, flush=True)


def ensure_database() -> None:
    name = urlparse(DATABASE_URL).path.lstrip("/")
    if "peer" not in name:
        sys.exit(f"refusing to use {name!r}: the peer database name must contain 'peer'")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    ensure_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from helpdesk.models import FollowUp, Queue, Ticket
    from rest_framework.authtoken.models import Token

    call_command("migrate", verbosity=0)
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "email": "peerbench@example.com"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    token, _ = Token.objects.get_or_create(user=user)
    queues = []
    for title, slug in QUEUES:
        queue, _ = Queue.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "email_address": f"{slug}@example.com"},
        )
        queues.append(queue)

    ids = Ticket.objects.order_by("id").values_list("id", flat=True)
    count = ids.count()
    if count > args.tickets:
        cutoff = ids[args.tickets - 1]
        started = time.monotonic()
        with transaction.atomic():
            FollowUp.objects.filter(ticket_id__gt=cutoff).delete()
            Ticket.objects.filter(id__gt=cutoff).delete()
        log(
            f"deleted {count - args.tickets} tickets a previous run made "
            f"({time.monotonic() - started:.1f} s)"
        )
    elif count < args.tickets:
        started = time.monotonic()
        now = timezone.now()
        made = count
        while made < args.tickets:
            n = min(BATCH, args.tickets - made)
            with transaction.atomic():
                tickets = Ticket.objects.bulk_create(
                    Ticket(
                        title=f"Missed bin collection {made + i}",
                        queue=queues[(made + i) % len(queues)],
                        created=now - timedelta(minutes=(args.tickets - made - i) * 5),
                        status=Ticket.CLOSED_STATUS if (made + i) % 10 else Ticket.OPEN_STATUS,
                        submitter_email=f"resident{made + i}@example.com",
                        description="The bin was not collected on the usual day.",
                        priority=3,
                    )
                    for i in range(n)
                )
                FollowUp.objects.bulk_create(
                    FollowUp(
                        ticket=t,
                        title="Ticket Opened",
                        date=t.created,
                        public=True,
                        comment=t.description,
                        user=user,
                    )
                    for t in tickets
                )
            made += n
        log(f"seeded {args.tickets - count} tickets ({time.monotonic() - started:.1f} s)")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE helpdesk_ticket")
            cursor.execute("VACUUM ANALYZE helpdesk_followup")
    print(
        json.dumps(
            {
                "token": token.key,
                "queues": [q.id for q in queues],
                "tickets": Ticket.objects.count(),
                "database": connection.settings_dict["NAME"],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
