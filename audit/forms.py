"""The audit pages' queries: a case reference or a username, and an optional period. Every
error is translated, and a query that fails changes nothing and shows nothing."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from . import hooks
from .selectors import ReadQuery

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
#: More pages than anyone reads; beyond it is a typed address, refused rather than scanned.
LAST_PAGE = 10_000
OUT_OF_RANGE = _("Dates must be between 1 January 2000 and 31 December 2100")


def _date_field(label: Any, invalid: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": invalid},
    )


class PeriodForm(forms.Form):
    """From and to, both optional and both days included; the page number, which a bad link
    may carry."""

    first = _date_field(_("First day (optional)"), _("The first day must be a real date"))
    last = _date_field(_("Last day (optional)"), _("The last day must be a real date"))
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LAST_PAGE,
        error_messages={
            "invalid": _("This page does not exist: go back to the first page"),
            "min_value": _("This page does not exist: go back to the first page"),
            "max_value": _("This page does not exist: go back to the first page"),
        },
    )

    def _in_range(self, name: str) -> date | None:
        day: date | None = self.cleaned_data[name]
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(OUT_OF_RANGE)
        return day

    def clean_first(self) -> date | None:
        return self._in_range("first")

    def clean_last(self) -> date | None:
        return self._in_range("last")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "page" in self.errors:
            # The page number comes from a link, not a field: the error belongs to the form.
            self.add_error(None, self.errors.pop("page"))
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The last day must be the same as or after the first"))
        return cleaned

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    def query(self) -> ReadQuery:
        """What to find, once the form is valid (each page's form says whose reads)."""
        raise NotImplementedError


class CaseReadsForm(PeriodForm):
    """Who read a case: by its reference, whoever may see it (the audit names every case)."""

    reference = forms.CharField(
        label=_("Case reference"),
        max_length=20,
        error_messages={
            "required": _("Enter the case reference"),
            "max_length": _("Enter a case reference, like CYS-2026-000123"),
        },
    )
    field_order = ["reference", "first", "last"]

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip().upper()
        case_id = hooks.case_id_of(reference)
        if case_id is None:
            raise forms.ValidationError(_("There is no case with this reference"))
        self.case_id = case_id
        return reference

    def query(self) -> ReadQuery:
        return ReadQuery(
            case_id=self.case_id,
            first=self.cleaned_data["first"],
            last=self.cleaned_data["last"],
        )


class PersonReadsForm(PeriodForm):
    """What a person read: by their username."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={
            "required": _("Enter the person's username"),
            "max_length": _("There is no one with this username"),
        },
    )
    field_order = ["username", "first", "last"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        # Usernames are unique as typed; "mari" finds "Mari" when nobody else matches.
        person = User.objects.filter(username=username).first()
        if person is None:
            alike = list(User.objects.filter(username__iexact=username)[:2])
            person = alike[0] if len(alike) == 1 else None
        if person is None:
            raise forms.ValidationError(_("There is no one with this username"))
        self.person = person
        return person.username

    def query(self) -> ReadQuery:
        return ReadQuery(
            user_id=self.person.pk,
            first=self.cleaned_data["first"],
            last=self.cleaned_data["last"],
        )
