#!/usr/bin/env python
"""Acknowledgement latency: from a case created through the API to its acknowledgement accepted
by an SMTP server, at a steady 50 new cases per second, with one Celery worker.

    .venv/bin/python bench/ack_latency.py [--rate 50] [--duration 60] [--concurrency 2]

Runs against the seeded ``cyswllt_bench`` database (bench/seed.py): gunicorn (2 sync workers)
takes the cases, one ``celery worker`` delivers the acknowledgements to an SMTP server run in
this process (aiosmtpd), which notes when each arrived. The clients pace their requests to the
rate; each case's latency is SMTP arrival minus the moment its request was sent.

Target: p95 under 5 s, nothing lost (every case acknowledged), nothing sent twice.
"""

import argparse
import email
import http.client
import json
import re
import statistics
import subprocess
import threading
import time
from datetime import UTC, datetime
from email.policy import default as default_policy

import _env
from _load import free_port
from aiosmtpd.controller import Controller
from api_create import Gunicorn

TARGET_P95_S = 5.0
REFERENCE = re.compile(r"CYS-\d{4}-\d{6}")


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        arrived = time.monotonic()
        subject = email.message_from_bytes(envelope.content, policy=default_policy)["Subject"]
        match = REFERENCE.search(subject or "")
        if match:
            with self.lock:
                self.at.setdefault(match.group(), []).append(arrived)
        return "250 OK"


def post_case(conn: http.client.HTTPConnection, token: str, service: str, n: int) -> str:
    address = f"ack{n}-{time.time_ns()}@example.com"
    payload = json.dumps(
        {
            "channel": "email",
            "kind": "enquiry",
            "service": service,
            "summary": f"Bench {n}",
            "received_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "channel_details": {
                "contact_type": "department",
                "from_address": address,
                "to_address": f"{service}@example.gov.wales",
            },
            "customer": {"name": "Ann Jones", "email": address},
        }
    )
    conn.request(
        "POST",
        "/api/v1/cases/",
        payload,
        {"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    answer = json.loads(response.read())
    if response.status != 201:
        raise RuntimeError(f"{response.status}: {answer}")
    return answer["reference"]


def client(
    index: int,
    clients: int,
    port: int,
    token: str,
    services: list[str],
    rate: float,
    start: float,
    stop: float,
    sent: dict[str, float],
    errors: list[str],
) -> None:
    interval = clients / rate
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    n = 0
    while True:
        due = start + index * (1 / rate) + n * interval
        if due >= stop:
            break
        time.sleep(max(0.0, due - time.monotonic()))
        began = time.monotonic()
        try:
            reference = post_case(conn, token, services[n % len(services)], n * clients + index)
            sent[reference] = began
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            errors.append(str(error))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n += 1
    conn.close()


def owed_set_aside() -> int:
    """Messages still owed from earlier runs (``api_create.py`` owes an acknowledgement for
    each of its thousands of cases, with no worker running) would be delivered first, since a
    delivery takes the oldest due messages with its own: the run then measured that backlog
    (p50 108 s after three API runs). They are marked failed, in the bench database only."""
    import psycopg

    with psycopg.connect(_env.BENCH_DATABASE_URL.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(
            "UPDATE messaging_outboundmessage SET state = 'failed' "
            "WHERE state IN ('queued', 'sending')"
        ).rowcount


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=2, help="of the one worker")
    args = parser.parse_args()
    meta = _env.load_meta()
    token, services = meta["token"], meta["services"]

    import redis

    redis.Redis.from_url(_env.BENCH_REDIS_URL).flushdb()  # earlier runs' undelivered tasks
    set_aside = owed_set_aside()
    if set_aside:
        print(f"  {set_aside} messages owed by earlier runs set aside (marked failed)")
    arrivals = Arrivals()
    smtp = Controller(arrivals, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {**_env.bench_environ(), "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port)}
    _env.RESULTS.mkdir(parents=True, exist_ok=True)
    log = open(_env.RESULTS / "ack_latency.log", "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen(
        [
            str(_env.ROOT / ".venv/bin/celery"),
            "-A",
            "config",
            "worker",
            "--loglevel=warning",
            f"--concurrency={args.concurrency}",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=_env.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    web = Gunicorn(2, "sync", 1, _env.RESULTS / "ack_latency.web.log", env=env)
    try:
        web.wait_ready(token)
        time.sleep(3)  # the worker connects
        clients, sent, errors = 4, {}, []
        start = time.monotonic() + 0.5
        stop = start + args.duration
        threads = [
            threading.Thread(
                target=client,
                args=(i, clients, web.port, token, services, args.rate, start, stop, sent, errors),
            )
            for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not set(sent) <= set(arrivals.at):
            time.sleep(0.5)
        time.sleep(2)  # anything sent twice has time to arrive
    finally:
        web.stop()
        worker.terminate()
        worker.wait(timeout=30)
        smtp.stop()
        log.close()

    latencies = sorted(
        arrivals.at[ref][0] - began for ref, began in sent.items() if ref in arrivals.at
    )
    # Latency by when the case was sent, in 10-second windows: a queue that grows all along
    # (too slow) reads differently from a stall in one window.
    windows: dict[int, list[float]] = {}
    for ref, began in sent.items():
        if ref in arrivals.at:
            windows.setdefault(int((began - start) // 10), []).append(arrivals.at[ref][0] - began)
    for window, values in sorted(windows.items()):
        values.sort()
        middle, high = values[len(values) // 2], values[int(0.95 * (len(values) - 1))]
        print(
            f"  sent {window * 10:3d}-{window * 10 + 10:3d} s: {len(values):4d} cases, "
            f"p50 {middle:6.2f} s, p95 {high:6.2f} s, max {values[-1]:6.2f} s"
        )
    missing = [ref for ref in sent if ref not in arrivals.at]
    twice = [ref for ref, times in arrivals.at.items() if len(times) > 1]
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("inf")
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "rate_asked": args.rate,
        "duration_s": args.duration,
        "cases": len(sent),
        "rate_achieved": round(len(sent) / args.duration, 1),
        "request_errors": len(errors),
        "acknowledged": len(latencies),
        "missing": len(missing),
        "sent_twice": len(twice),
        "p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_s": round(p95, 3),
        "max_s": round(latencies[-1], 3) if latencies else None,
    }
    (_env.RESULTS / "ack_latency.json").write_text(json.dumps(result, indent=2))
    ok = p95 < TARGET_P95_S and not missing and not twice and not errors
    print(json.dumps(result, indent=2))
    print(
        f"{'[OK ]' if ok else '[MISS]'} acknowledgement p95 {p95:.2f} s (target < "
        f"{TARGET_P95_S:.0f} s), missing {len(missing)}, sent twice {len(twice)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
