"""Showing the evaluation's figures: dates and numbers written the page's way, "–" for none."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

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
