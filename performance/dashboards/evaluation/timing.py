"""How long things took: medians and 90th percentiles to acknowledge and respond, and
reception waits (PostgreSQL's percentile_cont, or the same in Python on SQLite)."""

from itertools import groupby

from django.db import connection
from django.utils.translation import gettext_lazy as _

from standards import milestone_kinds
from standards.milestone_kinds import MilestoneKind

from ...domain.measures import (
    Grain,
    hours,
    minutes,
    percentile_cont,
)
from ...tables import Column, Table
from .period import Period, as_date, channel_label, period_column

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


def percentiles(period: Period, *, group: str, kinds: list[str]) -> list[tuple]:
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
    found = percentiles(period, group="s.channel, s.kind", kinds=list(milestone_kinds.ANSWERS))
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
            [channel_label(channel), str(MilestoneKind(kind).label), count, hours(p50), hours(p90)]
            for channel, kind, count, p50, p90 in found
        ],
    )


def reception_waits(period: Period) -> Table:
    """How long visitors waited at reception to be seen, per week or month."""
    found = percentiles(
        period,
        group=period_start_sql(period.grain, vendor=connection.vendor),
        kinds=[MilestoneKind.SEEN],
    )
    return Table(
        slug="reception-waits",
        title=_("Waiting times at reception"),
        columns=[
            period_column(period.grain),
            Column("count", _("Visitors seen"), numeric=True),
            Column("median", _("Median wait (minutes)"), numeric=True),
            Column("p90", _("90th percentile wait (minutes)"), numeric=True),
        ],
        rows=[
            [as_date(start), count, minutes(p50), minutes(p90)] for start, count, p50, p90 in found
        ],
    )
