"""Logging a contact: the channel first, then one form with what that channel needs, the
customer (found or new) and the scanned letters or other files that came with it.

The channel's details are checked by the same schemas as the API's (contacts.channel_details), so a
contact logged here and one posted to the API are recorded alike.
"""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers

from accounts.models import STAFF_ROLES, Service, Team, User
from contacts.channel_details import ChannelDetails, parse_details
from standards.channels import (
    Channel,
    EmailContact,
    PhoneContact,
    SocialPlatform,
    VisitContact,
)

from ..attachments import ACCEPT, attachments_check
from ..customers import CustomerMatch, customer_matches, phone_normalise, postcode_normalise
from ..models import CaseKind, ContactMethod, Customer, LanguagePreference

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: What an advisor logs; councillor enquiries and web-content changes have their own ways in.
LOGGED_KINDS = [
    CaseKind.ENQUIRY,
    CaseKind.SERVICE_REQUEST,
    CaseKind.COMPLAINT,
    CaseKind.COMPLIMENT,
    CaseKind.FEEDBACK,
]
#: The web form a contact typed in by staff for a resident is recorded as having come from.
STAFF_ENTERED_FORM = "entered-by-staff"
NEW_CUSTOMER = "new"
NO_CUSTOMER = "none"
LARGEST_ID = 2**63 - 1


class ChannelChoiceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the customer contact us?"),
        choices=Channel.choices,
        error_messages={
            "required": _("Select how the customer contacted us"),
            "invalid_choice": _("Select how the customer contacted us"),
        },
    )


