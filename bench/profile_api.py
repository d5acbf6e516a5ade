#!/usr/bin/env python
"""Where the time of one ``POST /api/v1/cases/`` goes, in-process (no gunicorn, no network).

    .venv/bin/python bench/profile_api.py [--requests 300] [--top 40] [--sql]

Drives the real WSGI stack (middleware, DRF, the view, ``case_create``) with Django's test
``Client`` against the seeded bench database, using the body ``api_create.py`` sends:

* the SQL of one request (with per-query time) and the query count;
* wall time per request, split into time in the database (execute wrapper) and in Python;
* cProfile of ``--requests`` requests, sorted by own time and by cumulative time.

Profiles go to bench/results/profile_api.pstats for ``python -m pstats`` or snakeviz.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

import _env


class Timer:
    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.log: list[tuple[float, str]] = []
        self.keep = False

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.count += 1
            self.seconds += spent
            if self.keep:
                self.log.append(
                    (
                        spent,
                        sql
                        if params is None
                        else sql % tuple(repr(p) for p in params)
                        if not many
                        else sql,
                    )
                )


class Stages:
    """Wall time, database time and queries per stage of a request, by wrapping the functions
    the view calls. Nested stages are reported inclusive; "self" excludes inner stages."""

    def __init__(self, timer: "Timer") -> None:
        self.timer = timer
        self.totals: dict[str, list[float]] = {}
        self.stack: list[list[float]] = []

    def wrap(self, owner, attr: str, label: str) -> None:
        original = getattr(owner, attr)
        stages = self

        def wrapper(*args, **kwargs):
            frame = [
                time.perf_counter(),
                stages.timer.seconds,
                stages.timer.count,
                time.process_time(),
                0.0,
            ]
            stages.stack.append(frame)
            try:
                return original(*args, **kwargs)
            finally:
                stages.stack.pop()
                wall = time.perf_counter() - frame[0]
                cpu = time.process_time() - frame[3]
                total = stages.totals.setdefault(label, [0.0, 0.0, 0.0, 0.0, 0.0, 0])
                total[0] += wall
                total[1] += stages.timer.seconds - frame[1]
                total[2] += stages.timer.count - frame[2]
                total[3] += cpu
                total[4] += cpu - frame[4]
                total[5] += 1
                if stages.stack:
                    stages.stack[-1][4] += cpu

        setattr(owner, attr, wrapper)


def pid_cpu(pid: int) -> float:
    """user + system CPU seconds of a process (here: the PostgreSQL backend serving us)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sql", action="store_true", help="print every query of one request")
    args = parser.parse_args()
    meta = _env.load_meta()
    _env.django_setup()

    from api_create import body
    from django.db import connection
    from django.test import Client

    _env.wait_quiet(label="profile_api")
    client = Client(HTTP_AUTHORIZATION=f"Token {meta['token']}")
    services = meta["services"]

    def post(n: int):
        response = client.post(
            "/api/v1/cases/", body(n, 99, services), content_type="application/json"
        )
        assert response.status_code == 201, (response.status_code, response.content[:500])
        return response

    timer = Timer()
    with connection.execute_wrapper(timer):
        for n in range(20):  # warm-up: imports, caches, connection
            post(n)
        timer.count, timer.seconds, timer.keep = 0, 0.0, True
        post(1000)
        timer.keep = False
        one = list(timer.log)
        print(f"one request: {timer.count} queries, {timer.seconds * 1000:.1f} ms in the database")
        for spent, sql in one:
            text = sql if args.sql else (sql[:150] + ("…" if len(sql) > 150 else ""))
            print(f"  {spent * 1000:6.2f} ms  {text}")

        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            backend = cur.fetchone()[0]
        timer.count, timer.seconds = 0, 0.0
        n_plain = max(args.requests // 2, 50)
        cpu_pg0, cpu0, started = pid_cpu(backend), time.process_time(), time.perf_counter()
        for n in range(n_plain):
            post(2000 + n)
        wall = time.perf_counter() - started
        cpu_app = (time.process_time() - cpu0) / n_plain * 1000
        cpu_pg = (pid_cpu(backend) - cpu_pg0) / n_plain * 1000
        print(
            f"\n{n_plain} requests without profiler: {wall / n_plain * 1000:.2f} ms wall each, "
            f"of which waiting on the database {timer.seconds / n_plain * 1000:.2f} ms "
            f"({timer.count / n_plain:.1f} queries)"
        )
        cores = os.cpu_count() or 1
        print(
            f"CPU per request: Django process {cpu_app:.2f} ms + its PostgreSQL backend "
            f"{cpu_pg:.2f} ms = {cpu_app + cpu_pg:.2f} ms  "
            f"=> ceiling on {cores} cores ~{cores * 1000 / (cpu_app + cpu_pg):.0f}"
            f" cases/s before any client, fsync or scheduling cost"
        )

    # Where one request's time goes, stage by stage.
    from django.core.handlers import base as handlers
    from django.db.backends.base import base as db_base

    import contacts.api.views as views
    import contacts.selectors as selectors
    import contacts.services as case_services
    import contacts.services.creation as creation
    from accounts.api_tokens.authentication import ApiTokenAuthentication
    from contacts.api.serializers import CaseOutput

    stages = Stages(timer)
    stages.wrap(handlers.BaseHandler, "get_response", "whole request (Django handler)")
    stages.wrap(ApiTokenAuthentication, "authenticate", "token authentication")
    stages.wrap(views, "_validated", "input validation (CaseCreateInput)")
    stages.wrap(case_services, "case_create", "services.case_create")
    stages.wrap(creation, "case_rules", "  case_rules (cached standards, calendar)")
    stages.wrap(creation, "_milestone_for", "  deadlines (_milestone_for)")
    stages.wrap(db_base.BaseDatabaseWrapper, "_commit", "COMMIT")
    stages.wrap(selectors, "case_with_milestones", "case_with_milestones")
    stages.wrap(CaseOutput, "to_representation", "CaseOutput (response body)")
    with connection.execute_wrapper(timer):
        n_stage = max(args.requests // 2, 50)
        for n in range(n_stage):
            post(3000 + n)
    print(
        f"\nstages over {n_stage} requests, ms per request (wall; waiting on the database; "
        f"CPU of this process; CPU outside the inner stages):"
    )
    print(f"  {'stage':<40} {'wall':>7} {'db wait':>7} {'cpu':>7} {'self':>7} {'queries':>8}")
    for label, (wall, db, queries, cpu, own, _calls) in stages.totals.items():
        k = 1000 / n_stage
        print(
            f"  {label:<40} {wall * k:7.2f} {db * k:7.2f} {cpu * k:7.2f} "
            f"{own * k:7.2f} {queries / n_stage:8.1f}"
        )

    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(args.requests):
        post(5000 + n)
    profiler.disable()
    _env.RESULTS.mkdir(exist_ok=True)
    profiler.dump_stats(_env.RESULTS / "profile_api.pstats")
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(args.top)
        print(f"\n=== cProfile of {args.requests} requests, by {order} ===")
        print("\n".join(out.getvalue().splitlines()[4:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
