"""``manage.py liveness worker`` and ``manage.py liveness beat``: exit 0 while the process is
alive, 1 with a one-line reason when it is not; for container health checks (docker-compose
runs them in the worker's and beat's containers).

``worker`` reads the heartbeat files of the workers on this machine (``--node`` names one);
``beat`` reads, in the database, when beat last sent its heartbeat task. See
``operations/heartbeats.py`` for why each is checked that way."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from operations import heartbeats


class Command(BaseCommand):
    help = "Exit 0 if the worker (or beat) on this machine is alive, else 1 with the reason."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("process", choices=["worker", "beat"])
        parser.add_argument(
            "--node",
            help="The worker's node name (e.g. celery@host); by default every worker named "
            "after this machine.",
        )

    def handle(self, *args: Any, process: str, node: str | None, **options: Any) -> None:
        reason = self.worker(node) if process == "worker" else self.beat()
        if reason:
            raise CommandError(reason, returncode=1)
        self.stdout.write(f"{process} alive")

    def worker(self, node: str | None) -> str:
        files = heartbeats.worker_heartbeat_files(node=node)
        if not files:
            return f"no heartbeat from {node or 'any worker on this machine'}"
        now = time.time()
        for path in files:
            try:
                age = now - path.stat().st_mtime
            except FileNotFoundError:  # the worker stopped between listing and reading
                return f"{path.name} stopped"
            if age > heartbeats.WORKER_STALE_SECONDS:
                return f"{path.name}: last heartbeat {int(age)} s ago"
        return ""

    def beat(self) -> str:
        try:
            age = heartbeats.age(heartbeats.BEAT_SENT, now=timezone.now())
        except Exception as error:
            return f"cannot read beat's heartbeat: {type(error).__name__}"
        if age is None:
            return "beat has sent no heartbeat yet"
        if age > heartbeats.beat_stale_after():
            return f"beat's last heartbeat was {int(age.total_seconds())} s ago"
        return ""
