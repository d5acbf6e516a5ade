"""Celery tasks: thin adapters that call services."""

from celery import shared_task
from django.utils import timezone

from .services.exports import exports_purge
from .services.retention import retention_apply as retention_apply_service


@shared_task(name="dataprotection.tasks.subject_access_exports_purge", ignore_result=True)
def subject_access_exports_purge() -> int:
    """Delete the subject access exports kept their ``CYSWLLT_SAR_EXPORT_DAYS``."""
    return exports_purge(now=timezone.now())


@shared_task(name="dataprotection.tasks.retention_apply", ignore_result=True)
def retention_apply() -> int:
    """Apply the retention schedule (beat, hourly)."""
    run = retention_apply_service()
    return run.cases_anonymised + run.cases_deleted
