"""The one error type the application's rules raise, and how each way in shows it.

A service (``contacts.services``, ``contacts.reception``, ``contacts.attachments``,
``channels_app``...) or the channel details' schema refuses with a ``ServiceError``: what is
wrong, by field, in the active language. Every way in understands it in one place:

- a staff or public form: ``add_service_error(form, error)`` puts each message on the field it
  concerns, or above the form;
- the REST API: ``common.api.exception_handler`` answers a translated 400 with field errors;
- the inbound pipeline (``channels_app.inbound.pipeline``) quarantines the message with
  ``error.reason()`` as the reason.

It is a Django ``ValidationError``, so ``except ValidationError`` and the form machinery keep
working with code that does not know it yet.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

__all__ = ["NON_FIELD_ERRORS", "ServiceError", "add_service_error", "error_fields"]


class ServiceError(ValidationError):
    """A refusal by the application's rules.

    Raise it with a message (a refusal of the whole request) or with ``{field: message or
    [messages]}``; messages are translated strings (lazy ones are fine)."""

    @classmethod
    def of(cls, error: ValidationError) -> "ServiceError":
        """``error`` as a ``ServiceError`` (itself when it is one already)."""
        if isinstance(error, ServiceError):
            return error
        return cls(error_fields(error))

    @property
    def fields(self) -> dict[str, list[str]]:
        """Field name → messages; a refusal of the whole request is under ``NON_FIELD_ERRORS``."""
        return error_fields(self)

    def reason(self) -> str:
        """The refusal in one line per field, for a log or a quarantined message's detail."""
        return "\n".join(
            f"{field}: {' '.join(messages)}" if field != NON_FIELD_ERRORS else " ".join(messages)
            for field, messages in self.fields.items()
        )


def error_fields(error: ValidationError) -> dict[str, list[str]]:
    """Field name → messages of any Django ``ValidationError``."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {NON_FIELD_ERRORS: [str(m) for m in error.messages]}


def add_service_error(
    form: forms.Form, error: ValidationError, fields: Mapping[str, Any] | None = None
) -> None:
    """Show a service's refusal on ``form``: each message on the field it concerns, or above
    the form when the form has no such field.

    ``fields`` maps the service's names to the form's where they differ (``{"owner":
    "assign_to"}``); a name mapped to ``None`` is always shown above the form."""
    renamed = fields or {}
    for key, messages in error_fields(error).items():
        field = renamed.get(key, key) if key != NON_FIELD_ERRORS else None
        form.add_error(field if field in form.fields else None, messages)
