"""The complaints officer's forms. They check what was typed; the services decide whether the
complaint allows it, and their refusals are shown on the same fields."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from common.form_fields import DayField, TextField
from contacts.models import MilestoneState
from standards.channels import Channel

from .domain.rules import Quarter, quarter_of
from .models import (
    ComplaintCategory,
    FeedbackDecision,
    OmbudsmanOutcome,
    Outcome,
    SignpostRoute,
    Stage,
)

SHORT_TEXT = 200


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


def _service_staff(service_id: int):
    return User.objects.filter(team__service_id=service_id, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


class RecordForm(forms.Form):
    category: "forms.ModelChoiceField[ComplaintCategory]" = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ComplaintCategory.objects.filter(is_active=True),
        empty_label=None,
        error_messages={
            "required": _("Choose the category"),
            "invalid_choice": _("Choose the category"),
        },
    )
    events_on = DayField(
        label=_("Date of the events complained about"),
        required_message=_("Enter the date of the events"),
    )
    late_reason = TextField(
        label=_("If the events were more than 6 months ago: why is the complaint accepted?")
    )
    on_behalf_of = forms.CharField(
        label=_("Made on behalf of (leave empty if the complainant is the person affected)"),
        required=False,
        max_length=SHORT_TEXT,
        error_messages={"max_length": _("Write no more than %(limit_value)s characters.")},
    )
    consent_note = TextField(label=_("How did they give their consent?"))
    stage = forms.TypedChoiceField(
        label=_("Stage"),
        choices=Stage.choices,
        coerce=int,
        initial=Stage.ONE,
        error_messages={"required": _("Choose the stage"), "invalid_choice": _("Choose the stage")},
    )
    stage2_reason = TextField(label=_("If straight to stage 2: why?"))
    officers = StaffMultipleChoiceField(
        label=_("Staff complained about"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose staff of the service")},
    )
    teams: "forms.ModelMultipleChoiceField[Team]" = forms.ModelMultipleChoiceField(
        label=_("Teams complained about"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose teams of the service")},
    )

    def __init__(self, *args: Any, service_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers, teams = self.fields["officers"], self.fields["teams"]
        assert isinstance(officers, forms.ModelMultipleChoiceField)
        assert isinstance(teams, forms.ModelMultipleChoiceField)
        officers.queryset = _service_staff(service_id)
        teams.queryset = Team.objects.filter(service_id=service_id)


class EscalateForm(forms.Form):
    reason = TextField(
        label=_("Why does the complaint go to stage 2?"),
        required_message=_("Say why the complaint goes to stage 2"),
    )


class ExtendForm(forms.Form):
    new_due_on = DayField(label=_("New date"), required_message=_("Enter the new date"))
    reason = TextField(
        label=_("Reason, told to the complainant"),
        required_message=_("Give the reason for the extension"),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        error_messages={
            "required": _("Choose the outcome"),
            "invalid_choice": _("Choose the outcome"),
        },
    )
    final_response = TextField(
        label=_("Final response to the complainant"),
    )
    remedy = TextField(label=_("Remedy"))
    lessons_learned = TextField(label=_("Lessons learned"))


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Action"),
        max_length=300,
        error_messages={
            "required": _("Describe the action"),
            "max_length": _("Write no more than %(limit_value)s characters."),
        },
    )
    owner = StaffChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose who owns the action"),
            "invalid_choice": _("Choose who owns the action"),
        },
    )
    due_on = DayField(label=_("Due"), required_message=_("Enter the date it is due"))

    def __init__(self, *args: Any, service_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = _service_staff(service_id)


class OmbudsmanForm(forms.Form):
    referred_on = DayField(
        label=_("Date referred to the Ombudsman"),
        required_message=_("Enter the date it was referred"),
    )
    reference = forms.CharField(
        label=_("Ombudsman's reference"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("Write no more than %(limit_value)s characters.")},
    )
    outcome = forms.ChoiceField(
        label=_("Ombudsman's outcome"),
        required=False,
        choices=[("", _("Not decided yet")), *OmbudsmanOutcome.choices],
        error_messages={"invalid_choice": _("Choose the Ombudsman's outcome")},
    )
    decided_on = DayField(label=_("Date of the Ombudsman's decision"))


SLA_FILTERS = [
    ("", _("Any")),
    (MilestoneState.BREACHED, _("Breached")),
    (MilestoneState.DUE_SOON, _("Due soon")),
]


class RegisterFilterForm(forms.Form):
    stage = forms.TypedChoiceField(
        label=_("Stage"),
        choices=[("", _("Any")), (1, _("Stage 1")), (2, _("Stage 2"))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    sla_state = forms.ChoiceField(label=_("Deadlines"), choices=SLA_FILTERS, required=False)
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[("open", _("Open complaints")), ("closed", _("Closed complaints"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("Any")),
            *ComplaintCategory.objects.values_list("code", "name"),
        ]


def recent_quarters(today: date, count: int = 8) -> list[Quarter]:
    quarters = [quarter_of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


class ReportForm(forms.Form):
    quarter = forms.ChoiceField(
        label=_("Quarter"),
        error_messages={"invalid_choice": _("Choose a quarter from the list")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [
            (q.code, quarter_label(q)) for q in recent_quarters(timezone.localdate())
        ]


def quarter_label(quarter: Quarter) -> str:
    return _("%(year)s–%(next)s quarter %(number)s (%(start)s to %(end)s)") % {
        "year": quarter.year,
        "next": str(quarter.year + 1)[-2:],
        "number": quarter.number,
        "start": quarter.starts_on.strftime("%d/%m/%Y"),
        "end": date.fromordinal(quarter.ends_before.toordinal() - 1).strftime("%d/%m/%Y"),
    }


class ComplimentForm(forms.Form):
    officer = StaffChoiceField(
        label=_("Officer praised"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No one officer"),
        error_messages={"invalid_choice": _("Choose an officer of the service")},
    )
    team: "forms.ModelChoiceField[Team]" = forms.ModelChoiceField(
        label=_("Team praised"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("The officer's own team"),
        error_messages={"invalid_choice": _("Choose a team of the service")},
    )
    channel = forms.ChoiceField(
        label=_("How it came in"),
        choices=Channel.choices,
        error_messages={
            "required": _("Choose how the compliment came in"),
            "invalid_choice": _("Choose how the compliment came in"),
        },
    )
    received_on = DayField(label=_("Date received"), required_message=_("Enter the date received"))
    from_name = forms.CharField(
        label=_("From (optional)"),
        required=False,
        max_length=SHORT_TEXT,
        error_messages={"max_length": _("Write no more than %(limit_value)s characters.")},
    )
    text = TextField(label=_("What they said"), required_message=_("Write what they said"))

    def __init__(self, *args: Any, service_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officer, team = self.fields["officer"], self.fields["team"]
        assert isinstance(officer, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelChoiceField)
        officer.queryset = _service_staff(service_id)
        team.queryset = Team.objects.filter(service_id=service_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("officer") and not cleaned.get("team") and not self.errors:
            self.add_error("officer", _("Choose the officer or the team praised"))
        return cleaned


class FeedbackDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FeedbackDecision.ACTED_ON, FeedbackDecision.ACTED_ON.label),
            (FeedbackDecision.NOT_ADOPTED, FeedbackDecision.NOT_ADOPTED.label),
        ],
        error_messages={
            "required": _("Choose the decision"),
            "invalid_choice": _("Choose the decision"),
        },
    )
    outcome = TextField(
        label=_("The outcome, told to the customer"),
        required_message=_("Write the outcome to tell the customer"),
    )


class FeedbackPublishForm(forms.Form):
    you_said_cy = TextField(
        label=_("You said (Welsh)"), required_message=_("Write this in Welsh"), max_length=600
    )
    you_said_en = TextField(
        label=_("You said (English)"), required_message=_("Write this in English"), max_length=600
    )
    we_did_cy = TextField(
        label=_("We did (Welsh)"), required_message=_("Write this in Welsh"), max_length=600
    )
    we_did_en = TextField(
        label=_("We did (English)"), required_message=_("Write this in English"), max_length=600
    )


class ConvertForm(forms.Form):
    reason = TextField(
        label=_("What went wrong with the service request?"),
        required_message=_("Say what went wrong with the service request"),
    )


class SignpostForm(forms.Form):
    route = forms.ChoiceField(
        label=_("Where does the matter go?"),
        choices=SignpostRoute.choices,
        error_messages={
            "required": _("Choose where the matter goes"),
            "invalid_choice": _("Choose where the matter goes"),
        },
    )
    reason = TextField(
        label=_("Why is it signposted?"), required_message=_("Say why the matter is signposted")
    )
    message = TextField(label=_("Message to the customer (optional)"))
