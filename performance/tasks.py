"""Celery tasks of the dashboard and the standards evaluation: thin adapters that call the jobs."""

from celery import shared_task
from django.utils import timezone

from .dashboards.daily import daily_stats_keep_current
from .dashboards.live import sla_snapshot_take
from .monitoring.services import monitoring_samples_draw_last_month


@shared_task(name="performance.tasks.sla_snapshot", ignore_result=True)
def sla_snapshot() -> bool:
    return sla_snapshot_take(now=timezone.now())


@shared_task(name="performance.tasks.daily_stats", ignore_result=True)
def daily_stats() -> bool:
    return daily_stats_keep_current(now=timezone.now())


@shared_task(name="performance.tasks.monitoring_samples", ignore_result=True)
def monitoring_samples() -> int:
    return monitoring_samples_draw_last_month(now=timezone.now())
