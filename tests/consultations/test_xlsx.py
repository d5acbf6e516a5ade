"""The streamed XLSX opens in a spreadsheet library with the values, types and text as
written, and no text becomes a formula."""

import io
from datetime import date

from openpyxl import load_workbook

from consultations.xlsx import column_name, xlsx_bytes


def test_column_names():
    assert [column_name(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_the_sheet_reads_back():
    data = xlsx_bytes(
        title="Ymatebion/Responses",
        headings=["Response", "Received", "Answer"],
        rows=[
            [1, date(2026, 3, 2), '=HYPERLINK("x")'],
            [2, date(2026, 3, 3), "Ŵyn & <defaid>\x01"],
            [3, None, ""],
        ],
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Ymatebion-Responses"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Response", "Received", "Answer"]
    assert values[1][0] == 1 and values[1][1].date() == date(2026, 3, 2)
    assert values[1][2] == '\'=HYPERLINK("x")'
    assert sheet["C2"].data_type == "s"
    assert values[2][2] == "Ŵyn & <defaid>"
    assert values[3] == [3, None, None]
