"""Whether the standards were met: on time by period and by standard, right first time,
satisfaction, and Welsh against English."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _

from contacts.models import LanguagePreference
from standards.milestone_kinds import MilestoneKind
from standards.selectors import standard_names

from ...domain.measures import (
    Grain,
    hours,
    met_rate,
    percent,
)
from ...models import (
    DailyCaseStat,
    DailyMilestoneStat,
    Satisfaction,
    SatisfactionAnswer,
)
from ...tables import Column, Table
from ..daily import local_midnight
from .period import (
    Period,
    language_label,
    met_columns,
    met_counts,
    period_column,
    scoped,
    service_names,
)
from .timing import percentiles


def met_trend(period: Period) -> Table:
    """% of milestones met in each week or month: the chart of the trends page."""
    trunc = TruncWeek("day") if period.grain is Grain.WEEK else TruncMonth("day")
    rows = (
        scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .annotate(period=trunc)
        .values("period")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by("period")
    )
    return Table(
        slug="met-trend",
        title=_("Milestones met on time"),
        columns=met_columns(period_column(period.grain)),
        rows=[
            [r["period"], r["met"], r["met_late"], r["breached"], met_rate(**met_counts(r))]
            for r in rows
        ],
        chart="rate",
    )


def met_by_standard(period: Period) -> Table:
    """% of milestones met per standard in each week or month."""
    trunc = TruncWeek("day") if period.grain is Grain.WEEK else TruncMonth("day")
    names = standard_names()
    rows = (
        scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .annotate(period=trunc)
        .values("standard_id", "period")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by("standard_id", "period")
    )
    columns = met_columns(period_column(period.grain))
    return Table(
        slug="met-by-standard",
        title=_("Milestones met on time, by standard"),
        columns=[Column("standard", _("Standard")), *columns],
        rows=[
            [
                names.get(r["standard_id"], ""),
                r["period"],
                r["met"],
                r["met_late"],
                r["breached"],
                met_rate(**met_counts(r)),
            ]
            for r in sorted(rows, key=lambda r: (names.get(r["standard_id"], ""), r["period"]))
        ],
    )


def right_first_time(period: Period) -> Table:
    """Cases resolved without being reopened, per service."""
    names = service_names()
    rows = (
        scoped(DailyCaseStat.objects.all(), period)
        .values("service_id")
        .annotate(resolved=Sum("resolved"), right=Sum("right_first_time"))
        .order_by()
    )
    return Table(
        slug="right-first-time",
        title=_("Right first time, by service"),
        columns=[
            Column("service", _("Service")),
            Column("resolved", _("Cases resolved"), numeric=True),
            Column("right", _("Resolved without reopening"), numeric=True),
            Column("rate", _("Percentage right first time"), numeric=True, percent=True),
        ],
        rows=sorted(
            [
                [
                    names.get(r["service_id"], ""),
                    r["resolved"],
                    r["right"],
                    percent(r["right"], r["resolved"]),
                ]
                for r in rows
            ],
            key=lambda row: row[0],
        ),
        chart="rate",
    )


def satisfaction(period: Period) -> Table:
    """Customers' answers to the satisfaction question, per service, by when they answered."""
    names = service_names()
    answers = SatisfactionAnswer.objects.filter(
        answered_at__gte=local_midnight(period.first),
        answered_at__lt=local_midnight(date.fromordinal(period.last.toordinal() + 1)),
    )
    if period.service_id:
        answers = answers.filter(case__service_id=period.service_id)
    rows = (
        answers.values(service_id=F("case__service_id"))
        .annotate(
            yes=Count("pk", filter=Q(answer=Satisfaction.SATISFIED)),
            no=Count("pk", filter=Q(answer=Satisfaction.NOT_SATISFIED)),
        )
        .order_by()
    )
    return Table(
        slug="satisfaction",
        title=_("Customer satisfaction, by service"),
        columns=[
            Column("service", _("Service")),
            Column("yes", _("Satisfied"), numeric=True),
            Column("no", _("Not satisfied"), numeric=True),
            Column("rate", _("Percentage satisfied"), numeric=True, percent=True),
        ],
        rows=sorted(
            [
                [
                    names.get(r["service_id"], ""),
                    r["yes"],
                    r["no"],
                    percent(r["yes"], r["yes"] + r["no"]),
                ]
                for r in rows
            ],
            key=lambda row: row[0],
        ),
        chart="rate",
    )


def language_parity(period: Period) -> Table:
    """Welsh against English: % met and time to respond, so that parity can be shown."""
    met = {
        r["language"]: r
        for r in scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .values("language")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by()
    }
    # Per language: how many responded, and the median and 90th percentile in seconds.
    times: defaultdict[str, tuple[int, float | None, float | None]] = defaultdict(
        lambda: (0, None, None)
    )
    for language, _kind, count, p50, p90 in percentiles(
        period, group="s.language, s.kind", kinds=[MilestoneKind.RESPOND]
    ):
        times[language] = (count, p50, p90)
    rows = []
    for language in (
        LanguagePreference.WELSH,
        LanguagePreference.ENGLISH,
        LanguagePreference.UNKNOWN,
    ):
        figures = met.get(language.value, {"met": 0, "met_late": 0, "breached": 0})
        count, p50, p90 = times[language.value]
        rows.append(
            [
                language_label(language.value),
                figures["met"],
                figures["met_late"],
                figures["breached"],
                met_rate(**met_counts(figures)),
                count,
                hours(p50),
                hours(p90),
            ]
        )
    return Table(
        slug="language-parity",
        title=_("Welsh and English compared"),
        columns=[
            Column("language", _("Language of the contact")),
            Column("met", _("Met on time"), numeric=True),
            Column("met_late", _("Met late"), numeric=True),
            Column("breached", _("Still open after the deadline"), numeric=True),
            Column("rate", _("Percentage met on time"), numeric=True, percent=True),
            Column("responses", _("Responses sent"), numeric=True),
            Column("median", _("Median time to respond (hours)"), numeric=True),
            Column("p90", _("90th percentile time to respond (hours)"), numeric=True),
        ],
        rows=rows,
        chart="rate",
    )
