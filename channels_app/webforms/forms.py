"""The pages of a contact form, one question (or one group of questions) each.

Every error is a GOV.UK-style message in the page's language; nothing a visitor sends (odd
characters, huge values, values of the wrong kind) gets further than a field error.
"""

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Service
from contacts.channel_details import phone_number
from contacts.customers import postcode_normalise
from contacts.forms.attachments import MultipleFileField
from contacts.models import CaseKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: The form a visitor chooses → the kind of case it makes (its slug is the form's name on the
#: case's channel details).
FORM_TYPES: dict[str, str] = {
    "enquiry": CaseKind.ENQUIRY,
    "service-request": CaseKind.SERVICE_REQUEST,
    "complaint": CaseKind.COMPLAINT,
    "compliment": CaseKind.COMPLIMENT,
    "feedback": CaseKind.FEEDBACK,
}
FORM_TYPE_CHOICES = [
    ("enquiry", _("Ask a question")),
    ("service-request", _("Ask for a service or report a problem")),
    ("complaint", _("Make a complaint")),
    ("compliment", _("Pay a compliment")),
    ("feedback", _("Give feedback or make a suggestion")),
]
FORM_TYPE_HINTS = {
    "service-request": _("For example, a missed bin collection or a pothole."),
    "complaint": _("Tell us if we have not done something we should, or done it badly."),
}

POSTCODE = RegexValidator(
    r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$",
    _("Enter a real postcode, like LL15 1YN"),
)
NEEDS = [
    ("large_print", _("Large print")),
    ("bsl", _("British Sign Language (BSL)")),
    ("interpreter", _("An interpreter")),
    ("other", _("Something else")),
]
HONEYPOT = "website"


def _format(message: "StrOrPromise", values: dict[str, Any]) -> str:
    return str(message) % {key: str(value) for key, value in values.items()}


#: A message with values, translated when it is shown (not when this module is imported).
format_later = lazy(_format, str)


class TextField(forms.CharField):
    """A text field whose "unusual characters" error is ours, in the page's language.

    ``unusual`` is the whole sentence, not a field name put into one: Welsh puts the name
    after "i" ("Rhaid i'ch neges ..."), where it contracts or mutates."""

    def __init__(
        self,
        *,
        label: "StrOrPromise",
        max_length: int,
        unusual: "StrOrPromise",
        required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(label=label, max_length=max_length, required=required, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.insert(0, ProhibitNullCharactersValidator(message=unusual))


def _too_long(message: "StrOrPromise", limit: int) -> str:
    """``message`` (a whole sentence with ``%(limit)s``, for the reason ``TextField`` gives)."""
    return format_later(message, {"limit": f"{limit:,}"})


class HoneypotMixin(forms.Form):
    """A field people never see or hear (the template hides it from sight, the tab order and
    assistive technology); software that fills in every field gives itself away."""

    website = forms.CharField(required=False, max_length=10_000)

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


class FormTypeForm(forms.Form):
    form_type = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=FORM_TYPE_CHOICES,
        error_messages={
            "required": _("Select what you want to do"),
            "invalid_choice": _("Select what you want to do"),
        },
    )


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return obj.name


class ServiceForm(forms.Form):
    service = ServiceChoiceField(
        label=_("Which service is it about?"),
        queryset=Service.objects.filter(active=True).order_by("name", "pk"),
        empty_label=None,
        error_messages={
            "required": _("Select the service it is about"),
            "invalid_choice": _("Select the service it is about"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A value that is not a number would make the database refuse the look-up.
        value = self.data.get("service") if self.is_bound else None
        if value is not None and not (str(value).isdigit() and len(str(value)) <= 9):
            self.data = self.data.copy()
            self.data["service"] = "0"


DETAILS_MAX = 5000


class DetailsForm(HoneypotMixin):
    details = TextField(
        label=_("Tell us about it"),
        unusual=_("Your message must not contain unusual characters"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": _("Tell us what it is about"),
            "max_length": _too_long(
                _("Your message must be %(limit)s characters or fewer"), DETAILS_MAX
            ),
        },
    )

    def clean_details(self) -> str:
        return self.cleaned_data["details"].strip()


class AboutYouForm(HoneypotMixin):
    name = TextField(
        label=_("Full name"),
        unusual=_("Full name must not contain unusual characters"),
        max_length=200,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _too_long(_("Full name must be %(limit)s characters or fewer"), 200),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _too_long(_("Email address must be %(limit)s characters or fewer"), 254),
        },
    )
    phone = TextField(
        label=_("Telephone number (optional)"),
        unusual=_("Telephone number must not contain unusual characters"),
        max_length=30,
        required=False,
        error_messages={
            "max_length": _too_long(_("Telephone number must be %(limit)s characters or fewer"), 30)
        },
    )
    address = TextField(
        label=_("Postal address (optional)"),
        unusual=_("Postal address must not contain unusual characters"),
        max_length=500,
        required=False,
        widget=forms.Textarea,
        error_messages={
            "max_length": _too_long(_("Postal address must be %(limit)s characters or fewer"), 500)
        },
    )
    postcode = TextField(
        label=_("Postcode (optional)"),
        unusual=_("Postcode must not contain unusual characters"),
        max_length=10,
        required=False,
        error_messages={"max_length": _("Enter a real postcode, like LL15 1YN")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if "\x00" in email:
            raise forms.ValidationError(
                _("Enter an email address in the correct format, like name@example.com")
            )
        return email

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone:
            try:
                phone_number(phone)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Enter a telephone number, like 01824 706000 or 07700 900 982")
                ) from error
        return phone

    def clean_postcode(self) -> str:
        postcode = re.sub(r"\s+", " ", self.cleaned_data["postcode"].strip().upper())
        if postcode:
            POSTCODE(postcode)
            postcode = postcode_normalise(postcode)
        return postcode


class WelshForm(forms.Form):
    welsh = forms.ChoiceField(
        label=_("Would you like us to deal with you in Welsh?"),
        choices=[
            ("yes", pgettext_lazy("would like to deal with us in Welsh", "Yes")),
            ("no", pgettext_lazy("would like to deal with us in Welsh", "No")),
        ],
        error_messages={
            "required": _("Select yes if you would like us to deal with you in Welsh"),
            "invalid_choice": _("Select yes if you would like us to deal with you in Welsh"),
        },
    )


class AccessibilityForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Do you need us to contact you in a particular way?"),
        choices=NEEDS,
        required=False,
        error_messages={"invalid_choice": _("Select the ways we should contact you")},
    )
    interpreter_language = TextField(
        label=_("Which language?"),
        unusual=_("The language must not contain unusual characters"),
        max_length=60,
        required=False,
        error_messages={
            "max_length": _too_long(_("The language must be %(limit)s characters or fewer"), 60)
        },
    )
    other_needs = TextField(
        label=_("Tell us what you need"),
        unusual=_("What you need must not contain unusual characters"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        error_messages={
            "max_length": _too_long(_("What you need must be %(limit)s characters or fewer"), 1000)
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        needs = data.get("needs") or []
        if "interpreter" in needs and not data.get("interpreter_language", "").strip():
            self.add_error(
                "interpreter_language", _("Enter the language you need an interpreter for")
            )
        if "other" in needs and not data.get("other_needs", "").strip():
            self.add_error("other_needs", _("Tell us what you need"))
        if "interpreter" not in needs:
            data["interpreter_language"] = ""
        if "other" not in needs:
            data["other_needs"] = ""
        return data


class CheckAnswersForm(forms.Form):
    """The check-your-answers page's submit: the journey's token makes a repeated submit land
    on the case the first one made."""

    submission = forms.CharField(max_length=64)


class TrackForm(forms.Form):
    reference = TextField(
        label=_("Case reference"),
        unusual=_("Case reference must not contain unusual characters"),
        max_length=30,
        error_messages={
            "required": _("Enter your case reference"),
            "max_length": _("Enter the reference as it was given to you, like CYS-2026-004213"),
        },
    )
    proof = TextField(
        label=_("Email address or phone number"),
        unusual=_("Email address or phone number must not contain unusual characters"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address or phone number you gave us"),
            "max_length": _("Enter the email address or phone number you gave us"),
        },
    )


class FilesForm(forms.Form):
    """Photos or documents that help explain: optional, checked as each is added."""

    attachments = MultipleFileField(label=_("Add files (optional)"), required=False)
