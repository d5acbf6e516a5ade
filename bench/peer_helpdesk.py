#!/usr/bin/env python
"""The peer of issue 19 measured on this machine: django-helpdesk 2.6.1's ``POST /api/tickets/``.

    .venv/bin/python bench/peer_helpdesk.py [--duration 20] [--warmup 5] [--repeats 1]
                                            [--clients 4] [--workers 2] [--tickets 100000]

Issue 19 asks for case creation over our API at 3x "django-helpdesk 2.6.1 ``POST /api/tickets/``
at 100k tickets, 4 clients", a figure measured on another machine. This script measures that
peer here, the way ``bench/api_create.py`` measures our API, so both sides of "3x the peer"
come from the same machine.

1. The peer lives in its own virtualenv, ``bench/peer/.venv`` (gitignored), made with Python 3.11
   from ``bench/peer/requirements.txt`` (django-helpdesk 2.6.1; Django, DRF, gunicorn and
   psycopg at our own versions). It is made, or remade when the requirements change, on the
   first run; later runs reuse it.
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
import hashlib
import http.client
import json
import multiprocessing as mp
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time

import _env

PEER = _env.BENCH / "peer"
VENV = PEER / ".venv"
REQUIREMENTS = PEER / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
PEER_DATABASE_URL = os.environ.get(
    "PEER_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_peer"
)
PEER_RATE_ISSUE_19 = 98.6  # tickets/s in issue 19, measured on an earlier machine
MAX_REQUESTS_PER_CLIENT = 200_000


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
    """Make bench/peer/.venv with the pinned requirements, unless it is already made."""
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (VENV / "bin" / "python").exists():
        log(f"making {VENV.relative_to(_env.ROOT)}")
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


def client(
    index: int,
    port: int,
    token: str,
    queues: list[int],
    start_at: float,
    stop_at: float,
    out: mp.Queue,
) -> None:
    """One client: posts back to back on one connection between start_at and stop_at."""
    headers = {
        "Authorization": f"Token {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Connection": "keep-alive",
    }
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    errors: list[str] = []
    statuses: dict[int, int] = {}
    connects = 0
    n = 0
    while time.time() < start_at:
        time.sleep(0.001)
    while n < MAX_REQUESTS_PER_CLIENT and time.perf_counter() < stop_at:
        n += 1
        payload = body(n, index, queues)
        if conn.sock is None:
            connects += 1
        started = time.perf_counter()
        try:
            conn.request("POST", "/api/tickets/", payload, headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__}: {error}")
            conn.close()
            continue
        latencies.append(time.perf_counter() - started)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status != 201:
            if len(errors) < 5:
                errors.append(f"HTTP {response.status}: {data[:300]!r}")
            else:
                errors.append(f"HTTP {response.status}")
        elif n == 1 and index == 0:
            ticket = json.loads(data)
            assert ticket["id"] and ticket["followup_set"], ticket
    conn.close()
    out.put({"latencies": latencies, "errors": errors, "statuses": statuses, "connects": connects})


def peer_backends() -> list[int]:
    """PIDs of the PostgreSQL backends connected to the peer's database."""
    import psycopg

    with psycopg.connect(PEER_DATABASE_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def drive(
    port: int,
    token: str,
    queues: list[int],
    clients: int,
    seconds: float,
    server_pid: int | None = None,
) -> dict:
    """Run the clients for ``seconds`` and aggregate what they saw (as api_create.drive)."""
    if server_pid:
        ours = _env.process_tree(server_pid) + peer_backends()
        ours_cpu0 = sum(_env.proc_cpu(pid) for pid in ours)
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0, total0 = _env.machine_cpu()
    out: mp.Queue = mp.Queue()
    start_at = time.time() + 0.5
    stop_at = time.perf_counter() + 0.5 + seconds
    procs = [
        mp.Process(target=client, args=(i, port, token, queues, start_at, stop_at, out))
        for i in range(clients)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join(timeout=10)
    cpu = {}
    if server_pid:
        busy1, total1 = _env.machine_cpu()
        server_cpu = sum(_env.proc_cpu(pid) for pid in ours) - ours_cpu0
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        client_cpu = sum(
            getattr(b, f) - getattr(a, f)
            for a, b in ((self0, self1), (kids0, kids1))
            for f in ("ru_utime", "ru_stime")
        )
        cpu = {
            "server_cpu_s": server_cpu,
            "client_cpu_s": client_cpu,
            "other_share": max(0.0, busy1 - busy0 - server_cpu - client_cpu)
            / max(total1 - total0, 1e-9),
        }
    latencies = sorted(x for r in results for x in r["latencies"])
    errors = [e for r in results for e in r["errors"]]
    statuses: dict[int, int] = {}
    for r in results:
        for code, count in r["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    ok = statuses.get(201, 0)

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    return {
        "requests": len(latencies) + sum(1 for e in errors if not e.startswith("HTTP")),
        "created": ok,
        "rate": ok / seconds,
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "max_ms": latencies[-1] * 1000 if latencies else float("nan"),
        "errors": len(errors),
        "error_samples": errors[:5],
        "statuses": statuses,
        "connects": sum(r["connects"] for r in results),
        "server_cpu_ms_per_ticket": cpu["server_cpu_s"] / max(ok, 1) * 1000 if cpu else None,
        "client_cpu_ms_per_ticket": cpu["client_cpu_s"] / max(ok, 1) * 1000 if cpu else None,
        "other_load": cpu.get("other_share"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """``gunicorn peer.wsgi`` from the peer's virtualenv, sync workers, as api_create runs ours."""

    def __init__(self, workers: int, log_path) -> None:
        self.port = free_port()
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
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.log.write(f"\n==== {' '.join(self.command)}\n".encode())
        self.log.flush()
        self.proc = subprocess.Popen(
            self.command,
            cwd=_env.BENCH,
            env=peer_environ(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, token: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see the log")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                # An empty ticket: a 400 from the serializer, nothing written. (Not a GET of
                # one ticket: helpdesk's TicketViewSet.get_queryset loads every ticket first.)
                conn.request(
                    "POST",
                    "/api/tickets/",
                    b"{}",
                    {"Authorization": f"Token {token}", "Content-Type": "application/json"},
                )
                status = conn.getresponse().status
                conn.close()
                if status == 400:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not become ready")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.close()


def run_once(args, token: str, queues: list[int], log_path) -> dict:
    server = Gunicorn(args.workers, log_path)
    try:
        server.wait_ready(token)
        drive(server.port, token, queues, args.clients, args.warmup)
        return drive(
            server.port, token, queues, args.clients, args.duration, server_pid=server.proc.pid
        )
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
