"""Redis (cache and broker) stopped while cases pour in through the API (issue 20, item 4):
every request still answers 201, and once Redis is back the acknowledgements owed meanwhile
go out with the rest. Its own redis-server, so the suite's Redis is never touched; gunicorn
and a Celery worker on the test database, as in production."""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from contacts.models import Case
from messaging.models import OutboundMessage, Purpose
from tests.factories import token_for
from tests.worker_process import process_stop, running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_start(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for(lambda: _answers(port), timeout=10), "redis-server did not start"
    return process


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )


class Clients:
    """Threads posting new cases back to back, counting the answers by status."""

    def __init__(self, port: int, token: str, count: int = 3) -> None:
        self.port, self.token = port, token
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(count)]

    def run(self, client: int) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            body = json.dumps(
                {
                    "channel": "email",
                    "service": "waste",
                    "summary": f"Missed bin {client}-{n}",
                    "received_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "channel_details": {
                        "contact_type": "department",
                        "from_address": f"r{client}x{n}@example.com",
                        "to_address": "waste@example.gov.wales",
                    },
                    "customer": {"name": "Ann Jones", "email": f"r{client}x{n}@example.com"},
                }
            )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request(
                    "POST",
                    "/api/v1/cases/",
                    body,
                    {"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
                )
                response = conn.getresponse()
                text = response.read()
                conn.close()
            except OSError as error:
                with self.lock:
                    self.errors.append(repr(error))
                continue
            with self.lock:
                self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
                if response.status != 201 and len(self.errors) < 5:
                    self.errors.append(f"{response.status}: {text[:300]!r}")

    def __enter__(self) -> "Clients":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_cases_are_created_while_redis_is_away_and_their_messages_go_when_it_returns(
    tmp_path, service, advisor
):
    token = token_for(advisor)
    redis_port, web_port = free_port(), free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CYSWLLT_VAR_DIR": str(tmp_path),
        "CYSWLLT_HASHED_STATIC_FILES": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "test-only-" + "x" * 50,
    }
    env.pop("DJANGO_DEBUG", None)
    redis = redis_start(redis_port)
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{web_port}"],
        cwd=ROOT,
        env=env,
        stdout=(tmp_path / "web.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: _answers(web_port), timeout=60), (tmp_path / "web.log").read_text()
        with (
            running_worker(
                tmp_path,
                purge=False,
                REDIS_URL=redis_url,
                CELERY_BROKER_URL=redis_url,
                EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            ) as worker,
            Clients(web_port, token) as clients,
        ):
            time.sleep(3)
            redis.kill()  # cache and broker gone at once, mid-request
            redis.wait(timeout=10)
            during = Case.objects.count()
            time.sleep(float(os.environ.get("OUTAGE_SECONDS", "5")))
            # Cases must be made while Redis is still away. On a machine the rest of the suite
            # keeps busy the first requests without it (each process reads its rules afresh)
            # can take longer than the outage's five seconds: Redis stays away until one has.
            wait_for(lambda: Case.objects.count() > during, timeout=60)
            made_while_away = Case.objects.count() - during
            redis = redis_start(redis_port)
            time.sleep(4)  # the new cases ask for a drain again; it takes everything owed
        assert clients.statuses.get(201, 0) > 0 and set(clients.statuses) == {201}, (
            clients.statuses,
            clients.errors,
        )
        assert not clients.errors, clients.errors
        assert made_while_away > 0
        owed = OutboundMessage.objects.filter(purpose=Purpose.ACKNOWLEDGEMENT)
        assert owed.count() == Case.objects.count() == clients.statuses[201]
        assert wait_for(lambda: not owed.exclude(state="sent").exists(), timeout=60), (
            dict(owed.values_list("state").annotate(n=Count("id"))),
            worker.output()[-3000:],
        )
    finally:
        process_stop(web)
        redis.kill()
        redis.wait(timeout=10)
