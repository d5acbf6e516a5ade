#!/usr/bin/env python
"""Server-side time of the customer record's pages on the bench database, in-process.

    .venv/bin/python bench/customer_page.py [--requests 60] [--advisor waste-north-advisor-1]

Drives the real WSGI stack (middleware, session, templates) with Django's test ``Client``
against the seeded bench database and reports p50, p95 and the worst time of each page, with
the SQL queries each request issued:

* the customer page (``/en/customers/<id>/``), signed in as a seeded advisor, for a different
  customer each time: half of them those with the most cases in the database (the worst pages),
  half drawn at random among customers with cases;
* the same customers' records over the API (``GET /api/v1/customers/<id>/``);
* the possible duplicates list, first page, signed in as the bench's administrator (the
  seed's customers share telephone numbers by chance, so the list is long).

Nothing is written to the bench database: every request runs inside one transaction that is
rolled back at the end, sessions are signed cookies, and signing in does not touch
``last_login``. Target (issue 14): the customer page p95 under 150 ms.
"""

import argparse
import random
import statistics
import sys
import time

import _env

TARGET_MS = 150.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page")
    parser.add_argument("--advisor", default="waste-north-advisor-1")
    parser.add_argument("--admin", default="bench-api")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()

    _env.django_setup()
    from django.conf import settings
    from django.contrib.auth import user_logged_in
    from django.contrib.auth.models import update_last_login
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from contacts.models import Case, Customer

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user_logged_in.disconnect(update_last_login)

    advisor = User.objects.select_related("team").get(username=args.advisor)
    admin = User.objects.get(username=args.admin)
    wanted = args.requests + args.warmup
    busiest = list(
        Case.objects.filter(customer__isnull=False)
        .values("customer_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("customer_id", "n")[: wanted // 2 + 1]
    )
    rng = random.Random(args.seed)
    last = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    drawn = rng.sample(range(1, last + 1), min(last, wanted * 3))
    with_cases = set(
        Case.objects.filter(customer_id__in=drawn).values_list("customer_id", flat=True)
    )
    randoms = [pk for pk in drawn if pk in with_cases][: wanted - len(busiest) + 1]
    customers = [pk for pair in zip(busiest, randoms, strict=False) for pk in (pair[0][0], pair[1])]
    customers += [pk for pk, _n in busiest[len(randoms) :]] + randoms[len(busiest) :]

    print(f"Customer record pages, {args.requests} requests each")
    print(f"  customers in the database: {Customer.objects.count():,}; ", end="")
    print(f"cases: {Case.objects.count():,}")
    print(
        f"  the busiest customers have {busiest[0][1] if busiest else 0} to "
        f"{busiest[-1][1] if busiest else 0} cases"
    )
    _env.wait_quiet(label="customer pages")

    staff, administrator = Client(), Client()
    staff.force_login(advisor)
    administrator.force_login(admin)
    pages = {
        "Customer page": (staff, lambda i: f"/en/customers/{customers[i % len(customers)]}/"),
        "Customer API": (
            staff,
            lambda i: f"/api/v1/customers/{customers[i % len(customers)]}/",
        ),
        "Duplicates": (administrator, lambda i: "/en/customers/duplicates/"),
    }
    results = {}
    with transaction.atomic():
        for name, (client, url) in pages.items():
            requests = args.requests if name != "Duplicates" else max(5, args.requests // 10)
            for i in range(args.warmup):
                client.get(url(i))
            times, queries, statuses = [], [], set()
            for i in range(requests):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url(args.warmup + i))
                    times.append((time.perf_counter() - started) * 1000)
                queries.append(len(captured.captured_queries))
                statuses.add(response.status_code)
            results[name] = (times, queries, statuses)
        transaction.set_rollback(True)

    print()
    print(f"{'page':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}  status")
    missed = False
    for name, (times, queries, statuses) in results.items():
        p95 = _env.percentile(times, 0.95)
        targeted = name != "Duplicates"
        missed |= targeted and p95 >= TARGET_MS
        print(
            f"{name:<14} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f} "
            f"{max(queries):>8}  {','.join(map(str, sorted(statuses)))}"
            f"{'  MISSED' if targeted and p95 >= TARGET_MS else ''}"
        )
    print(f"target: the customer page's p95 under {TARGET_MS:.0f} ms (the duplicates list: none)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
