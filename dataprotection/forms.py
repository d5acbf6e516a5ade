"""The subject access request page's two forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RecordsForm(forms.Form):
    """Which of the records found are the requester (the choices: the records found)."""

    records = forms.TypedMultipleChoiceField(
        label=_("Which records are this person?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only records found for this person.")},
    )

    def __init__(self, data=None, *, choices: list[tuple[int, str]]) -> None:
        super().__init__(data)
        field = self.fields["records"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the request need longer?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give the reason for the extension."),
            "max_length": _("The reason must be 2,000 characters or fewer"),
        },
    )
