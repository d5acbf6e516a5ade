#!/usr/bin/env python
"""The peer of issue 19 measured on this machine: django-helpdesk 2.6.1's ``POST /api/tickets/``.

    .venv/bin/python bench/peer_helpdesk.py [--duration 20] [--warmup 5] [--repeats 1]
                                            [--clients 4] [--workers 2] [--tickets 100000]

Issue 19 asks for case creation over our API at 3x "django-helpdesk 2.6.1 ``POST /api/tickets/``
at 100k tickets, 4 clients", a figure measured on another machine. This script measures that
peer here, the way ``bench/api_create.py`` measures our API, so both sides of "3x the peer"
come from the same machine.

1. The peer lives in its own virtualenv, ``~/.cache/cyswllt-peer-venv`` (``PEER_VENV``; outside
   the repository), made with Python 3.11 from ``bench/peer/requirements.txt``
   (django-helpdesk 2.6.1; Django, DRF, gunicorn and psycopg at our own versions). It is
   made, or remade when the requirements change, on the first run; later runs reuse it.
2. ``bench/peer/settings.py`` is a minimal Django project around helpdesk: DEBUG off,
   PostgreSQL ``cyswllt_peer`` (PEER_DATABASE_URL, created if missing), CONN_MAX_AGE 60 as our
   settings have, helpdesk's REST API on, DRF token authentication (helpdesk leaves the
   scheme to REST_FRAMEWORK; its docs' example uses Basic, whose password hash a request would
   dominate the figure), e-mail to the dummy backend (helpdesk still renders the submitter's
   new-ticket e-mail). ``bench/peer/prepare.py`` migrates, makes a staff user with a token and
   three queues, and seeds ``--tickets`` tickets with their follow-ups (bulk_create, about
   40 s, once); before every run it deletes the tickets earlier runs posted, so each run
   starts at 100,000.
3. It starts ``gunicorn peer.wsgi`` (sync, ``-w 2``) on a free loopback port, warms it up for
   ``--warmup`` seconds, then runs ``--clients`` client processes for ``--duration`` seconds,
   each with one ``http.client`` keep-alive connection posting a ticket (queue, title,
   description, submitter_email, priority: the fields helpdesk's API documents) back to back,
   reconnecting when the sync worker closes the connection. Every response must be a 201.

It reports tickets/s, p50/p95/p99 latency, errors, the server-side CPU per ticket (gunicorn
tree plus its PostgreSQL backends) and the share of the machine other processes used in the
window ("others"; when high, the figures are pessimistic). ``--repeats N`` runs N times and
reports the median run (by rate). Results go to ``bench/results/peer_helpdesk.json``. The exit
status is non-zero if any request failed.

Run it with the project's .venv (for psycopg and ``bench/_env.py``); it needs PostgreSQL at
postgres://root@127.0.0.1:5432 and, on the first run, pip access to PyPI.
"""

import argparse
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import _env
import _load

PEER = _env.BENCH / "peer"
# Outside the repository: a second Django in the tree would be walked by ruff, mypy,
# makemessages and compilemessages as if it were ours.
VENV = Path(
    os.environ.get(
        "PEER_VENV",
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cyswllt-peer-venv",
    )
)
REQUIREMENTS = PEER / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
PEER_DATABASE_URL = os.environ.get(
    "PEER_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_peer"
)
PEER_RATE_ISSUE_19 = 98.6  # tickets/s in issue 19, measured on an earlier machine


def log(message: str) -> None:
    print(f"  ({message})", flush=True)


def python311() -> str:
    for name in ("python3.11", "python3"):
        path = shutil.which(name)
        if path:
            version = subprocess.run(
                [path, "-c", "import sys; print(sys.version_info[:2] == (3, 11))"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            if version == "True":
                return path
    sys.exit("no Python 3.11 found (python3.11 or python3)")


def ensure_venv() -> None:
    """Make the peer's virtualenv (``VENV``) with the pinned requirements, unless made."""
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (VENV / "bin" / "python").exists():
        log(f"making {VENV}")
        subprocess.run([python311(), "-m", "venv", str(VENV)], check=True)
    log(f"installing {REQUIREMENTS.relative_to(_env.ROOT)} into it")
    subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
        check=True,
    )
    STAMP.write_text(wanted + "\n")


def peer_environ() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIRTUAL_ENV"))}
    env.update(
        DJANGO_SETTINGS_MODULE="peer.settings",
        PEER_DATABASE_URL=PEER_DATABASE_URL,
        PYTHONPATH=str(_env.BENCH),
        PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}",
    )
    return env


def prepare(tickets: int) -> dict:
    """Database, user, token, queues and seed (bench/peer/prepare.py, idempotent)."""
    done = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "peer.prepare", "--tickets", str(tickets)],
        cwd=_env.BENCH,
        env=peer_environ(),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def body(n: int, client: int, queues: list[int]) -> bytes:
    return json.dumps(
        {
            "queue": queues[n % len(queues)],
            "title": f"Missed bin {client}-{n}",
            "description": "The bin was not collected on the usual day; please send the crew.",
            "submitter_email": f"resident{client}x{n}@example.com",
            "priority": 3,
        }
    ).encode()


