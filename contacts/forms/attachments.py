"""Adding files to a case from its page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .log_contact import MultipleFileField


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Attach files"),
        error_messages={"required": _("Select one or more files to attach")},
    )

    def clean_attachments(self) -> Any:
        files = self.cleaned_data["attachments"]
        if not files:
            raise forms.ValidationError(_("Select one or more files to attach"))
        return files
