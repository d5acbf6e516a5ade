"""The evaluation pages' forms: each returns every error translated, and bad input changes
nothing."""

from datetime import date, timedelta
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from complaints.domain.rules import Quarter
from standards.channels import Channel

from .dashboards.live import Bucket
from .domain.measures import Grain
from .models import ScoreAnswer
from .monitoring.services import DEFAULT_SAMPLE_SIZE, MAX_SAMPLE_SIZE

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
#: A report longer than this is refused rather than left to run.
LONGEST_PERIOD_DAYS = 3 * 366
_ID_LIMIT = 2**62


class PeriodForm(forms.Form):
    first = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the first day of the period"),
            "invalid": _("The first day must be a real date"),
        },
    )
    last = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the last day of the period"),
            "invalid": _("The last day must be a real date"),
        },
    )
    grain = forms.ChoiceField(
        label=_("Trends by"),
        choices=[(Grain.MONTH.value, _("Month")), (Grain.WEEK.value, _("Week"))],
        error_messages={
            "required": _("Choose weeks or months"),
            "invalid_choice": _("Choose weeks or months"),
        },
    )
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        error_messages={"invalid_choice": _("Select a service from the list")},
    )

    def __init__(self, data, *, today: date, services: list[Service] | None) -> None:
        """``services``: the service filter's choices, or None for a manager (their own)."""
        start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        start = (start - timedelta(days=1)).replace(day=1)
        defaults = {"first": start.isoformat(), "last": today.isoformat(), "grain": "month"}
        merged = {**defaults, **{k: v for k, v in data.items() if v}}
        super().__init__(merged)
        if services is None:
            del self.fields["service"]
        else:
            cast(forms.ChoiceField, self.fields["service"]).choices = [("", _("All services"))] + [
                (str(s.pk), str(s)) for s in services
            ]

    def _in_range(self, name: str, message) -> date:
        day = self.cleaned_data[name]
        if not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(message)
        return day

    def clean_first(self) -> date:
        return self._in_range(
            "first", _("The first day must be between 1 January 2000 and 31 December 2100")
        )

    def clean_last(self) -> date:
        return self._in_range(
            "last", _("The last day must be between 1 January 2000 and 31 December 2100")
        )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            if last < first:
                self.add_error("last", _("The last day must be the same as or after the first"))
            elif (last - first).days > LONGEST_PERIOD_DAYS:
                self.add_error("last", _("Choose a period of three years or less"))
        return cleaned


def _id_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=_ID_LIMIT,
        error_messages={
            "invalid": _("This link is not valid: open the figure from the dashboard"),
            "min_value": _("This link is not valid: open the figure from the dashboard"),
            "max_value": _("This link is not valid: open the figure from the dashboard"),
        },
    )


class DrillForm(forms.Form):
    """The query string of a dashboard figure's link."""

    _invalid = _("This link is not valid: open the figure from the dashboard")
    bucket = forms.ChoiceField(
        choices=[(b.value, b.value) for b in Bucket],
        error_messages={"required": _invalid, "invalid_choice": _invalid},
    )
    channel = forms.ChoiceField(
        required=False,
        choices=[("", ""), *Channel.choices],
        error_messages={"invalid_choice": _invalid},
    )
    standard = _id_field(_("Standard"))
    service = _id_field(_("Service"))
    team = _id_field(_("Team"))
    officer = _id_field(_("Officer"))
    language = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("cy", "cy"), ("en", "en"), ("none", "none")],
        error_messages={"invalid_choice": _invalid},
    )


class SampleForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"),
        error_messages={
            "required": _("Select a service"),
            "invalid_choice": _("Select a service from the list"),
        },
    )
    month = forms.DateField(
        label=_("Month"),
        help_text=_("The month the cases were resolved in, for example 2026-03"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={
            "required": _("Enter the month to sample"),
            "invalid": _("Enter the month as a year and month, for example 2026-03"),
        },
    )
    size = forms.IntegerField(
        label=_("Number of cases to check"),
        help_text=_(
            "The most cases the sample holds. If fewer were resolved in the month, every one "
            "of them is sampled."
        ),
        initial=DEFAULT_SAMPLE_SIZE,
        min_value=1,
        max_value=MAX_SAMPLE_SIZE,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many cases to check"),
            "invalid": _("The number of cases must be a whole number"),
            "min_value": _("Check at least 1 case"),
            "max_value": _("Check at most %(limit_value)s cases"),
        },
    )

    def __init__(self, *args, services: list[Service], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        service = cast(forms.ChoiceField, self.fields["service"])
        service.choices = [("", "")] + [(str(s.pk), str(s)) for s in services]
        if len(services) == 1:
            self.fields["service"].initial = str(services[0].pk)


class ScoreForm(forms.Form):
    """One yes / no / not applicable per behaviour of the case's standard, with a comment."""

    def __init__(self, *args, behaviours, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.behaviours = list(behaviours)
        for behaviour in self.behaviours:
            self.fields[f"answer_{behaviour.pk}"] = forms.ChoiceField(
                label=behaviour.text,
                choices=ScoreAnswer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Answer yes, no or not applicable for “%(behaviour)s”")
                    % {"behaviour": behaviour.text},
                    "invalid_choice": _("Answer yes, no or not applicable"),
                },
            )
            self.fields[f"comment_{behaviour.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _("Comments must be 2,000 characters or fewer"),
                    "null_characters_not_allowed": _("Comments must not contain null characters"),
                },
            )

    def rows(self):
        return [(b, self[f"answer_{b.pk}"], self[f"comment_{b.pk}"]) for b in self.behaviours]


#: The months of each quarter of the financial year, as the public page names them (Welsh
#: mutates the second month after "i": "Gorffennaf i Fedi", so each is translated whole).
QUARTER_MONTHS = {
    1: _("April to June"),
    2: _("July to September"),
    3: _("October to December"),
    4: _("January to March"),
}


def quarter_label(quarter: Quarter) -> str:
    return _("%(months)s %(year)s") % {
        "months": QUARTER_MONTHS[quarter.number],
        "year": quarter.starts_on.year,
    }


class QuarterForm(forms.Form):
    """The public performance page's choice of quarter: the last complete one unless asked."""

    quarter = forms.ChoiceField(
        label=_("Quarter"),
        error_messages={
            "required": _("Choose a quarter from the list"),
            "invalid_choice": _("Choose a quarter from the list"),
        },
    )

    def __init__(self, data, *, quarters: list[Quarter]) -> None:
        """``quarters``: those that may be chosen, newest first (never empty)."""
        self.quarters = {q.code: q for q in quarters}
        chosen = data.get("quarter") or quarters[0].code
        super().__init__({"quarter": chosen})
        field = cast(forms.ChoiceField, self.fields["quarter"])
        field.choices = [(q.code, quarter_label(q)) for q in quarters]

    def chosen(self) -> Quarter:
        return self.quarters[self.cleaned_data["quarter"]]
