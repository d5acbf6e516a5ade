"""The record of who opened which complaint: one INSERT however many were shown at once."""

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from accounts.models import User

from .access import COMPLAINT_KIND
from .models import ComplaintView, ViewedVia


def complaint_views_record(
    *, user: User, cases: Iterable, via: str, now: datetime | None = None
) -> int:
    """Record that ``user`` saw these cases, those of them that are complaints (cases already
    loaded, so pages that show no complaint pay no query)."""
    now = now or timezone.now()
    views = [
        ComplaintView(case_id=case.pk, user_id=user.pk, viewed_at=now, via=via)
        for case in cases
        if case.kind == COMPLAINT_KIND
    ]
    if views:
        ComplaintView.objects.bulk_create(views)
    return len(views)


__all__ = ["ViewedVia", "complaint_views_record"]
