"""Celery tasks: thin adapters that call services."""

from celery import shared_task
from django.utils import timezone

from .services.exports import exports_purge


@shared_task(name="dataprotection.tasks.subject_access_exports_purge", ignore_result=True)
def subject_access_exports_purge() -> int:
    """Delete the subject access exports kept their ``CYSWLLT_SAR_EXPORT_DAYS``."""
    return exports_purge(now=timezone.now())
