"""API plumbing shared by every app."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django ``ValidationError`` from services answered as a 400."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, exceptions.ParseError):
        # DRF's own message quotes the parser's English error; answer in the user's language.
        return Response(
            {"detail": _("The request body is not valid JSON.")}, status=status.HTTP_400_BAD_REQUEST
        )
    if (
        response is not None
        and response.status_code == status.HTTP_400_BAD_REQUEST
        and isinstance(response.data, list)
    ):
        response.data = {"non_field_errors": response.data}
    return response
