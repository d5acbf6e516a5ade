"""The web publishing pages' forms: each refuses bad input with a translated error per field."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from common.form_fields import DateInputField, DayField, LineField, TextField

from .services import ENGLISH, WELSH, ChangeAsked, EmergencyRaised

#: A change further ahead than this is a typing slip, not a plan the web team can hold.
FURTHEST_AHEAD = timedelta(days=366)


class ChangeRequestForm(forms.Form):
    page = LineField(
        label=_("Page or section of the website"),
        required_message=_("Enter the page or section that changes."),
        max_length=300,
    )
    change = TextField(label=_("What changes"), required_message=_("Say what changes on the page."))
    takes_place_on = DateInputField(
        label=_("Date the change takes place"),
        required=True,
        help_text=_(
            "For example, 27 3 2026. The 2 working days count from this date; a date already "
            "past counts from today."
        ),
        error_messages={
            "required": _("Enter the date the change takes place."),
            "incomplete": _("Enter the date the change takes place in full: day, month and year."),
            "invalid_date": _("Enter a real date for the change."),
        },
    )
    requested_by: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Service asking"),
        queryset=Service.objects.none(),
        error_messages={
            "required": _("Choose the service asking for the change."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    english_not_needed = forms.BooleanField(label=_("No English page is needed"), required=False)
    welsh_not_needed = forms.BooleanField(label=_("No Welsh page is needed"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requested_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Service.objects.filter(active=True).order_by("name")
        field.empty_label = str(_("Choose a service"))

    def clean_takes_place_on(self) -> date:
        day: date = self.cleaned_data["takes_place_on"]
        if not 2000 <= day.year <= 2999 or day > timezone.localdate() + FURTHEST_AHEAD:
            raise forms.ValidationError(_("The change must take place within the next year."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("english_not_needed") and data.get("welsh_not_needed"):
            self.add_error("welsh_not_needed", _("At least one of the pages must be needed."))
        return data

    def asked(self) -> ChangeAsked:
        data = self.cleaned_data
        return ChangeAsked(
            page=data["page"],
            change=data["change"],
            takes_place_on=data["takes_place_on"],
            requested_by=data["requested_by"],
            english_needed=not data["english_not_needed"],
            welsh_needed=not data["welsh_not_needed"],
        )


class EmergencyForm(forms.Form):
    what = TextField(
        label=_("What is happening"),
        required_message=_("Say what the emergency information is."),
        max_length=2000,
    )
    where = LineField(
        label=_("Where"),
        required_message=_("Say where: the place, or the page it goes on."),
        max_length=300,
    )
    affected = LineField(
        label=_("Who is affected"),
        required_message=_("Say who is affected."),
        max_length=300,
    )

    def raised(self) -> EmergencyRaised:
        data = self.cleaned_data
        return EmergencyRaised(what=data["what"], where=data["where"], affected=data["affected"])


#: The pages a request may owe, in the order the publishing form offers them.
PAGES = ((ENGLISH, _("The English page")), (WELSH, _("The Welsh page")))


class PublishForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Which page is published?"),
        choices=PAGES,
        error_messages={
            "required": _("Choose the language of the page published."),
            "invalid_choice": _("Choose the language of the page published."),
        },
    )
    url = forms.URLField(
        label=_("Address of the published page"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Enter the address of the published page."),
            "invalid": _("Enter the page's full address, like https://www.example.gov.wales/page."),
            "max_length": _("Write no more than %(limit_value)s characters."),
        },
    )

    def __init__(self, *args: Any, owed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(language, label) for language, label in PAGES if language in owed]

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                _("Enter the page's full address, like https://www.example.gov.wales/page.")
            )
        return url


class ReportForm(forms.Form):
    """The period of the emergency report: emergencies raised from the first day to the last,
    both included; a year to today when nothing is chosen."""

    first = DayField(label=_("From"))
    last = DayField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        data["last"] = data.get("last") or today
        data["first"] = data.get("first") or data["last"] - timedelta(days=365)
        if (
            "first" not in self.errors
            and "last" not in self.errors
            and data["first"] > data["last"]
        ):
            self.add_error("last", _("The last day must be on or after the first."))
        return data
