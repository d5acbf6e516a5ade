"""What the data protection officer's page lists: the latest retention runs, erasures and
legal holds, counts and ids only (the officer reads no case content)."""

from django.db.models import QuerySet

from dataprotection.models import Erasure, LegalHold, RetentionRun

SHOWN = 50


def retention_runs_latest() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.order_by("-started_at")[:SHOWN]


def erasures_latest() -> QuerySet[Erasure]:
    return Erasure.objects.select_related("erased_by").order_by("-erased_at")[:SHOWN]


def legal_holds_latest() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("case", "placed_by", "released_by").order_by(
        "released_at", "-placed_at"
    )[:SHOWN]
