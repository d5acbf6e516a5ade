"""Random monitoring: drawing each month's sample, and scoring the sampled cases."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Service, User
from common.errors import ServiceError
from contacts.models import Case, CaseStatus
from standards.models import Behaviour

from ..dashboards.daily import local_midnight
from ..domain.measures import month_before
from ..domain.sampling import new_seed, sample_ids
from ..models import MonitoringCheck, MonitoringSample, MonitoringScore, ScoreAnswer

#: Cases checked per service and month unless the manager drawing the sample asks otherwise.
DEFAULT_SAMPLE_SIZE = 5
MAX_SAMPLE_SIZE = 50


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def closed_case_ids(*, service: Service, month: date) -> list[int]:
    """The service's cases resolved in the month and not reopened since, in one query."""
    return list(
        Case.objects.filter(
            service=service,
            status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED],
            resolved_at__gte=local_midnight(month),
            resolved_at__lt=local_midnight(_next_month(month)),
        ).values_list("pk", flat=True)
    )


def monitoring_sample_draw(
    *,
    service: Service,
    month: date,
    size: int = DEFAULT_SAMPLE_SIZE,
    actor: User | None,
    now: datetime,
    seed: int | None = None,
) -> tuple[MonitoringSample, bool]:
    """Draw the month's sample of the service's closed cases, once: a second draw (or one
    running at the same moment) gets the first sample back, and ``False``."""
    month = month.replace(day=1)
    if not 1 <= size <= MAX_SAMPLE_SIZE:
        raise ServiceError(
            {"size": _("The sample size must be between 1 and %(max)s.") % {"max": MAX_SAMPLE_SIZE}}
        )
    if month >= now.date().replace(day=1):
        raise ServiceError({"month": _("Choose a month that has ended.")})
    existing = MonitoringSample.objects.filter(service=service, month=month).first()
    if existing:
        return existing, False
    seed = new_seed() if seed is None else seed
    ids = closed_case_ids(service=service, month=month)
    chosen = sample_ids(ids, size=size, seed=seed)
    try:
        with transaction.atomic():
            sample = MonitoringSample.objects.create(
                service=service,
                month=month,
                size=size,
                seed=seed,
                population=len(ids),
                drawn_at=now,
                drawn_by=actor,
            )
            MonitoringCheck.objects.bulk_create(
                [MonitoringCheck(sample=sample, case_id=case_id) for case_id in chosen]
            )
    except IntegrityError:
        return MonitoringSample.objects.get(service=service, month=month), False
    return sample, True


def monitoring_samples_draw_last_month(*, now: datetime) -> int:
    """The beat job: every service's sample of last month that is not drawn yet."""
    month = month_before(now.date())
    drawn = 0
    for service in Service.objects.exclude(monitoring_samples__month=month):
        _sample, created = monitoring_sample_draw(service=service, month=month, actor=None, now=now)
        drawn += created
    return drawn


@dataclass(frozen=True)
class ScoreInput:
    behaviour_id: int
    answer: str
    comment: str = ""


@transaction.atomic
def monitoring_check_score(
    *, check: MonitoringCheck, actor: User, scores: list[ScoreInput], now: datetime
) -> MonitoringCheck:
    """Record (or correct) the scores of one sampled case against its standard's behaviours."""
    check = MonitoringCheck.objects.select_for_update().select_related("case").get(pk=check.pk)
    behaviours = set(
        Behaviour.objects.filter(standard_id=check.case.standard_id).values_list("pk", flat=True)
    )
    given = {score.behaviour_id for score in scores}
    if given != behaviours or len(given) != len(scores):
        raise ServiceError(_("Score every behaviour of the standard, once."))
    if any(score.answer not in ScoreAnswer.values for score in scores):
        raise ServiceError(_("Answer yes, no or not applicable."))
    MonitoringScore.objects.filter(sampled=check).delete()
    MonitoringScore.objects.bulk_create(
        [
            MonitoringScore(
                sampled=check,
                behaviour_id=score.behaviour_id,
                answer=score.answer,
                comment=score.comment.strip(),
            )
            for score in scores
        ]
    )
    check.checked_by = actor
    check.checked_at = now
    check.save(update_fields=["checked_by", "checked_at"])
    return check
