"""Form fields every app's pages share, each written once: their error messages are ours, in
the page's language (Django's own NUL-character message has no Welsh)."""

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

TEXT_MAX = 5000
NOTE_MAX = 2000
DATE_INPUT = "%Y-%m-%d"
DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def _our_null_characters_message(field: forms.CharField) -> None:
    field.validators = [
        v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
    ]
    field.validators.append(
        ProhibitNullCharactersValidator(message=_("Remove the null characters from the text."))
    )


class LineField(forms.CharField):
    """One line of text, its limits told in the page's language."""

    def __init__(
        self, *, label: Any, required_message: Any = None, max_length: int = 200, **kwargs: Any
    ) -> None:
        messages = {"max_length": _("Write no more than %(limit_value)s characters.")}
        if required_message:
            messages["required"] = required_message
        super().__init__(
            label=label,
            max_length=max_length,
            required=required_message is not None,
            error_messages=messages,
            **kwargs,
        )
        _our_null_characters_message(self)


class TextField(LineField):
    """A multi-line text whose limits are told in the page's language."""

    widget = forms.Textarea

    def __init__(
        self, *, label: Any, required_message: Any = None, max_length: int = TEXT_MAX, **kwargs: Any
    ) -> None:
        super().__init__(
            label=label, required_message=required_message, max_length=max_length, **kwargs
        )


class AgreedTimeField(forms.DateTimeField):
    """A date and time typed into the browser's own date-and-time field, in UK time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)

    def __init__(self, *, label: Any, required_message: Any, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            input_formats=[DATETIME_INPUT],
            error_messages={
                "required": required_message,
                "invalid": _("Enter a real date and time"),
                "overflow": _("Enter a real date and time"),
            },
            **kwargs,
        )


class DayField(forms.DateField):
    """A date typed into the browser's own date field; a year outside 2000–2999 is a typing
    slip, not a date anyone means."""

    widget = forms.DateInput(attrs={"type": "date"}, format=DATE_INPUT)

    def __init__(self, *, label: Any, required_message: Any = None, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            input_formats=[DATE_INPUT],
            required=required_message is not None,
            error_messages={
                "required": required_message or "",
                "invalid": _("Enter a real date"),
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> Any:
        day = super().to_python(value)
        if day is not None and not 2000 <= day.year <= 2999:
            raise forms.ValidationError(_("Enter a real date"), code="invalid")
        return day
