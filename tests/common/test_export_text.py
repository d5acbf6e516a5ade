"""Text in exports and Open311: characters a format forbids go, and a spreadsheet never gets
a formula from people's text."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.csv_cells import csv_cell
from common.export_text import without_surrogates, xlsx_cell, xml_text
from performance.exports import table_csv, table_xlsx
from performance.tables import Column, Table


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bin\x0bday", "Binday"),  # vertical tab: not XML
        ("a\x00b\x01c\x08d\x0ce\x1ff", "abcdef"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),  # the three XML allows
        ("\ufffe\uffffok", "ok"),
        ("lone \ud800surrogate\udfff", "lone surrogate"),
        ("Llanelwy ŵ ŷ € 😀", "Llanelwy ŵ ŷ € 😀"),
        ("\x7f\x85", "\x7f\x85"),  # allowed in XML 1.0 (discouraged, not forbidden)
    ],
)
def test_xml_text_keeps_only_what_xml_allows(text, expected):
    assert xml_text(text) == expected


def test_without_surrogates_keeps_control_characters():
    assert without_surrogates("a\ud800\x0bb") == "a\x0bb"


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("\x07=1+1", "'=1+1"),  # a control character does not hide a formula
        ("+44 1234", "+44 1234"),  # text to openpyxl: only "=" starts a formula there
        ("Stryd\x01 Fawr", "Stryd Fawr"),
        (5, 5),
        (Decimal("1.5"), Decimal("1.5")),
        (date(2026, 1, 1), date(2026, 1, 1)),
    ],
)
def test_xlsx_cells(value, expected):
    assert xlsx_cell(value) == expected


def test_a_csv_cell_drops_a_lone_surrogate():
    assert csv_cell("Siân\ud800") == "Siân"
    assert csv_cell("=1+1") == "'=1+1"


def _table(*rows):
    return Table(
        slug="t",
        title="Title",
        columns=[Column("name", "Name"), Column("count", "Count", numeric=True)],
        rows=[list(row) for row in rows],
    )


def test_an_evaluation_table_with_a_control_character_downloads_as_xlsx():
    """On today's main openpyxl refuses the cell and the download is a 500."""
    table = _table(("Team\x0b one", 3), ("=cmd|' /C calc'!A0", 1), ("Siân\ud800", 2))

    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active

    assert list(sheet.iter_rows(values_only=True)) == [
        ("Name", "Count"),
        ("Team one", 3),
        ("'=cmd|' /C calc'!A0", 1),
        ("Siân", 2),
    ]


def test_an_evaluation_table_with_a_lone_surrogate_downloads_as_csv():
    """On today's main the CSV could not be encoded: a 500."""
    text = table_csv(_table(("Siân\ud800", 2))).decode("utf-8-sig")

    assert list(csv.reader(io.StringIO(text))) == [["Name", "Count"], ["Siân", "2"]]