def load(port: int, token: str, queues: list[int]) -> _load.Load:
    return _load.Load(
        port=port,
        path="/api/tickets/",
        token=token,
        body=functools.partial(body, queues=queues),
        check=check_created,
    )


def check_created(ticket: dict) -> None:
    assert ticket["id"] and ticket["followup_set"], ticket


class Gunicorn:
    """``gunicorn peer.wsgi`` from the peer's virtualenv, sync workers, as api_create runs ours."""

    def __init__(self, workers: int, log_path) -> None:
        self.port = _load.free_port()
        self.command = [
            str(VENV / "bin" / "gunicorn"),
            "peer.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]
        self.proc, self.log = _load.server_start(
            self.command, cwd=_env.BENCH, env=peer_environ(), log_path=log_path
        )

    def wait_ready(self, token: str) -> None:
        # An empty ticket: a 400 from the serializer, nothing written. (Not a GET of one
        # ticket: helpdesk's TicketViewSet.get_queryset loads every ticket first.)
        _load.server_wait_ready(
            self.proc,
            self.port,
            request=("POST", "/api/tickets/", b"{}"),
            token=token,
            answer=400,
        )

    def stop(self) -> None:
        _load.server_stop(self.proc, self.log)


def run_once(args, token: str, queues: list[int], log_path) -> dict:
    server = Gunicorn(args.workers, log_path)
    try:
        server.wait_ready(token)
        result = _load.measure(
            load(server.port, token, queues),
            args.clients,
            warmup=args.warmup,
            seconds=args.duration,
            server_pid=server.proc.pid,
            database_url=PEER_DATABASE_URL,
        )
        result["server_cpu_ms_per_ticket"] = result.pop("server_cpu_ms_each")
        result["client_cpu_ms_per_ticket"] = result.pop("client_cpu_ms_each")
        return result
    finally:
        server.stop()


def report(label: str, result: dict) -> None:
    print(
        f"  {label:<24} {result['rate']:9.1f} {result['p50_ms']:8.1f} "
        f"{result['p95_ms']:8.1f} {result['p99_ms']:8.1f} {result['max_ms']:8.1f} "
        f"{result['errors']:7d} {result['connects']:>8} "
        f"{result['server_cpu_ms_per_ticket']:7.1f}ms {result['other_load']:7.0%}",
        flush=True,
    )
    for sample in result["error_samples"]:
        print(f"      error: {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=1, help="runs (the median is reported)")
    parser.add_argument("--tickets", type=int, default=100_000, help="tickets before each run")
    args = parser.parse_args()

    ensure_venv()
    _env.RESULTS.mkdir(exist_ok=True)
    log_path = _env.RESULTS / "peer_gunicorn.log"
    label = f"helpdesk sync -w {args.workers}"
    print(
        f"peer_helpdesk: django-helpdesk 2.6.1, {args.clients} clients x {args.duration:.0f} s "
        f"(warm-up {args.warmup:.0f} s), POST /api/tickets/ at {args.tickets:,} tickets  "
        f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})",
        flush=True,
    )
    print(
        f"  {'configuration':<24} {'tickets/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'errors':>7} {'connects':>8} {'cpu/ticket':>9} {'others':>7}"
    )
    runs = []
    for _ in range(args.repeats):
        meta = prepare(args.tickets)  # back to --tickets tickets before every run
        busy = _env.wait_quiet(label=label)
        result = run_once(args, meta["token"], meta["queues"], log_path)
        result["config"] = label
        result["tickets_before"] = meta["tickets"]
        result["cpu_busy_before"] = round(busy, 2)
        runs.append(result)
        report(label, result)
    result = sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]
    if args.repeats > 1:
        report(f"{label} (median)", result)
    errors = sum(r["errors"] for r in runs)
    print(
        f"  peer: {result['rate']:.1f} tickets/s, p50 {result['p50_ms']:.1f} ms, "
        f"p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
        f"{result['server_cpu_ms_per_ticket']:.1f} ms server CPU a ticket, {errors} errors "
        f"over {len(runs)} run(s); 3x the peer is {3 * result['rate']:.1f} cases/s on this "
        f"machine (issue 19's figure from an earlier machine: {PEER_RATE_ISSUE_19} tickets/s)"
    )
    (_env.RESULTS / "peer_helpdesk.json").write_text(
        json.dumps(
            {
                "peer": "django-helpdesk 2.6.1 POST /api/tickets/",
                "settings": {
                    "workers": args.workers,
                    "worker_class": "sync",
                    "clients": args.clients,
                    "duration_s": args.duration,
                    "warmup_s": args.warmup,
                    "tickets": args.tickets,
                },
                "runs": runs,
                "median": result,
                "three_times_peer": 3 * result["rate"],
                "load_average": os.getloadavg(),
            },
            indent=2,
            default=str,
        )
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
