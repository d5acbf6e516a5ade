"""A CSV cell that a spreadsheet program opens as text, never as a formula.

Names and notes come from people: a leading =, +, - or @ would make a spreadsheet program run
the cell as a formula (CSV injection), so such a cell is quoted with an apostrophe, unless it
is a plain number (-5, +3.2).
"""

from datetime import date
from decimal import Decimal


def csv_cell(value: object) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
