#!/usr/bin/env python
"""Finding everything held about one person for a subject access request, on the bench
database, in-process (issue 17: under 2 s at 1 M cases).

    .venv/bin/python bench/sar_find.py [--people 30]

For each person: the records that may be them (``dataprotection.selectors.possible_records``,
the duplicate matching) and then everything about all of them (``person_records``: cases in
every service, messages, letters, attachments, timeline, complaints, member enquiries, the
read audit), timed together with their SQL queries. Half the people are the customers with the
most cases in the database (the worst), half drawn at random among customers with cases.
Reads only: nothing is written to the bench database.
"""

import argparse
import random
import statistics
import sys
import time

import _env

TARGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=30, help="people looked up (timed)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    _env.django_setup()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from contacts.models import Case, Customer
    from dataprotection.selectors import person_records, possible_records

    busiest = list(
        Case.objects.filter(customer__isnull=False)
        .values("customer_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("customer_id", flat=True)[: args.people // 2]
    )
    rng = random.Random(args.seed)
    last = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    drawn = rng.sample(range(1, last + 1), min(last, args.people * 4))
    with_cases = set(
        Case.objects.filter(customer_id__in=drawn).values_list("customer_id", flat=True)
    )
    people = busiest + [pk for pk in drawn if pk in with_cases][: args.people - len(busiest)]
    print(f"Subject access look-ups, {len(people)} people")
    print(f"  cases in the database: {Case.objects.count():,}")

    timings, queries, sizes = [], [], []
    for pk in people:
        customer = Customer.objects.get(pk=pk)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            found = possible_records(customer=customer)
            records = person_records(customer_ids=[match.customer.pk for match in found])
            timings.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
        sizes.append((len(records.customers), len(records.cases), len(records.events)))

    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    worst = max(range(len(people)), key=lambda i: sizes[i][1])
    print(f"  p50 {statistics.median(timings):.3f} s, p95 {p95:.3f} s, max {timings[-1]:.3f} s")
    print(f"  queries per person: {min(queries)}-{max(queries)}")
    held, cases, events = sizes[worst]
    print(f"  the most: {held} customer records, {cases} cases, {events} timeline entries")
    met = timings[-1] < TARGET_S
    print(f"  target: every look-up under {TARGET_S:.0f} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
