"""The log-contact form's own fields and widgets."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from ...channel_details.staff_form import Radios

__all__ = ["Radios", "datetime_field"]

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # typing only: a dev dependency


def datetime_field(label: "StrOrPromise", required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter a real date and time")},
    )
