"""What every table of the evaluation is over (a period, a grain, one service or all), and
the labels and columns the tables share."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from contacts.models import LanguagePreference
from standards.channels import Channel

from ...domain.measures import (
    Grain,
)
from ...tables import Column


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    grain: Grain = Grain.MONTH
    service_id: int | None = None  # None: every service


def scoped(rows, period: Period):
    rows = rows.filter(day__gte=period.first, day__lte=period.last)
    return rows.filter(service_id=period.service_id) if period.service_id else rows


def service_names() -> dict[int, str]:
    return {s.pk: str(s) for s in Service.objects.all()}


def channel_label(value: str) -> str:
    return str(dict(Channel.choices).get(value, value))


def language_label(value: str) -> str:
    return str(dict(LanguagePreference.choices).get(value, value))


def met_counts(row: dict) -> dict[str, int]:
    return {
        "met": row["met"] or 0,
        "met_late": row["met_late"] or 0,
        "breached": row["breached"] or 0,
    }


def period_column(grain: Grain) -> Column:
    if grain is Grain.WEEK:
        return Column("period", _("Week beginning"))
    return Column("period", _("Month"), date_format="F Y")


def met_columns(period: Column) -> list[Column]:
    return [
        period,
        Column("met", _("Met on time"), numeric=True),
        Column("met_late", _("Met late"), numeric=True),
        Column("breached", _("Still open after the deadline"), numeric=True),
        Column("rate", _("Percentage met on time"), numeric=True, percent=True),
    ]


def as_date(value: date | str) -> date:
    # SQLite's date() gives the text of the date.
    return value if isinstance(value, date) else date.fromisoformat(value)
