"""Any evaluation table as CSV or XLSX, with the same headings as on the page."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from common.csv_cells import csv_cell
from common.export_text import xlsx_cell

from .tables import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, date)):
        return value
    return str(value)


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else csv_cell(v) for v in row])
    # A byte-order mark so that spreadsheet programs read the Welsh letters (ŵ, ŷ) right.
    return ("\ufeff" + buffer.getvalue()).encode()


def table_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(table.title)[:31].replace("/", "-")
    sheet.append([xlsx_cell(str(c.label)) for c in table.columns])
    for row in table.rows:
        sheet.append([xlsx_cell(_plain(v)) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_response(table: Table, *, extension: str, period) -> HttpResponse:
    name = f"{table.slug}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{extension}"
    if extension == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_xlsx(table), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
