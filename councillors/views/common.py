"""What the councillors' views share."""

from django import forms
from django.core.exceptions import ValidationError

from contacts.forms.case_actions import add_service_errors


def show_refusal(form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None):
    """A service's refusal, shown on the field it concerns or above the form."""
    add_service_errors(form, error, fields or {})
