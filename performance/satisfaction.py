"""Keeping the customer's answer to the satisfaction question (the link that asks it:
``contacts.satisfaction_links``)."""

from datetime import datetime

from django.db import transaction

from contacts.models import Case

from .models import Satisfaction, SatisfactionAnswer


@transaction.atomic
def satisfaction_record(*, case: Case, answer: str, now: datetime) -> SatisfactionAnswer:
    """Keep the customer's answer; a second answer replaces the first."""
    if answer not in Satisfaction.values:
        raise ValueError(answer)
    record, _created = SatisfactionAnswer.objects.update_or_create(
        case=case, defaults={"answer": answer, "answered_at": now}
    )
    return record
