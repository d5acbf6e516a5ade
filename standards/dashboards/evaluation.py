"""The standards evaluation: trends, response times, quality and parity over a period.

Every figure is an aggregate over the daily tables (``DailyMilestoneStat``,
``DailyCaseStat``) or a small indexed table (satisfaction answers, monitoring scores), so a
year's report reads thousands of rows, not millions.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from contacts.models import LanguagePreference
from standards.channels import Channel

from ..domain.measures import (
    Grain,
    hours,
    met_rate,
    minutes,
    percent,
    percentile_cont,
    score_rate,
)
from ..evaluation_models import (
    DailyCaseStat,
    DailyMilestoneStat,
    MonitoringScore,
    Satisfaction,
    SatisfactionAnswer,
    ScoreAnswer,
)
from ..milestone_kinds import MilestoneKind
from ..models import Standard
from ..tables import Column, Table
from .daily import local_midnight


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    grain: Grain = Grain.MONTH
    service_id: int | None = None  # None: every service


def _scoped(rows, period: Period):
    rows = rows.filter(day__gte=period.first, day__lte=period.last)
    return rows.filter(service_id=period.service_id) if period.service_id else rows


def _standards() -> dict[int, str]:
    return {s.pk: f"{s.code}: {s.event}" for s in Standard.objects.all()}


def _services() -> dict[int, str]:
    return {s.pk: str(s) for s in Service.objects.all()}


def _channel(value: str) -> str:
    return str(dict(Channel.choices).get(value, value))


def _language(value: str) -> str:
    return str(dict(LanguagePreference.choices).get(value, value))


def met_trend(period: Period) -> Table:
    """% of milestones met in each week or month: the chart of the trends page."""
    trunc = TruncWeek("day") if period.grain is Grain.WEEK else TruncMonth("day")
    rows = (
        _scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .annotate(period=trunc)
        .values("period")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by("period")
    )
    return Table(
        slug="met-trend",
        title=_("Milestones met on time"),
        columns=_met_columns(_period_column(period.grain)),
        rows=[
            [r["period"], r["met"], r["met_late"], r["breached"], met_rate(**_met(r))] for r in rows
        ],
        chart="rate",
    )


def met_by_standard(period: Period) -> Table:
    """% of milestones met per standard in each week or month."""
    trunc = TruncWeek("day") if period.grain is Grain.WEEK else TruncMonth("day")
    names = _standards()
    rows = (
        _scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .annotate(period=trunc)
        .values("standard_id", "period")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by("standard_id", "period")
    )
    columns = _met_columns(_period_column(period.grain))
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
                met_rate(**_met(r)),
            ]
            for r in sorted(rows, key=lambda r: (names.get(r["standard_id"], ""), r["period"]))
        ],
    )


def _met(row: dict) -> dict[str, int]:
    return {
        "met": row["met"] or 0,
        "met_late": row["met_late"] or 0,
        "breached": row["breached"] or 0,
    }


def _period_column(grain: Grain) -> Column:
    if grain is Grain.WEEK:
        return Column("period", _("Week beginning"))
    return Column("period", _("Month"), date_format="F Y")


def _met_columns(period: Column) -> list[Column]:
    return [
        period,
        Column("met", _("Met on time"), numeric=True),
        Column("met_late", _("Met late"), numeric=True),
        Column("breached", _("Still open after the deadline"), numeric=True),
        Column("rate", _("Percentage met on time"), numeric=True, percent=True),
    ]


_PERCENTILES_SQL = """
SELECT {group}, count(d), percentile_cont(0.5) WITHIN GROUP (ORDER BY d),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY d)
FROM standards_dailymilestonestat s CROSS JOIN LATERAL unnest(s.durations) AS d
WHERE s.day >= %s AND s.day <= %s AND s.kind = ANY(%s) {service}
GROUP BY {group} ORDER BY {group}
"""


# The SQLite first run has neither percentile_cont nor arrays: the durations are a JSON
# array there, read sorted per group, and the percentiles are computed as PostgreSQL would.
_SQLITE_DURATIONS_SQL = """
SELECT {group}, d.value
FROM standards_dailymilestonestat s, json_each(s.durations) AS d
WHERE s.day >= %s AND s.day <= %s AND s.kind IN ({kinds}) {service}
ORDER BY {group}, d.value
"""


def _percentiles(period: Period, *, group: str, kinds: list[str]) -> list[tuple]:
    """(*group, count, median, 90th percentile) of the closed milestones' durations."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return sqlite_percentiles(cursor, period, group=group, kinds=kinds)
        params: list = [period.first, period.last, kinds]
        service = ""
        if period.service_id:
            service, params = "AND s.service_id = %s", [*params, period.service_id]
        cursor.execute(_PERCENTILES_SQL.format(group=group, service=service), params)
        return cursor.fetchall()


