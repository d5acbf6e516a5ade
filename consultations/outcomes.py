"""The closing reports "You said, we did" links to (registered in ``apps.py``)."""

from django.urls import reverse

from complaints.outcomes import PublishedOutcome

from .models import Consultation


def published_outcomes(*, limit: int) -> list[PublishedOutcome]:
    """Latest first; title and address in the active language (modeltranslation)."""
    return [
        PublishedOutcome(
            title=consultation.title,
            url=reverse("consultations:outcome", args=[consultation.pk]),
            published_at=consultation.outcome_published_at or consultation.modified_at,
        )
        for consultation in Consultation.objects.filter(
            published_at__isnull=False, outcome_published_at__isnull=False
        ).order_by("-outcome_published_at", "-pk")[:limit]
    ]
