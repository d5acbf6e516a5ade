"""Celery tasks of operations: thin adapters."""

from celery import shared_task
from django.utils import timezone

from . import heartbeats


@shared_task(name=heartbeats.BEAT_HEARTBEAT_TASK, ignore_result=True)
def beat_heartbeat() -> None:
    """Sent by beat every 30 seconds (beat records the sending itself); its run shows that
    periodic jobs reach a worker and run (``/readyz``'s beat check)."""
    heartbeats.record(heartbeats.BEAT_RUN, at=timezone.now())
