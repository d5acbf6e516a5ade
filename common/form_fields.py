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


def null_characters_message_ours(field: forms.CharField) -> None:
    """Swap Django's NUL-character validator for one whose message is in the page's language."""
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
        null_characters_message_ours(self)


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

    parts: tuple[str, ...] = ("day", "month", "year", "time")

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


class DateWidget(DateAndTimeWidget):
    """The GOV.UK date input alone: day, month and year."""

    parts = ("day", "month", "year")

    def decompress(self, value: Any) -> list[Any]:
        if value is None:
            return [None] * len(self.parts)
        return [value.day, value.month, value.year]


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
    empty, an error naming what is missing or wrong otherwise. ``error_messages`` may name the
    field in each message: ``required``, ``incomplete``, ``invalid_date``, ``invalid_time``."""

    widget: type[DateAndTimeWidget] = DateAndTimeWidget
    default_error_messages = {
        "required": _("Enter the date and time"),
        "incomplete": _("Enter the date and time in full: day, month, year and time"),
        "invalid_date": _("Enter a real date"),
        "invalid_time": _("Enter the time like 14:30"),
    }

    def __init__(self, *, label: Any, required: bool = False, **kwargs: Any) -> None:
        super().__init__(
            fields=[forms.CharField(required=False) for _part in self.widget.parts],
            label=label,
            required=required,
            require_all_fields=False,
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        # An initial value (a moment) is shown in the boxes as typed ones are.
        return self._boxes(value) if isinstance(value, datetime) else value

    def _boxes(self, value: date) -> list[Any]:
        widget = self.widget
        assert isinstance(widget, DateAndTimeWidget)  # an instance, once the field is made
        return widget.decompress(value)

    def _day(self, day: str, month: str, year: str) -> date:
        try:
            typed = date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid_date"], code="invalid"
            ) from None
        if not 2000 <= typed.year <= 2999:
            raise forms.ValidationError(self.error_messages["invalid_date"], code="invalid")
        return typed

    def _parts(self, data_list: list[Any]) -> list[str] | None:
        """The boxes as typed; ``None`` when all are empty."""
        parts = [str(part or "").strip() for part in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        return parts

    def compress(self, data_list: list[Any]) -> datetime | None:
        parts = self._parts(data_list)
        if parts is None:
            return None
        day, month, year, typed_time = parts
        moment_date = self._day(day, month, year)
        moment_time = time_parse(typed_time)
        if moment_time is None:
            raise forms.ValidationError(self.error_messages["invalid_time"], code="invalid")
        return datetime.combine(moment_date, moment_time, tzinfo=timezone.get_current_timezone())


class DateInputField(DateAndTimeField):
    """A date in the GOV.UK date input; ``error_messages`` as ``DateAndTimeField``'s, without
    the time's."""

    widget = DateWidget
    default_error_messages = {
        "required": _("Enter the date"),
        "incomplete": _("Enter the date in full: day, month and year"),
        "invalid_date": _("Enter a real date"),
    }

    def prepare_value(self, value: Any) -> Any:
        plain_date = isinstance(value, date) and not isinstance(value, datetime)
        return self._boxes(value) if plain_date else value

    def compress(self, data_list: list[Any]) -> date | None:  # type: ignore[override]
        parts = self._parts(data_list)
        return None if parts is None else self._day(*parts)
