"""Consultation responses are personal data (docs/adr/0034): kept for
``CONSULTATION_RESPONSE_RETENTION_DAYS`` (default two years) after the consultation closes,
then anonymised — the digest standing for the person and the unused confirmation links go,
and so do the free-text answers' words (which may name people); the choices, the values, the
themes officers tagged, the ward and the language stay, so the published figures hold.

Set-based: three statements per consultation, claimed with SKIP LOCKED, safe to run twice."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Answer, Consultation, Response
from .selectors import responses_of_people


def retention_days() -> int:
    return int(getattr(settings, "CONSULTATION_RESPONSE_RETENTION_DAYS", 730))


def responses_anonymise(*, now: datetime, batch: int = 20) -> int:
    cutoff = timezone.localdate(now) - timedelta(days=retention_days())
    with transaction.atomic():
        due = list(
            Consultation.objects.select_for_update(skip_locked=True)
            .filter(closes_on__lt=cutoff, responses_anonymised_at__isnull=True)
            .values_list("pk", flat=True)[:batch]
        )
        if not due:
            return 0
        # Never confirmed by now: never counted, nothing to keep.
        Response.objects.filter(consultation_id__in=due, confirmed_at__isnull=True).delete()
        Response.objects.filter(consultation_id__in=due).update(person_digest="", token=None)
        Answer.objects.filter(response__consultation_id__in=due).exclude(text="").update(text="")
        Consultation.objects.filter(pk__in=due).update(responses_anonymised_at=now)
    return len(due)


def person_responses_anonymise(*, emails: list[str]) -> int:
    """Erasure of a person (UK GDPR art. 17, ``dataprotection.services.erasure``): their
    responses as the retention job would leave them — never-confirmed ones deleted, the others
    without the digest, the link and the free-text words (the counts hold). Three statements."""
    responses, _answers = responses_of_people(emails=emails)
    ids = [response.pk for response in responses]
    if not ids:
        return 0
    Response.objects.filter(pk__in=ids, confirmed_at__isnull=True).delete()
    Response.objects.filter(pk__in=ids).update(person_digest="", token=None)
    Answer.objects.filter(response_id__in=ids).exclude(text="").update(text="")
    return len(ids)
