"""Celery tasks: thin adapters that call services."""

from celery import shared_task

from .services.retention import retention_apply as retention_apply_service


@shared_task(name="dataprotection.tasks.retention_apply", ignore_result=True)
def retention_apply() -> int:
    """Apply the retention schedule (beat, nightly)."""
    run = retention_apply_service()
    return run.cases_anonymised + run.cases_deleted
