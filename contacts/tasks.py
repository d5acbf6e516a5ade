"""Celery tasks: thin adapters that call services."""

from celery import shared_task
from django.utils import timezone

from common.jobs import enqueue

from . import alerts, sla, transfer_notices


@shared_task(name="contacts.tasks.sla_sweep", ignore_result=True)
def sla_sweep() -> dict[str, int]:
    result = sla.sla_sweep(now=timezone.now())
    if result.due_soon or result.breached:
        enqueue(sla_alerts_send)
    return {"due_soon": result.due_soon, "breached": result.breached}


@shared_task(name="contacts.tasks.sla_alerts_send", ignore_result=True)
def sla_alerts_send() -> int:
    return alerts.sla_alerts_send()


@shared_task(name="contacts.tasks.transfer_notify", ignore_result=True)
def transfer_notify(event_id: int) -> bool:
    return transfer_notices.transfer_notice_send(event_id=event_id)
