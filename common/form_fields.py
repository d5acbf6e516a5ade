"""Form fields every app's pages share, each written once: their error messages are ours, in
the page's language (Django's own NUL-character message has no Welsh)."""

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
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


class DateAndTimeWidget(forms.MultiWidget):
    """The GOV.UK date input (day, month, year) and a time, read from ``<name>_day`` …
    ``<name>_time``; rendered by ``includes/fields/date_time.html``."""

    parts = ("day", "month", "year", "time")

    def __init__(self) -> None:
        super().__init__(widgets={part: forms.TextInput() for part in self.parts})

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first box, as the GOV.UK date input asks.
        return f"{id_}_day" if id_ else ""

    def decompress(self, value: Any) -> list[Any]:
        if value is None:
            return [None] * len(self.parts)
        local = timezone.localtime(value)
        return [local.day, local.month, local.year, local.strftime("%H:%M")]


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def time_parse(text: str) -> time | None:
    """A time as people type it: 14:30, 14.30, 9:05, 2:30pm, 2pm; ``None`` if it is not one."""
    match = _TIME.match(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        return None  # a bare number is not a time
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class DateAndTimeField(forms.MultiValueField):
    """A date in the GOV.UK date input and a time beside it, in UK time; empty when every box is
    empty (the field is optional), an error naming what is missing or wrong otherwise."""

    widget = DateAndTimeWidget

    def __init__(self, *, label: Any, **kwargs: Any) -> None:
        self.messages = {
            "incomplete": _("Enter the date and time in full: day, month, year and time"),
            "invalid_date": _("Enter a real date"),
            "invalid_time": _("Enter the time like 14:30"),
        }
        super().__init__(
            fields=[forms.CharField(required=False) for _part in DateAndTimeWidget.parts],
            label=label,
            required=False,
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[Any]) -> datetime | None:
        parts = [str(part or "").strip() for part in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise forms.ValidationError(self.messages["incomplete"], code="incomplete")
        day, month, year, typed_time = parts
        try:
            moment_date = date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self.messages["invalid_date"], code="invalid") from None
        if not 2000 <= moment_date.year <= 2999:
            raise forms.ValidationError(self.messages["invalid_date"], code="invalid")
        moment_time = time_parse(typed_time)
        if moment_time is None:
            raise forms.ValidationError(self.messages["invalid_time"], code="invalid")
        return datetime.combine(moment_date, moment_time, tzinfo=timezone.get_current_timezone())
