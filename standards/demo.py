"""Demo data for the standards evaluation: the dashboard's counts, the daily figures, last
month's monitoring samples with one scored, and a few satisfaction answers. Idempotent: every
step either replaces derived figures or does nothing the second time."""

from datetime import datetime, timedelta

from contacts.models import Case, CaseStatus

from .dashboards.daily import daily_stats_keep_current
from .dashboards.live import sla_snapshot_take
from .evaluation_models import MonitoringCheck, Satisfaction, SatisfactionAnswer, ScoreAnswer
from .models import Behaviour
from .monitoring.services import (
    ScoreInput,
    monitoring_check_score,
    monitoring_samples_draw_last_month,
)


def seed_evaluation(*, now: datetime) -> None:
    resolved = list(
        Case.objects.filter(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED])
        .order_by("pk")
        .values_list("pk", flat=True)[:6]
    )
    for number, case_id in enumerate(resolved):
        answer = Satisfaction.NOT_SATISFIED if number % 3 == 2 else Satisfaction.SATISFIED
        SatisfactionAnswer.objects.get_or_create(
            case_id=case_id, defaults={"answer": answer, "answered_at": now - timedelta(hours=1)}
        )
    monitoring_samples_draw_last_month(now=now)
    unscored = MonitoringCheck.objects.filter(checked_at__isnull=True).select_related("case")
    if not MonitoringCheck.objects.filter(checked_at__isnull=False).exists() and (
        check := unscored.first()
    ):
        behaviours = Behaviour.objects.filter(standard_id=check.case.standard_id)
        scores = [
            ScoreInput(b.pk, ScoreAnswer.NO if i == 1 else ScoreAnswer.YES)
            for i, b in enumerate(behaviours)
        ]
        if scores:
            manager = check.sample.service.teams.exclude(manager=None).first()
            monitoring_check_score(
                check=check, actor=manager.manager if manager else None, scores=scores, now=now
            )
    daily_stats_keep_current(now=now)
    sla_snapshot_take(now=now)
