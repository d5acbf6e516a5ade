"""The reception desk's one form: registering a drop-in visitor, quickly."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

YES, NO = "yes", "no"


class RadioButtons(forms.RadioSelect):
    """The first button carries the field's id, so that the error summary's link and the
    legend's field id land on it (Django gives a radio group no id of its own)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return id_ if index in (None, "0", 0) else f"{id_}_{index}"


class DropInForm(forms.Form):
    name = forms.CharField(
        label=_("Visitor's name"),
        max_length=200,
        error_messages={
            "required": _("Enter the visitor's name"),
            "max_length": _("The name must be 200 characters or fewer"),
            "null_characters_not_allowed": _("The name must not contain null characters"),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the visit"),
        max_length=200,
        error_messages={
            "required": _("Enter the reason for the visit"),
            "max_length": _("The reason must be 200 characters or fewer"),
            "null_characters_not_allowed": _("The reason must not contain null characters"),
        },
    )
    welsh = forms.ChoiceField(
        label=_("Would you like to deal with us in Welsh?"),
        choices=[
            (YES, pgettext_lazy("would like to deal with us in Welsh", "Yes")),
            (NO, pgettext_lazy("would like to deal with us in Welsh", "No")),
        ],
        widget=RadioButtons,
        error_messages={
            "required": _("Select whether they would like to deal with us in Welsh"),
            "invalid_choice": _("Select whether they would like to deal with us in Welsh"),
        },
    )

    def wants_welsh(self) -> bool:
        return self.cleaned_data["welsh"] == YES
