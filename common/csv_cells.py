"""A CSV cell that a spreadsheet program opens as text, never as a formula.

Names and notes come from people: a leading =, +, - or @ would make a spreadsheet program run
the cell as a formula (CSV injection), so such a cell is quoted with an apostrophe, unless it
is a plain number (-5, +3.2). A lone surrogate, which no UTF-8 file can hold, is dropped
(``common.export_text``).
"""

from datetime import date
from decimal import Decimal

from .export_text import without_surrogates


def csv_cell(value: object) -> str:
    text = value.isoformat() if isinstance(value, date) else without_surrogates(str(value))
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
