from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the customer's data is being erased"),
        max_length=2000,
        error_messages={"required": _("Say why the customer's data is being erased.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LegalHoldForm(forms.Form):
    """A hold on a case (by its reference) or a customer (by their number): one of the two."""

    reference = forms.CharField(
        label=_("Case reference"), max_length=20, required=False, strip=True
    )
    customer = forms.IntegerField(
        label=_("Customer number"),
        required=False,
        min_value=1,
        max_value=10**18,
        error_messages={"invalid": _("Enter a customer number, like 4521.")},
    )
    reason = forms.CharField(
        label=_("Why the data must be kept"),
        max_length=2000,
        error_messages={"required": _("Say why the data must be kept.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].upper()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not self.errors and bool(cleaned.get("reference")) == bool(cleaned.get("customer")):
            self.add_error("reference", _("Enter a case reference or a customer number, not both."))
        return cleaned


class ReleaseForm(forms.Form):
    hold = forms.IntegerField(min_value=1, max_value=10**18)
