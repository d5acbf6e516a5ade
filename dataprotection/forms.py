from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the customer's data is being erased"),
        max_length=2000,
        error_messages={"required": _("Say why the customer's data is being erased.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
