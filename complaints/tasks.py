"""Celery tasks: thin adapters that call services."""

from celery import shared_task

from .services.compliments import compliment_pass_on_send


@shared_task(name="complaints.tasks.compliment_pass_on", ignore_result=True)
def compliment_pass_on(compliment_id: int) -> int:
    return compliment_pass_on_send(compliment_id=compliment_id)
