"""Serializer fields shared by the API and the channel adapters."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class AwareDateTimeField(serializers.DateTimeField):
    """A date-time that must say which time zone it is in.

    A naive time is ambiguous once a year (the hour the clocks go back), so the API refuses it
    rather than guessing.
    """

    default_error_messages = {
        "naive": _("Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."),
    }

    def to_internal_value(self, value):  # type: ignore[no-untyped-def]
        parsed = super().to_internal_value(value)
        if isinstance(value, str) and not _has_offset(value):
            self.fail("naive")
        return parsed


def _has_offset(text: str) -> bool:
    text = text.strip()
    if text.endswith(("Z", "z")):
        return True
    time_part = text.split("T", 1)[-1] if "T" in text else text.split(" ", 1)[-1]
    return "+" in time_part or "-" in time_part
