"""Text as the file formats we write can carry it.

People's text reaches exports and Open311 (a description typed or pasted, a name from another
system) and may hold characters a format forbids: XML 1.0 allows no control character but tab,
line feed and carriage return, and neither the noncharacters U+FFFE and U+FFFF; no UTF-8 file
can hold a lone surrogate (one half of a UTF-16 pair, which ``json.loads`` makes of "\\ud800").
One such character makes the XML not well-formed, fails an XLSX download (openpyxl refuses
it) or stops a streamed CSV half-way. They carry no meaning a reader would miss: they go.
"""

import re

#: Lone surrogates: no UTF-8 output can encode them.
_SURROGATES = re.compile("[\ud800-\udfff]")
#: What XML 1.0's ``Char`` production leaves out (and so XLSX, which is XML), surrogates too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    return _SURROGATES.sub("", text)


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids removed (ElementTree writes them as they
    are, and the document is then not XML)."""
    return _NOT_XML.sub("", text)


def xlsx_cell(value: object) -> object:
    """A value for a spreadsheet cell: text without forbidden characters, and never a formula
    (openpyxl stores text starting with "=" as one), so a name like "=HYPERLINK(…)" stays
    text. Other values (numbers, dates) as they are."""
    if not isinstance(value, str):
        return value
    text = xml_text(value)
    return "'" + text if text.startswith("=") else text
