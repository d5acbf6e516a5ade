"""Serializers whose declared fields are built once per class, not once per request.

DRF gives every serializer instance a deep copy of its declared fields (``get_fields``), and a
field's deep copy is a fresh call of its ``__init__`` with the arguments it was made with: on the
case-creation API that was a fifth of the request's Python time (issue 19). Here the deep copy is
made once, into a template the class keeps and never binds, and each instance gets shallow
copies of the template's fields: their own field name and parent when bound, the same immutable
definitions (choices, validators, messages) underneath, one template per language.

A field that closes over ``self`` at ``__init__`` (a lambda reading ``self.context``) would see the
template, not its copy: such a field must read its instance when called (``get_queryset``).
"""

import copy
from typing import Any

from django.utils import translation
from rest_framework import serializers


class FieldsBuiltOnce:
    """Mix into a ``serializers.Serializer`` subclass (before it)."""

    _declared_fields: dict[str, serializers.Field]

    def get_fields(self) -> dict[str, Any]:
        cls = type(self)
        # Per class, not inherited: a subclass declares other fields. Per language too: DRF
        # formats a length limit's message once and keeps it (``lazy_format``), so a template
        # shared by both languages would answer in whichever came first.
        templates: dict[str, dict[str, serializers.Field]] | None = cls.__dict__.get(
            "_fields_templates"
        )
        if templates is None:
            templates = {}
            cls._fields_templates = templates  # type: ignore[attr-defined]
        language = translation.get_language() or ""
        template = templates.get(language)
        if template is None:
            template = templates[language] = copy.deepcopy(self._declared_fields)
        return {name: _shallow_copy(field) for name, field in template.items()}


def _shallow_copy(field: serializers.Field) -> Any:
    """What ``copy.copy`` makes of a field (a new instance sharing its attributes' values),
    without its general path through ``__reduce_ex__``: a third of the time of the copies."""
    clone = type(field).__new__(type(field))
    clone.__dict__.update(field.__dict__)
    return clone
