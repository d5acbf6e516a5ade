"""Celery tasks: thin adapters that call services."""

from celery import shared_task
from django.utils import timezone

from . import sla


@shared_task(name="contacts.tasks.sla_sweep", ignore_result=True)
def sla_sweep() -> dict[str, int]:
    """Flag due-soon and breached milestones; the alerts they owe staff go through messaging's
    outbox (``hooks.sla_alerts_owed``)."""
    result = sla.sla_sweep(now=timezone.now())
    return {"due_soon": result.due_soon, "breached": result.breached}
