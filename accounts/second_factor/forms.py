"""The security code, asked for the GOV.UK way."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

CODE = re.compile(r"^\d{6}$")


class SecurityCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Security code"),
        max_length=20,
        error_messages={"required": _("Enter the security code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not CODE.match(code):
            raise forms.ValidationError(
                _("Enter the security code, which is 6 numbers"), code="format"
            )
        return code
