"""The parameters of GeoReport v2's calls, checked with Django forms so every error is
translated; the views turn a form's errors into GeoReport's error list."""

import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: At most this many references in one ``service_request_id`` look-up.
MAX_IDS = 50
#: A case reference's alphabet (the staff pages' URLs accept the same).
REFERENCE_PATTERN = re.compile(r"[A-Z0-9-]{1,20}")

phone_characters = RegexValidator(
    r"^\+?[0-9 ()-]{6,30}$", _("Enter a telephone number, such as 01234 567890.")
)
#: Names and identifiers are text, never markup.
no_markup = RegexValidator(r"[<>]", _("Use no angle brackets ( < > ) here."), inverse_match=True)


class RequestForm(forms.Form):
    """POST /requests: a new report. GeoReport requires the service and one location."""

    service_code = forms.CharField(max_length=40)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    long = forms.FloatField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=500, validators=[no_markup])
    address_id = forms.CharField(required=False, max_length=100, validators=[no_markup])
    email = forms.EmailField(required=False, max_length=254)
    device_id = forms.CharField(required=False, max_length=100, validators=[no_markup])
    account_id = forms.CharField(required=False, max_length=100, validators=[no_markup])
    first_name = forms.CharField(required=False, max_length=100, validators=[no_markup])
    last_name = forms.CharField(required=False, max_length=100, validators=[no_markup])
    phone = forms.CharField(required=False, max_length=30, validators=[phone_characters])
    description = forms.CharField(required=False, max_length=4000)
    media_url = forms.URLField(required=False, max_length=500, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if "lat" in self.errors or "long" in self.errors:
            return data  # already told what is wrong with the location
        has_lat = data.get("lat") is not None
        has_long = data.get("long") is not None
        if has_lat != has_long:
            raise forms.ValidationError(_("Give both lat and long, or neither."))
        if not (has_lat or data.get("address_string") or data.get("address_id")):
            raise forms.ValidationError(
                _("Give the location: lat and long, address_string or address_id.")
            )
        return data


class RequestListForm(forms.Form):
    """GET /requests: by references, or by service, status and a date range."""

    service_request_id = forms.CharField(required=False, max_length=MAX_IDS * 21)
    service_code = forms.CharField(required=False, max_length=40)
    start_date = forms.DateTimeField(required=False)
    end_date = forms.DateTimeField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", ""), ("open", "open"), ("closed", "closed")]
    )

    def clean_service_request_id(self) -> list[str]:
        raw = self.cleaned_data["service_request_id"]
        ids = [part.strip().upper() for part in raw.split(",") if part.strip()]
        if len(ids) > MAX_IDS:
            raise forms.ValidationError(
                _("Ask for at most %(count)s requests at a time.") % {"count": MAX_IDS}
            )
        if any(not REFERENCE_PATTERN.fullmatch(value) for value in ids):
            raise forms.ValidationError(
                _("A service_request_id is a reference such as CYS-2026-000123.")
            )
        return ids

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            raise forms.ValidationError(_("start_date must not be after end_date."))
        return data