class Radios(forms.RadioSelect):
    """Radios whose first input has the field's own id, which the error summary links to."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return id_


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


def _datetime_field(label: "StrOrPromise", required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter a real date and time")},
    )


def _phone_field(label: "StrOrPromise", required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=30)


#: The channel's form fields, made afresh for each form (a field holds state per form).
def _channel_fields(channel: str) -> dict[str, forms.Field]:
    if channel == Channel.PHONE:
        return {
            "contact_type": forms.ChoiceField(
                label=_("What kind of call was it?"),
                choices=PhoneContact.choices,
                widget=Radios,
                error_messages={
                    "required": _("Select what kind of call it was"),
                    "invalid_choice": _("Select what kind of call it was"),
                },
            ),
            "callback_at": _datetime_field(
                _("Callback time agreed with the caller (for a callback)")
            ),
            "caller_number": _phone_field(_("Caller's number")),
            "handled_in_welsh": forms.BooleanField(
                label=_("The call was handled in Welsh"), required=False
            ),
        }
    if channel == Channel.TEXT:
        return {"from_number": _phone_field(_("Number the text came from"), required=True)}
    if channel == Channel.EMAIL:
        return {
            "contact_type": forms.ChoiceField(
                label=_("Who was the e-mail sent to?"),
                choices=EmailContact.choices,
                widget=Radios,
                error_messages={
                    "required": _("Select who the e-mail was sent to"),
                    "invalid_choice": _("Select who the e-mail was sent to"),
                },
            ),
            "from_address": forms.EmailField(label=_("Sender's e-mail address"), max_length=254),
            "to_address": forms.EmailField(
                label=_("E-mail address it was sent to"), max_length=254
            ),
            "subject": forms.CharField(label=_("Subject"), required=False, max_length=998),
        }
    if channel == Channel.LETTER:
        return {
            "postal_address": forms.CharField(
                label=_("Sender's postal address"),
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
            "letter_postcode": forms.CharField(
                label=_("Sender's postcode"), required=False, max_length=10
            ),
            "dated": forms.DateField(
                label=_("Date on the letter"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Enter a real date")},
            ),
        }
    if channel == Channel.FAX:
        return {"fax_number": _phone_field(_("Number the fax came from"), required=True)}
    if channel == Channel.VISIT:
        return {
            "contact_type": forms.ChoiceField(
                label=_("What kind of visit was it?"),
                choices=VisitContact.choices,
                widget=Radios,
                error_messages={
                    "required": _("Select what kind of visit it was"),
                    "invalid_choice": _("Select what kind of visit it was"),
                },
            ),
            "expected_wait_minutes": forms.IntegerField(
                label=_("Expected wait told to the visitor, in minutes (for a drop-in)"),
                required=False,
                min_value=0,
                max_value=600,
                error_messages={
                    "invalid": _("Enter the expected wait as a whole number of minutes"),
                    "min_value": _("The expected wait must be between 0 and 600 minutes"),
                    "max_value": _("The expected wait must be between 0 and 600 minutes"),
                },
            ),
            "appointment_at": _datetime_field(_("Appointment time (for an appointment)")),
            "officer_visit_at": _datetime_field(
                _("Visit time agreed with the customer (for an officer visit)")
            ),
            "location": forms.CharField(label=_("Where"), required=False, max_length=200),
        }
    if channel == Channel.SOCIAL:
        return {
            "platform": forms.ChoiceField(
                label=_("Platform"),
                choices=[("", _("Select a platform")), *SocialPlatform.choices],
                error_messages={
                    "required": _("Select the platform"),
                    "invalid_choice": _("Select the platform"),
                },
            ),
            "handle": forms.CharField(label=_("Their name or handle"), max_length=100),
            "url": forms.URLField(
                label=_("Link to the post or message"),
                required=False,
                max_length=500,
                assume_scheme="https",
            ),
        }
    return {}


#: Where a channel-details error (by its schema's field) is shown on the form.
DETAIL_FIELDS = {
    "callback_at": "callback_at",
    "caller_number": "caller_number",
    "from_number": "from_number",
    "from_address": "from_address",
    "to_address": "to_address",
    "subject": "subject",
    "postal_address": "postal_address",
    "postcode": "letter_postcode",
    "dated": "dated",
    "fax_number": "fax_number",
    "expected_wait_minutes": "expected_wait_minutes",
    "location": "location",
    "platform": "platform",
    "handle": "handle",
    "url": "url",
    "contact_type": "contact_type",
}


# --- Each channel's details, from the form's cleaned data, as its schema takes them ---------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _phone_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    raw = {
        "contact_type": cleaned.get("contact_type"),
        "caller_number": cleaned.get("caller_number", ""),
        "handled_in_welsh": cleaned.get("handled_in_welsh", False),
    }
    if cleaned.get("contact_type") == PhoneContact.CALLBACK:
        raw["callback_at"] = _iso(cleaned.get("callback_at"))
    return raw


def _text_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"from_number": cleaned.get("from_number", "")}


def _email_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    keys = ("contact_type", "from_address", "to_address", "subject")
    return {key: cleaned.get(key, "") for key in keys}


def _letter_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    raw = {
        "postal_address": cleaned.get("postal_address", ""),
        "postcode": cleaned.get("letter_postcode", ""),
    }
    if cleaned.get("dated"):
        raw["dated"] = cleaned["dated"].isoformat()
    return raw


def _fax_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"fax_number": cleaned.get("fax_number", "")}


def _visit_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    kind = cleaned.get("contact_type")
    raw = {"contact_type": kind, "location": cleaned.get("location", "")}
    if kind == VisitContact.RECEPTION and cleaned.get("expected_wait_minutes") is not None:
        raw["expected_wait_minutes"] = cleaned["expected_wait_minutes"]
    scheduled = {
        VisitContact.APPOINTMENT: "appointment_at",
        VisitContact.OFFICER_VISIT: "officer_visit_at",
    }.get(kind)
    if scheduled and cleaned.get(scheduled):
        raw["scheduled_at"] = _iso(cleaned[scheduled])
    return raw


def _webform_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"form": STAFF_ENTERED_FORM}


def _social_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    raw = {key: cleaned.get(key, "") for key in ("platform", "handle")}
    if cleaned.get("url"):
        raw["url"] = cleaned["url"]
    return raw


RAW_DETAILS_OF_CHANNEL: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    Channel.PHONE: _phone_details,
    Channel.TEXT: _text_details,
    Channel.EMAIL: _email_details,
    Channel.LETTER: _letter_details,
    Channel.FAX: _fax_details,
    Channel.VISIT: _visit_details,
    Channel.WEBFORM: _webform_details,
    Channel.SOCIAL: _social_details,
}


class LogContactForm(forms.Form):
    """One contact on one channel. ``matches`` holds the existing customers whose details
    match the ones typed, once the form has looked for them."""

    received_at = _datetime_field(_("When was it received? (leave blank for now)"))
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[(kind.value, kind.label) for kind in LOGGED_KINDS],
        widget=Radios,
        error_messages={
            "required": _("Select what the contact is"),
            "invalid_choice": _("Select what the contact is"),
        },
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=200,
        error_messages={
            "required": _("Enter a summary of the contact"),
            "max_length": _("The summary must be 200 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("The details must be 20,000 characters or fewer")},
    )
    language = forms.ChoiceField(
        label=_("Which language was the contact in?"),
        choices=[
            (LanguagePreference.WELSH, LanguagePreference.WELSH.label),
            (LanguagePreference.ENGLISH, LanguagePreference.ENGLISH.label),
            ("unknown", _("Not known")),
        ],
        widget=Radios,
        error_messages={
            "required": _("Select the language of the contact"),
            "invalid_choice": _("Select the language of the contact"),
        },
    )
    assign_to = forms.ChoiceField(
        label=_("Who will deal with it?"),
        error_messages={"invalid_choice": _("Select who will deal with it from the list")},
    )

    customer = forms.CharField(
        required=False,
        max_length=20,
        error_messages={"max_length": _("Select a customer from the list")},
    )
    customer_name = forms.CharField(label=_("Full name"), required=False, max_length=200)
    customer_email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    customer_phone = _phone_field(_("Telephone number"))
    customer_postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    customer_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    customer_welsh = forms.ChoiceField(
        label=_("Would you like to deal with us in Welsh?"),
        required=False,
        choices=[
            ("yes", pgettext_lazy("would like to deal with us in Welsh", "Yes")),
            ("no", pgettext_lazy("would like to deal with us in Welsh", "No")),
            ("", _("Not asked")),
        ],
        widget=Radios,
        error_messages={"invalid_choice": _("Select the customer's answer")},
    )
    customer_contact_method = forms.ChoiceField(
        label=_("How would they like us to contact them?"),
        required=False,
        choices=ContactMethod.choices,
        widget=Radios,
        error_messages={"invalid_choice": _("Select how they would like us to contact them")},
    )
    large_print = forms.BooleanField(label=_("Large print"), required=False)
    bsl = forms.BooleanField(label=_("British Sign Language interpreter"), required=False)
    interpreter_language = forms.CharField(
        label=_("Interpreter for another language (which language?)"),
        required=False,
        max_length=60,
    )
    other_needs = forms.CharField(
        label=_("Other needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(label=_("Attach files"), required=False)

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        channel: str,
        user: User,
        service: Service,
    ) -> None:
        super().__init__(data, files)
        self.channel = channel
        self.user = user
        self.service = service
        self.matches: list[CustomerMatch] = []
        self.chosen_customer: Customer | None = None
        self.details: ChannelDetails | None = None
        channel_fields = _channel_fields(channel)
        # The channel's own fields come first: they are what the advisor has in front of them.
        self.fields = {**channel_fields, **self.fields}
        self.channel_field_names = list(channel_fields)
        self.fields["assign_to"].choices = self._assignees()
        self.fields["assign_to"].initial = "me"
        if channel == Channel.LETTER:
            self.fields["attachments"].label = _("Scanned letter and enclosures")

    def _assignees(self) -> list[tuple[str, Any]]:
        teams = list(Team.objects.filter(service=self.service).order_by("name"))
        colleagues = list(
            User.objects.filter(team__service=self.service, role__in=STAFF_ROLES, is_active=True)
            .exclude(pk=self.user.pk)
            .order_by("first_name", "last_name", "username")
        )
        choices: list[tuple[str, Any]] = [("me", _("Me"))]
        choices += [
            (f"team:{team.pk}", _("Unassigned, in the %(team)s queue") % {"team": team.name})
            for team in teams
        ]
        choices += [
            (f"user:{user.pk}", user.get_full_name() or user.get_username()) for user in colleagues
        ]
        self._teams = {team.pk: team for team in teams}
        self._colleagues = {user.pk: user for user in colleagues}
        return choices

    # --- Who deals with it -------------------------------------------------------------------

    def assignment(self) -> tuple[Team | None, User | None]:
        value = self.cleaned_data["assign_to"]
        if value == "me":
            return None, self.user
        kind, _sep, pk = value.partition(":")
        if kind == "team":
            return self._teams[int(pk)], None
        return None, self._colleagues[int(pk)]

    # --- The customer -----------------------------------------------------------------------

    def typed_matches(self) -> list[CustomerMatch]:
        """Existing customers matching what was typed, checked or not (for "Find")."""
        data = self.data

        def raw(name: str) -> str:
            value = data.get(self.add_prefix(name), "")
            return value.replace("\x00", "") if isinstance(value, str) else ""

        return customer_matches(
            email=raw("customer_email"),
            phone=raw("customer_phone"),
            postcode=raw("customer_postcode"),
        )

    def find_customers(self) -> None:
        self.matches = self.typed_matches()

    def _new_customer_details_given(self, cleaned: dict[str, Any]) -> bool:
        return any(
            cleaned.get(name)
            for name in ("customer_name", "customer_email", "customer_phone", "customer_postcode")
        )

    def clean_customer_phone(self) -> str:
        phone = self.cleaned_data["customer_phone"].strip()
        if phone and (
            len(phone_normalise(phone).lstrip("+")) < 6
            or any(not (ch.isdigit() or ch in " +()-") for ch in phone)
        ):
            raise forms.ValidationError(
                _("Enter a telephone number using digits, spaces and an optional leading +.")
            )
        return phone_normalise(phone) if phone else ""

    def clean_customer_postcode(self) -> str:
        postcode = self.cleaned_data["customer_postcode"].strip()
        return postcode_normalise(postcode) if postcode else ""

    def clean_customer_email(self) -> str:
        return self.cleaned_data["customer_email"].strip().lower()

    def _clean_customer(self, cleaned: dict[str, Any]) -> None:
        choice = cleaned.get("customer") or ""
        if choice not in ("", NEW_CUSTOMER, NO_CUSTOMER):
            if not choice.isdigit() or int(choice) > LARGEST_ID:
                self.add_error("customer", _("Select a customer from the list"))
                return
            self.chosen_customer = Customer.objects.filter(pk=int(choice)).first()
            if self.chosen_customer is None:
                self.add_error("customer", _("Select a customer from the list"))
            self.matches = self.typed_matches()
            if self.chosen_customer and all(
                m.customer.pk != self.chosen_customer.pk for m in self.matches
            ):
                self.matches.insert(0, CustomerMatch(self.chosen_customer, ()))
            return
        if not self._new_customer_details_given(cleaned):
            return
        if choice == "":
            self.matches = self.typed_matches()
            if self.matches:
                self.add_error(
                    "customer",
                    _(
                        "Existing customers have these details: select one, or confirm that "
                        "this is a new customer"
                    ),
                )
                return
        elif choice == NEW_CUSTOMER:
            self.matches = self.typed_matches()
        if not cleaned.get("customer_name") and "customer_name" not in self.errors:
            self.add_error("customer_name", _("Enter the customer's full name"))

    def new_customer(self) -> Customer | None:
        """The new customer to create with the case (unsaved), or ``None``."""
        cleaned = self.cleaned_data
        if self.chosen_customer is not None or cleaned.get("customer") == NO_CUSTOMER:
            return None
        if not self._new_customer_details_given(cleaned):
            return None
        return Customer(
            name=cleaned["customer_name"],
            email=cleaned["customer_email"],
            phone=cleaned["customer_phone"],
            postcode=cleaned["customer_postcode"],
            address=cleaned["customer_address"],
            preferred_language=self.preferred_language() or "",
            preferred_contact_method=cleaned["customer_contact_method"],
            large_print=cleaned["large_print"],
            bsl=cleaned["bsl"],
            interpreter_language=cleaned["interpreter_language"],
            other_needs=cleaned["other_needs"],
        )

    def preferred_language(self) -> str | None:
        """The answer to "Would you like to deal with us in Welsh?", or ``None`` if not asked."""
        answer = self.cleaned_data.get("customer_welsh")
        return {"yes": LanguagePreference.WELSH, "no": LanguagePreference.ENGLISH}.get(answer)

    def contact_language(self) -> str:
        language = self.cleaned_data["language"]
        return "" if language == "unknown" else language

    # --- The channel's details --------------------------------------------------------------

    def _raw_details(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The channel's details as its schema takes them, from the form's fields."""
        details_of = RAW_DETAILS_OF_CHANNEL.get(self.channel)
        raw = details_of(cleaned) if details_of else {}
        return {key: value for key, value in raw.items() if value is not None}

    def _detail_field(self, key: str) -> str | None:
        if key == "scheduled_at":
            kind = self.cleaned_data.get("contact_type")
            return "officer_visit_at" if kind == VisitContact.OFFICER_VISIT else "appointment_at"
        field = DETAIL_FIELDS.get(key)
        return field if field in self.fields else None

    def _clean_details(self, cleaned: dict[str, Any]) -> None:
        if any(name in self.errors for name in self.channel_field_names):
            return  # the advisor fixes what the form said first
        try:
            self.details = parse_details(self.channel, self._raw_details(cleaned))
        except serializers.ValidationError as error:
            detail = error.detail
            messages = detail.items() if isinstance(detail, dict) else [(None, detail)]
            for key, problems in messages:
                field = self._detail_field(key) if key else None
                for problem in problems if isinstance(problems, list) else [problems]:
                    self.add_error(field, str(problem))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        received = cleaned.get("received_at")
        if received and received > timezone.now():
            self.add_error("received_at", _("The time received cannot be in the future"))
        self._clean_details(cleaned)
        self._clean_customer(cleaned)
        files = cleaned.get("attachments") or []
        if files and "attachments" not in self.errors:
            try:
                attachments_check(files=files)
            except forms.ValidationError as error:
                for message in error.message_dict["attachments"]:
                    self.add_error("attachments", message)
        return cleaned

    def customer_choice_value(self) -> str:
        """The customer radio to show as chosen."""
        return str(self.data.get(self.add_prefix("customer"), "") or "")
