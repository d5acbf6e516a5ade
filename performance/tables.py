"""A table of figures, as every evaluation page shows it and every export writes it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    numeric: bool = False
    #: Percentages are drawn as bars when the table is a chart (charts.css reads --size).
    percent: bool = False
    #: How a date in this column is written on the page ("F Y" for a month).
    date_format: str = "j M Y"


@dataclass(frozen=True)
class Table:
    slug: str  # names the table in its export's address and file name
    title: object
    columns: list[Column]
    rows: list[list[Cell]]
    #: The column the chart draws, when the table is also shown as a chart.
    chart: str | None = None
    note: object = ""
    links: list[list[str]] = field(default_factory=list)  # per row, per column: a URL or ""

    def cells(self, row: list[Cell]) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, row, strict=True))

    def chart_size(self, value: Cell) -> int:
        """A percentage as the whole percent, 0 to 100, of the bar's class: the stylesheet
        turns ``app-chart__size-<n>`` into charts.css's --size, since the Content-Security-
        Policy allows no style attribute (ADR 0028)."""
        if value is None:
            return 0
        percent = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(min(max(percent, Decimal(0)), Decimal(100)))
