"""What the councillors' views share."""

from django import forms
from django.core.exceptions import ValidationError

from common.errors import add_service_error


def show_refusal(form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None):
    """A service's refusal, shown on the field it concerns or above the form."""
    add_service_error(form, error, fields)
