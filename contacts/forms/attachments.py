"""Files added to a case: the field that takes several at once, and the form of the case page."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ..attachments import ACCEPT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    @property
    def max_bytes(self) -> int:
        return settings.ATTACHMENT_MAX_BYTES

    @property
    def max_files(self) -> int:
        return settings.ATTACHMENT_MAX_FILES

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


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
