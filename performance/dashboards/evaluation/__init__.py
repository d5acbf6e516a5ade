"""The standards evaluation: trends, response times, quality and parity over a period.

Every figure is an aggregate over the daily tables (``DailyMilestoneStat``,
``DailyCaseStat``) or a small indexed table (satisfaction answers, monitoring scores), so a
year's report reads thousands of rows, not millions.
"""

from ...tables import Table
from .appointments import appointment_changes
from .misrouting import routing_right_first_time
from .monitoring import monitoring_results
from .outcomes import language_parity, met_by_standard, met_trend, right_first_time, satisfaction
from .period import Period
from .timing import (
    percentiles_by_group,
    period_start_sql,
    reception_waits,
    response_times,
    sqlite_percentiles,
)


def evaluation_tables(period: Period) -> list[Table]:
    """Every table of the standards evaluation report, in the order it prints."""
    return [
        met_trend(period),
        met_by_standard(period),
        response_times(period),
        reception_waits(period),
        appointment_changes(period),
        right_first_time(period),
        routing_right_first_time(period),
        satisfaction(period),
        language_parity(period),
        monitoring_results(period, by="standard"),
        monitoring_results(period, by="service"),
        monitoring_results(period, by="officer"),
    ]


__all__ = [
    "Period",
    "appointment_changes",
    "evaluation_tables",
    "language_parity",
    "met_by_standard",
    "met_trend",
    "monitoring_results",
    "percentiles_by_group",
    "period_start_sql",
    "reception_waits",
    "response_times",
    "right_first_time",
    "routing_right_first_time",
    "satisfaction",
    "sqlite_percentiles",
]
