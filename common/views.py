"""Error pages that need more than Django's defaults give them."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .council import council_name


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the council's frame, rendered without the request's context processors:
    whatever failed (the database, the cache) may be what they would need. The API's callers
    get JSON, in the shape of its other errors (``{"detail": ...}``)."""
    if request.path.startswith(("/api/", "/open311/")):
        return JsonResponse(
            {"detail": _("Something went wrong on our side. Please try again later.")},
            status=500,
        )
    return HttpResponseServerError(render_to_string("500.html", {"council_name": council_name()}))
