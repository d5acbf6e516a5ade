"""What the complaints pages share: who may open them, and showing a service's refusal."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.access import role_required
from accounts.models import Role

#: The roles the complaints pages serve; what each sees is narrowed to their service.
COMPLAINT_PAGE_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)

complaints_staff_only = role_required(COMPLAINT_PAGE_ROLES)


def add_service_errors(form: forms.Form, error: ValidationError, renamed: dict | None = None):
    """A service's refusal on the field it concerns (``renamed`` maps the service's names to
    the form's), or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        field = (renamed or {}).get(key, key)
        form.add_error(field if field in form.fields else None, messages)
