"""API plumbing shared by every app."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import error_fields


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with a service's refusal (``common.errors.ServiceError``, or any Django
    ``ValidationError``) answered as a 400 with its field errors, and DRF's few untranslatable
    messages replaced by ones in the request's language."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(service_error_detail(exc))
    elif isinstance(exc, exceptions.ParseError) and not _is_ours(exc):
        # DRF quotes the parser's own English error (multipart, form encoding...).
        exc = exceptions.ParseError(_("The request body could not be read."))
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(
            _("The security check of your session failed. Reload the page and try again.")
        )
    response = drf_exception_handler(exc, context)
    if response is None or response.status_code != status.HTTP_400_BAD_REQUEST:
        return response
    if isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    if response.data == {"non_field_errors": ["No data provided"]}:
        # DRF builds this one without gettext; the msgid is in common/drf_messages.py.
        response.data = {"non_field_errors": [_("No data provided")]}
    return response


def service_error_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's refusal as DRF's field errors (``non_field_errors`` for the whole request)."""
    return {
        ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
        for field, messages in error_fields(error).items()
    }


def _is_ours(exc: exceptions.ParseError) -> bool:
    return str(exc.detail) == _("The request body is not valid JSON.")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A JSON 404 for unknown API addresses; pages keep Django's HTML one."""
    if request.path.startswith(("/api/", "/open311/")):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