def sqlite_percentiles(cursor, period: Period, *, group: str, kinds: list[str]) -> list[tuple]:
    """The same figures on SQLite: each group's durations, sorted, through percentile_cont."""
    ops = cursor.db.ops
    params = [
        ops.adapt_datefield_value(period.first),
        ops.adapt_datefield_value(period.last),
        *(str(kind) for kind in kinds),
    ]
    service = ""
    if period.service_id:
        service, params = "AND s.service_id = %s", [*params, period.service_id]
    placeholders = ", ".join(["%s"] * len(kinds))
    cursor.execute(
        _SQLITE_DURATIONS_SQL.format(group=group, kinds=placeholders, service=service), params
    )
    return percentiles_by_group(cursor.fetchall())


def percentiles_by_group(rows: list[tuple]) -> list[tuple]:
    """Rows of (*group, duration) sorted by group then duration, as
    (*group, count, median, 90th percentile) per group."""
    found = []
    for key, members in groupby(rows, key=lambda row: tuple(row[:-1])):
        durations = [row[-1] for row in members]
        found.append(
            (
                *key,
                len(durations),
                percentile_cont(durations, 0.5),
                percentile_cont(durations, 0.9),
            )
        )
    return found


def period_start_sql(grain: Grain, *, vendor: str) -> str:
    """The SQL for the first day of the week (Monday) or month of the figures' day."""
    if vendor == "postgresql":
        return f"date_trunc('{grain.value}', s.day)::date"
    # SQLite: 'weekday 0' moves on to the Sunday (or stays on it); six days back is Monday.
    if grain is Grain.WEEK:
        return "date(s.day, 'weekday 0', '-6 days')"
    return "date(s.day, 'start of month')"


def response_times(period: Period) -> Table:
    """Median and 90th-percentile hours to acknowledge and to respond, per channel."""
    found = _percentiles(
        period, group="s.channel, s.kind", kinds=[MilestoneKind.ACKNOWLEDGE, MilestoneKind.RESPOND]
    )
    return Table(
        slug="response-times",
        title=_("Time to acknowledge and to respond, by channel"),
        columns=[
            Column("channel", _("Channel")),
            Column("milestone", _("Milestone")),
            Column("count", _("Milestones met"), numeric=True),
            Column("median", _("Median (hours)"), numeric=True),
            Column("p90", _("90th percentile (hours)"), numeric=True),
        ],
        rows=[
            [_channel(channel), str(MilestoneKind(kind).label), count, hours(p50), hours(p90)]
            for channel, kind, count, p50, p90 in found
        ],
    )


def reception_waits(period: Period) -> Table:
    """How long visitors waited at reception to be seen, per week or month."""
    found = _percentiles(
        period,
        group=period_start_sql(period.grain, vendor=connection.vendor),
        kinds=[MilestoneKind.SEEN],
    )
    return Table(
        slug="reception-waits",
        title=_("Waiting times at reception"),
        columns=[
            _period_column(period.grain),
            Column("count", _("Visitors seen"), numeric=True),
            Column("median", _("Median wait (minutes)"), numeric=True),
            Column("p90", _("90th percentile wait (minutes)"), numeric=True),
        ],
        rows=[
            [_as_date(start), count, minutes(p50), minutes(p90)] for start, count, p50, p90 in found
        ],
    )


def _as_date(value: date | str) -> date:
    # SQLite's date() gives the text of the date.
    return value if isinstance(value, date) else date.fromisoformat(value)


def right_first_time(period: Period) -> Table:
    """Cases resolved without being reopened, per service."""
    names = _services()
    rows = (
        _scoped(DailyCaseStat.objects.all(), period)
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
    names = _services()
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
        for r in _scoped(DailyMilestoneStat.objects.exclude(kind=MilestoneKind.SEEN), period)
        .values("language")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by()
    }
    times = defaultdict(lambda: (0, None, None))
    for language, _kind, count, p50, p90 in _percentiles(
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
                _language(language.value),
                figures["met"],
                figures["met_late"],
                figures["breached"],
                met_rate(**_met(figures)),
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
    from accounts.models import User

    if by == "standard":
        return _standards()
    if by == "service":
        return _services()
    return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=keys)}


def evaluation_tables(period: Period) -> list[Table]:
    """Every table of the standards evaluation report, in the order it prints."""
    return [
        met_trend(period),
        met_by_standard(period),
        response_times(period),
        reception_waits(period),
        right_first_time(period),
        satisfaction(period),
        language_parity(period),
        monitoring_results(period, by="standard"),
        monitoring_results(period, by="service"),
        monitoring_results(period, by="officer"),
    ]
