"""The forms of the case page's actions. They check what was typed; the services decide
whether the case allows it, and their refusals are shown on the same fields."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.form_fields import NOTE_MAX, AgreedTimeField, DateAndTimeField, TextField
from routing.reasons import MisrouteReason

from ..channel_details.staff_form import Radios
from ..domain.appointments import REASON_MAX
from ..event_payloads import Party, party_parse
from ..models import Case
from ..policies import MEETABLE_KINDS
from ..presenters import milestone_label, moment_text


class NoteForm(forms.Form):
    text = TextField(label=_("Note"), required_message=_("Write the note."))


class TransferForm(forms.Form):
    """To an officer or a team's queue of any service (SPEC §9), grouped by service, the
    case's own first; and, for a case that came to the wrong service, why it goes back. Where
    the case already is (its owner; its queue while nobody owns it) is not offered: the
    service would refuse it."""

    to = forms.ChoiceField(
        label=_("Transfer to"),
        error_messages={
            "required": _("Choose who to transfer the case to."),
            "invalid_choice": _("Choose a colleague or a team from the list."),
        },
    )
    misrouted = forms.ChoiceField(
        label=_("Is it going back because it came to the wrong service?"),
        required=False,
        choices=[("", _("No: I am passing it on")), *MisrouteReason.choices],
        widget=Radios,
        error_messages={
            "invalid_choice": _("Choose why it came to the wrong service from the list."),
        },
    )
    note = TextField(
        label=_("Note for the person receiving the case"),
        required_message=_("Write a note for the person receiving the case."),
        max_length=NOTE_MAX,
    )

    def __init__(self, *args, case: Case, colleagues, teams, came_from: Party | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.colleagues = {user.pk: user for user in colleagues if user.pk != case.owner_id}
        self.teams = {
            team.pk: team
            for team in teams
            if not (case.owner_id is None and team.pk == case.team_id)
        }
        groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        for team in self.teams.values():
            group = groups.setdefault(team.service_id, (team.service.name, []))
            group[1].append(
                (f"team:{team.pk}", _("Unassigned, in the %(team)s queue") % {"team": team.name})
            )
        for pk, user in self.colleagues.items():
            group = groups.setdefault(user.team.service_id, (user.team.service.name, []))
            group[1].append((f"user:{pk}", user.get_full_name() or user.get_username()))
        order = sorted(groups, key=lambda pk: (pk != case.service_id, groups[pk][0]))
        cast(forms.ChoiceField, self.fields["to"]).choices = [
            ("", _("Choose a colleague or team")),
            *(groups[pk] for pk in order),
        ]
        #: The team of another service the case came from, where it goes back if misrouted.
        self.came_from_team = self.teams.get(came_from.pk) if came_from is not None else None
        if self.came_from_team is not None:
            self.fields["to"].initial = f"team:{self.came_from_team.pk}"

    def clean_to(self) -> Party:
        party = party_parse(self.cleaned_data["to"])
        if party is None:  # the choices make this unreachable; kept for safety
            raise ValidationError(_("Choose a colleague or a team from the list."))
        return party

    def clean_misrouted(self) -> str | None:
        return self.cleaned_data["misrouted"] or None

    def receiver(self) -> dict:
        """The ``to_user`` or ``to_team`` argument of ``case_transfer``."""
        party = self.cleaned_data["to"]
        if party.kind == "user":
            return {"to_user": self.colleagues[party.pk]}
        return {"to_team": self.teams[party.pk]}


class CallbackForm(forms.Form):
    at = AgreedTimeField(
        label=_("Date and time agreed with the customer"),
        required_message=_("Enter the date and time agreed with the customer."),
    )
    note = TextField(label=_("Note (optional)"), max_length=NOTE_MAX)


class VoicemailForm(forms.Form):
    """Empty means the caller is called back by the end of the next working day; the service
    checks a time given (ahead, a working day, business hours)."""

    callback_at = DateAndTimeField(
        label=_("When will you call back?"),
        help_text=_(
            "Leave empty if you will call back by the end of the next working day. For example, "
            "27 3 2026 and 14:30."
        ),
    )


def _milestone_choices(case: Case, *, kinds=None, with_due=False):
    choices = []
    for milestone in case.milestones.all():
        if not milestone.is_open or (kinds and milestone.kind not in kinds):
            continue
        label = milestone_label(milestone.kind)
        if with_due:
            if milestone.due_at is None:
                continue
            label = _("%(milestone)s (due %(time)s)") % {
                "milestone": label,
                "time": moment_text(milestone.due_at),
            }
        choices.append((milestone.kind, label))
    return choices


class ExtendForm(forms.Form):
    milestone = forms.ChoiceField(
        label=_("Deadline"),
        error_messages={
            "required": _("Choose the deadline to extend."),
            "invalid_choice": _("Choose a deadline from the list."),
        },
    )
    due_at = AgreedTimeField(
        label=_("New due date and time"),
        required_message=_("Enter the new due date and time."),
    )
    reason = TextField(
        label=_("Reason for the extension"),
        required_message=_("Give the reason for the extension."),
        max_length=NOTE_MAX,
    )
    # Unticked by default: a date the office does not work is refused unless meant (SPEC §10).
    out_of_hours_confirmed = forms.BooleanField(
        label=_("I mean this date"),
        help_text=_(
            "Tick this only if the new due time is meant to fall on a day the office is closed "
            "or outside business hours."
        ),
        required=False,
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["milestone"]).choices = _milestone_choices(
            case, with_due=True
        )


class MeetForm(forms.Form):
    milestone = forms.ChoiceField(
        error_messages={
            "required": _("Choose what happened."),
            "invalid_choice": _("That has already been recorded, or this case does not need it."),
        },
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["milestone"]).choices = _milestone_choices(
            case, kinds=MEETABLE_KINDS
        )


class ResolveForm(forms.Form):
    outcome = TextField(
        label=_("Outcome"),
        required_message=_("Say what was done to resolve the case."),
        max_length=NOTE_MAX,
    )
    message = TextField(label=_("Message to the customer (optional)"))


class ReopenForm(forms.Form):
    reason = TextField(
        label=_("Why is the case being reopened?"),
        required_message=_("Say why the case is being reopened."),
        max_length=NOTE_MAX,
    )


class LateForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("How many minutes late?"),
        help_text=_("From the appointment time."),
        error_messages={
            "required": _("Enter how many minutes late."),
            "invalid": _("Enter how many minutes late as a whole number, like 15."),
        },
    )
    reason = TextField(
        label=_("Why are you running late?"),
        help_text=_("The customer is told this."),
        required_message=_("Give the reason, so the customer knows why."),
        max_length=REASON_MAX,
    )


class RebookForm(forms.Form):
    at = AgreedTimeField(
        label=_("New date and time"),
        required_message=_("Enter the new date and time of the appointment."),
    )
    reason = TextField(
        label=_("Why can the appointment not be kept?"),
        help_text=_("The customer is told this, with an apology."),
        required_message=_("Give the reason, so the customer knows why."),
        max_length=REASON_MAX,
    )
