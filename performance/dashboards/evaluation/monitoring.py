"""The monthly random monitoring's scores by standard, service or officer."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from standards.selectors import standard_names

from ...domain.measures import (
    score_rate,
)
from ...models import (
    MonitoringScore,
    ScoreAnswer,
)
from ...tables import Column, Table
from .period import Period, service_names


def monitoring_results(period: Period, *, by: str) -> Table:
    """Random-monitoring scores of the months in the period, per standard, service or officer."""
    scores = MonitoringScore.objects.filter(
        sampled__sample__month__gte=period.first.replace(day=1),
        sampled__sample__month__lte=period.last,
    )
    if period.service_id:
        scores = scores.filter(sampled__sample__service_id=period.service_id)
    group = {
        "standard": "sampled__case__standard_id",
        "service": "sampled__sample__service_id",
        "officer": "sampled__case__owner_id",
    }[by]
    rows = (
        scores.values(key=F(group))
        .annotate(
            checks=Count("sampled", distinct=True),
            yes=Count("pk", filter=Q(answer=ScoreAnswer.YES)),
            no=Count("pk", filter=Q(answer=ScoreAnswer.NO)),
            na=Count("pk", filter=Q(answer=ScoreAnswer.NOT_APPLICABLE)),
        )
        .order_by()
    )
    names = _monitoring_names(by, [r["key"] for r in rows])
    titles = {
        "standard": (_("Random monitoring, by standard"), _("Standard")),
        "service": (_("Random monitoring, by service"), _("Service")),
        "officer": (_("Random monitoring, by officer"), _("Officer")),
    }
    title, label = titles[by]
    return Table(
        slug=f"monitoring-by-{by}",
        title=title,
        columns=[
            Column(by, label),
            Column("checks", _("Cases checked"), numeric=True),
            Column("yes", _("Shown"), numeric=True),
            Column("no", _("Not shown"), numeric=True),
            Column("na", _("Not applicable"), numeric=True),
            Column("rate", _("Percentage shown"), numeric=True, percent=True),
        ],
        rows=sorted(
            [
                [
                    names.get(r["key"], str(_("Nobody"))),
                    r["checks"],
                    r["yes"],
                    r["no"],
                    r["na"],
                    score_rate(yes=r["yes"], no=r["no"]),
                ]
                for r in rows
            ],
            key=lambda row: row[0],
        ),
    )


def _monitoring_names(by: str, keys: list) -> dict:
    if by == "standard":
        return standard_names()
    if by == "service":
        return service_names()
    return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=keys)}
