"""What every page's frame needs: the council's name and the language switch."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .council import council_name
from .languages import language_links


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": SimpleLazyObject(council_name),
        "language_links": SimpleLazyObject(lambda: language_links(request=request)),
    }
