"""Celery tasks: thin adapters over the councillors' services."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="councillors.tasks.ward_event_notices", ignore_result=True)
def ward_event_notices() -> int:
    """Tell councillors of calendar entries now inside the notice period (safe to run twice or
    at once)."""
    return services.ward_events_announce(now=timezone.now())
