"""The retention job (docs/adr/0030): applies the schedule in batches, each its own short
transaction, until nothing is due; records the run for the data protection officer."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dataprotection.models import RetentionRun
from dataprotection.retention_selectors.retention import START, due_cases_claim
from dataprotection.services.anonymisation import personal_data_anonymise


def retention_apply(
    *, now: datetime | None = None, today: date | None = None, batch_size: int | None = None
) -> RetentionRun:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    limit = batch_size or settings.RETENTION_BATCH_SIZE
    run = RetentionRun.objects.create(started_at=now)
    after = START
    while True:
        # One transaction per batch: the locks last as long as one batch's statements.
        with transaction.atomic():
            batch = due_cases_claim(today=today, limit=limit, after=after)
            if not batch:
                break
            after = batch.last
            done = personal_data_anonymise(
                case_ids=batch.anonymise, delete_ids=batch.delete, now=now
            )
        run.cases_anonymised += done.cases
        run.cases_deleted += done.deleted
        run.customers_removed += done.customers_removed
    run.finished_at = timezone.now()
    run.save(
        update_fields=["cases_anonymised", "cases_deleted", "customers_removed", "finished_at"]
    )
    return run
