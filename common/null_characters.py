"""A null character in an API request's query string is refused with a 400, in the request's
language, before any view reads it.

PostgreSQL cannot store or compare text holding NUL (U+0000): a query parameter looked up as it
came (``?mailbox=a%00b``) made the database raise, and the API answer 500. DRF's text fields
already refuse NUL in bodies and in the parameters a serializer validates; this covers every
parameter of every API view, including those a view reads itself. Pages are left alone: their
forms refuse NUL as DRF does.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


class NullCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            errors = _errors(request)
            if errors:
                return JsonResponse(errors, status=400)
        return self.get_response(request)


def _errors(request: HttpRequest) -> dict[str, list[str]]:
    """DRF's field errors: each parameter holding NUL by its name; a name holding one is the
    whole request's error (such a name is not worth repeating)."""
    message = _("Null characters are not allowed.")
    errors: dict[str, list[str]] = {}
    for name, values in request.GET.lists():
        if NUL in name:
            errors["non_field_errors"] = [message]
        elif any(NUL in value for value in values):
            errors[name] = [message]
    return errors
