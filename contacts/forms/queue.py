"""The queue filter: the query string of a queue page, checked and turned into CaseFilters.

A filter that does not make sense (a channel that does not exist, a date that is not one) gets
an error message on the page and is left out; the rest of the filters still apply, so the page
always answers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from standards.channels import Channel

from ..models import CaseKind, CaseStatus, LanguagePreference
from ..presenters import SLA_TAGS
from ..selectors import CaseFilters

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: The language filter's word for "nobody has recorded the language yet" (stored as "").
LANGUAGE_NOT_KNOWN = "unknown"
#: Cases are never older than the system's earliest receipt, and a year far ahead only guards
#: the date arithmetic.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def _choices(
    anything: "StrOrPromise", choices: Sequence[tuple[str, "StrOrPromise"]]
) -> list[tuple[str, "StrOrPromise"]]:
    return [("", anything), *choices]


class QueueFilterForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=_choices(_("Any channel"), Channel.choices),
        error_messages={"invalid_choice": _("Select a channel from the list")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=_choices(_("Any kind"), CaseKind.choices),
        error_messages={"invalid_choice": _("Select a kind of case from the list")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_choices(_("Any open status"), CaseStatus.choices),
        error_messages={"invalid_choice": _("Select a status from the list")},
    )
    sla_state = forms.ChoiceField(
        label=_("SLA state"),
        required=False,
        choices=_choices(
            _("Any SLA state"), [(state, label) for state, (label, _colour) in SLA_TAGS.items()]
        ),
        error_messages={"invalid_choice": _("Select an SLA state from the list")},
    )
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        error_messages={"invalid_choice": _("Select a service from the list")},
    )
    language = forms.ChoiceField(
        label=_("Language of the contact"),
        required=False,
        choices=_choices(
            _("Any language"),
            [
                (LanguagePreference.WELSH, LanguagePreference.WELSH.label),
                (LanguagePreference.ENGLISH, LanguagePreference.ENGLISH.label),
                (LANGUAGE_NOT_KNOWN, LanguagePreference.UNKNOWN.label),
            ],
        ),
        error_messages={"invalid_choice": _("Select a language from the list")},
    )
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Received from must be a real date")},
    )
    received_to = forms.DateField(
        label=_("Received to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Received to must be a real date")},
    )

    def __init__(
        self, data: QueryDict, *, services: list[Service] | None, open_only: bool = True
    ) -> None:
        """``services`` are the choices of the service filter, or ``None`` to leave it out (staff
        see only their own service's cases, so the filter would have one choice)."""
        super().__init__(data)
        if services is None:
            del self.fields["service"]
        else:
            cast(forms.ChoiceField, self.fields["service"]).choices = _choices(
                _("Any service"), [(s.code, s.name) for s in services]
            )
        if not open_only:
            cast(forms.ChoiceField, self.fields["status"]).choices = _choices(
                _("Any status"), CaseStatus.choices
            )

    def clean_received_from(self) -> date | None:
        return self._in_range(
            self.cleaned_data["received_from"],
            _("Received from must be between 1 January 2000 and 31 December 2100"),
        )

    def clean_received_to(self) -> date | None:
        return self._in_range(
            self.cleaned_data["received_to"],
            _("Received to must be between 1 January 2000 and 31 December 2100"),
        )

    @staticmethod
    def _in_range(day: date | None, message: "StrOrPromise") -> date | None:
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(message, code="out_of_range")
        return day

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error(
                "received_to", _("Received to must be the same as or after received from")
            )
        return cleaned

    def case_filters(self) -> CaseFilters:
        """The filters that were valid (call after ``is_valid``)."""
        data = self.cleaned_data
        language = data.get("language") or None
        start, end = data.get("received_from"), data.get("received_to")
        return CaseFilters(
            channel=data.get("channel") or None,
            kind=data.get("kind") or None,
            status=data.get("status") or None,
            sla_state=data.get("sla_state") or None,
            service=data.get("service") or None,
            language="" if language == LANGUAGE_NOT_KNOWN else language,
            received_from=_local_midnight(start) if start else None,
            received_before=_local_midnight(end + timedelta(days=1)) if end else None,
        )

    def selected(self) -> list["SelectedFilter"]:
        """The filters in force, each with the query string that removes it (MoJ filter tags)."""
        chosen = []
        for name, field in self.fields.items():
            if name not in self.cleaned_data or not self.cleaned_data[name]:
                continue
            value = self.cleaned_data[name]
            if isinstance(value, date):
                text = _format_date(value)
            else:
                text = str(dict(field.choices).get(value, value))
            chosen.append(SelectedFilter(str(field.label), text, self._query_without(name)))
        return chosen

    def _query_without(self, name: str) -> str:
        """The query string without ``name``, the page number, or the empty fields a
        submitted filter form sends."""
        remaining = QueryDict(mutable=True)
        for key, values in self.data.lists():
            if key not in (name, "page"):
                remaining.setlist(key, [value for value in values if value])
        return "?" + remaining.urlencode()


@dataclass(frozen=True)
class SelectedFilter:
    category: str
    text: str
    remove_query: str


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` in the council's time zone, where "received on" dates are read."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _format_date(day: date) -> str:
    return date_format(day, "j F Y")
