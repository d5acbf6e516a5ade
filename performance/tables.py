"""A table of figures, as every evaluation page shows it and every export writes it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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

    def chart_size(self, value: Cell) -> str:
        """A percentage as charts.css's --size (0 to 1)."""
        if value is None:
            return "0"
        return str(Decimal(value) / 100)
