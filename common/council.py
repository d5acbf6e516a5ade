"""The council's name: Welsh councils have one in each language (Cyngor Sir Ddinbych,
Denbighshire County Council), and every page, message and letter uses the reader's."""

from typing import cast

from django.conf import settings
from django.utils.translation import get_language


def council_name(language: str | None = None) -> str:
    """The name in ``language`` (the active language when not given)."""
    names = cast(dict[str, str], settings.CYSWLLT["COUNCIL_NAMES"])
    code = (language or get_language() or "cy")[:2]
    return names.get(code) or names["cy"]
