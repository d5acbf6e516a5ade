"""Celery tasks: thin adapters over the consultations' services."""

from celery import shared_task
from django.utils import timezone

from .notices import openings_tell
from .retention import responses_anonymise


@shared_task(name="consultations.tasks.consultation_openings", ignore_result=True)
def consultation_openings() -> int:
    """Tell the wards' councillors of consultations that have opened (safe to run twice or at
    once)."""
    return openings_tell(now=timezone.now())


@shared_task(name="consultations.tasks.responses_anonymise", ignore_result=True)
def consultation_responses_anonymise() -> int:
    """Anonymise the responses of consultations closed longer than the retention period."""
    return responses_anonymise(now=timezone.now())
