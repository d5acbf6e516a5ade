"""Error pages that need more than Django's defaults give them."""

from django.http import HttpRequest, HttpResponseServerError
from django.template.loader import render_to_string

from .council import council_name


def server_error(request: HttpRequest) -> HttpResponseServerError:
    """The 500 page in the council's frame, rendered without the request's context processors:
    whatever failed (the database, the cache) may be what they would need."""
    return HttpResponseServerError(render_to_string("500.html", {"council_name": council_name()}))
