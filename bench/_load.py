"""Load on an HTTP API from concurrent keep-alive clients, with the server's CPU accounted.

``api_create.py`` (our API) and ``peer_helpdesk.py`` (issue 19's peer) both drive their server
through ``drive``, so that the two sides of "three times the peer" are measured the same way:
each client process keeps one ``http.client`` connection and posts back to back (a sync
gunicorn worker closes the connection after every response; the client then reconnects, as any
client would), and every answer other than a 201 is an error.
"""

import http.client
import json
import multiprocessing as mp
import resource
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import _env

MAX_REQUESTS_PER_CLIENT = 200_000  # a bound, far above what 20 s can reach


@dataclass(frozen=True)
class Load:
    """What each client posts: ``body(n, client)`` to ``path`` with ``token``; ``check`` looks
    at the first created item's answer (a wrong answer fails the run loudly)."""

    port: int
    path: str
    token: str
    body: Callable[[int, int], bytes]
    check: Callable[[Any], None]


def _client(load: Load, index: int, start_at: float, stop_at: float, out: mp.Queue) -> None:
    """One client: posts back to back on one connection between start_at and stop_at."""
    headers = {
        "Authorization": f"Token {load.token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Connection": "keep-alive",
    }
    conn = http.client.HTTPConnection("127.0.0.1", load.port, timeout=30)
    latencies: list[float] = []
    errors: list[str] = []
    statuses: dict[int, int] = {}
    connects = 0
    n = 0
    while time.time() < start_at:
        time.sleep(0.001)
    while n < MAX_REQUESTS_PER_CLIENT and time.perf_counter() < stop_at:
        n += 1
        payload = load.body(n, index)
        if conn.sock is None:
            connects += 1
        started = time.perf_counter()
        try:
            conn.request("POST", load.path, payload, headers)
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
            load.check(json.loads(data))
    conn.close()
    out.put({"latencies": latencies, "errors": errors, "statuses": statuses, "connects": connects})


def database_backends(database_url: str) -> list[int]:
    """PIDs of the PostgreSQL backends connected to the database of ``database_url``."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def drive(
    load: Load,
    clients: int,
    seconds: float,
    *,
    server_pid: int | None = None,
    database_url: str | None = None,
) -> dict:
    """Run the clients for ``seconds`` and aggregate what they saw.

    With ``server_pid``, also account for CPU: the server's (its process tree and the
    PostgreSQL backends of ``database_url``) per created item, and how much of the machine
    other processes used meanwhile."""
    if server_pid:
        ours = _env.process_tree(server_pid) + (
            database_backends(database_url) if database_url else []
        )
        ours_cpu0 = sum(_env.proc_cpu(pid) for pid in ours)
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0, total0 = _env.machine_cpu()
    out: mp.Queue = mp.Queue()
    start_at = time.time() + 0.5
    # perf_counter is system-wide monotonic on Linux, so the children can share the deadline.
    stop_at = time.perf_counter() + 0.5 + seconds
    procs = [
        mp.Process(target=_client, args=(load, i, start_at, stop_at, out)) for i in range(clients)
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
        "server_cpu_ms_each": cpu["server_cpu_s"] / max(ok, 1) * 1000 if cpu else None,
        "client_cpu_ms_each": cpu["client_cpu_s"] / max(ok, 1) * 1000 if cpu else None,
        "other_load": cpu.get("other_share"),
    }


def measure(
    load: Load, clients: int, *, warmup: float, seconds: float, server_pid: int, database_url: str
) -> dict:
    """``drive`` for ``warmup`` seconds unmeasured (imports, caches, prepared statements),
    then for ``seconds`` with the server's CPU accounted."""
    drive(load, clients, warmup)
    return drive(load, clients, seconds, server_pid=server_pid, database_url=database_url)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_start(
    command: list[str], *, cwd: Any, env: dict[str, str], log_path: Any
) -> tuple[subprocess.Popen, Any]:
    """Start a server with its output appended to ``log_path``, headed by its command."""
    log = open(log_path, "ab")  # noqa: SIM115 - closed in server_stop()
    log.write(f"\n==== {' '.join(command)}\n".encode())
    log.flush()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    return proc, log


def server_wait_ready(
    proc: subprocess.Popen,
    port: int,
    *,
    request: tuple[str, str, bytes | None],
    token: str,
    answer: int,
    timeout: float = 60,
) -> None:
    """Until ``request`` (method, path, body) with ``token`` gets ``answer``: the server has
    loaded its application and reaches its database. Fails if the server exits."""
    method, path, body = request
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}; see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request(method, path, body, headers)
            status = conn.getresponse().status
            conn.close()
            if status == answer:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def server_stop(proc: subprocess.Popen, log: Any) -> None:
    """SIGTERM, SIGKILL after 15 s; then close its log."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    log.close()
