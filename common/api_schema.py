"""The error answers of the API, declared in its OpenAPI schema for every operation.

drf-spectacular documents what a view returns when it succeeds; the refusals come from DRF's
machinery (``common.api.exception_handler``, the authentication and permission classes, the
router, the throttles) and so appear nowhere unless each view lists them. This post-processing
hook (wired in ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``) declares them once, for every
operation, with the bodies DRF really sends:

- 400: the field errors, ``{"field": ["message", ...], "non_field_errors": [...]}``, nested
  as the input is (``{"customer": {"email": [...]}}``, a list of objects for a list), or
  ``{"detail": "..."}`` for a body that cannot be read;
- 401, 403, 404, 405, 415, 429: ``{"detail": "..."}``.

A view that declares one of these codes itself keeps its own description; the body is added
when it gave none. docs/adr/0029-the-api-answers-as-its-schema-says.md.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
FIELD_ERRORS = "FieldErrors"
FIELD_ERROR = "FieldError"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _components() -> dict[str, Any]:
    messages = {"type": "array", "items": {"type": "string"}}
    return {
        ERROR: {
            "type": "object",
            "description": _("Why the request was refused, in the language asked for."),
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
        VALIDATION_ERROR: {
            "type": "object",
            "description": _(
                "What is wrong with the request: the messages of each field, by its name (nested "
                "as the input is), those about the request as a whole under non_field_errors, "
                "or, for a body that cannot be read, detail."
            ),
            "properties": {"non_field_errors": messages, "detail": {"type": "string"}},
            "additionalProperties": _ref(FIELD_ERROR),
        },
        FIELD_ERROR: {
            "description": _(
                "A field's messages; of a nested object, its fields' errors; of a list, the "
                "errors of each item."
            ),
            "anyOf": [
                {"type": "array", "items": {"anyOf": [{"type": "string"}, _ref(FIELD_ERRORS)]}},
                _ref(FIELD_ERRORS),
            ],
        },
        FIELD_ERRORS: {"type": "object", "additionalProperties": _ref(FIELD_ERROR)},
    }


def _responses() -> dict[str, tuple[str, Any, dict[str, Any]]]:
    """Status code -> (component of the body, description, headers)."""
    seconds = {"schema": {"type": "integer", "minimum": 0}}
    return {
        "400": (VALIDATION_ERROR, _("The request is invalid; nothing was changed."), {}),
        "401": (
            ERROR,
            _("No credentials, or credentials that are not valid."),
            {
                "WWW-Authenticate": {
                    "description": _("How to authenticate."),
                    "schema": {"type": "string"},
                }
            },
        ),
        "403": (ERROR, _("You may not do this."), {}),
        "404": (ERROR, _("Not found, or not yours to see."), {}),
        "405": (ERROR, _("This address does not take this method."), {}),
        "415": (ERROR, _("The body's content type is not one this operation takes."), {}),
        "429": (
            ERROR,
            _("Too many requests: try again later."),
            {
                "Retry-After": {
                    "description": _("Seconds to wait before trying again."),
                    **seconds,
                }
            },
        ),
    }


def declare_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular post-processing hook: every operation declares the error answers."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(_components())
    errors = _responses()
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, (component, description, headers) in errors.items():
                if code == "415" and "requestBody" not in operation:
                    continue
                declared = responses.setdefault(code, {"description": description})
                declared.setdefault("content", {"application/json": {"schema": _ref(component)}})
                if headers:
                    declared.setdefault("headers", headers)
    return result
