"""What every page's frame needs: the council's name and the language switch."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .languages import language_links


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": settings.CYSWLLT["COUNCIL_NAME"],
        "language_links": SimpleLazyObject(lambda: language_links(request=request)),
    }
