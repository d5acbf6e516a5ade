"""Showing the evaluation's figures: dates and numbers written the page's way, "–" for none."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import date_format, number_format

from performance.domain.published import Published
from performance.tables import Table

register = template.Library()


@register.filter
def cell(value, form: str = "j M Y") -> str:
    if value is None:
        return "–"
    if isinstance(value, date):
        return date_format(value, form)
    if isinstance(value, Decimal):
        return number_format(value, 1)
    return str(value)


def _chart_index(table: Table) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == table.chart)


@register.filter
def chart_row_label(table: Table, row: list) -> str:
    return cell(row[0], table.columns[0].date_format)


@register.filter
def chart_label(table: Table) -> str:
    return str(table.columns[_chart_index(table)].label)


@register.filter
def chart_size(table: Table, row: list) -> int:
    return table.chart_size(row[_chart_index(table)])


@register.filter
def chart_value(table: Table, row: list) -> str:
    value = row[_chart_index(table)]
    return "–" if value is None else f"{cell(value)}%"


@register.filter
def cells(table: Table, row: list) -> list:
    return table.cells(row)


# --- The public performance page (performance.dashboards.published) ------------------------


@register.filter
def published_rate(figures: Published) -> str:
    """A published percentage: "92.3%", "[u]" when too few fell due, "–" when none did."""
    if figures.low:
        return "[u]"
    if figures.rate is None:
        return "–"
    return f"{cell(figures.rate)}%"


@register.filter
def published_size(figures: Published) -> int:
    """The bar's length, whole percent: none for a figure not published."""
    if figures.rate is None:
        return 0
    whole = int(figures.rate.quantize(Decimal(1), ROUND_HALF_UP))
    return min(max(whole, 0), 100)


@register.filter
def whole(value: int) -> str:
    """A count written the page's way (thousands grouped)."""
    return number_format(value, 0, force_grouping=True)
