"""Logging a contact: the channel first, then one form with what that channel needs, the
customer (found or new) and the scanned letters or other files that came with it.

The channel's questions are generated from its definition (``contacts.channel_details``) and
their answers checked by the same ``parse_details`` as the API's, so a contact logged here and
one posted to the API are recorded alike. A question asked for only some contact types (a
callback's time) is revealed under them, GOV.UK's conditional reveal; it is sent whatever the
type, and neither checked nor recorded for another type.

Every field has a default where one is safe, so that the commonest contact (an answered call,
an enquiry, dealt with by the advisor) is the fewest key presses: received now, an enquiry, the
language not known, the advisor's own service and themselves.
"""

from datetime import datetime
from typing import Any, cast

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import SUBMITTER_ROLES, Role, Service, User
from common.errors import add_service_error
from common.form_fields import DateAndTimeField, null_characters_message_ours
from standards.channels import Channel

from ...attachments import attachments_check
from ...channel_details import DEFINITIONS, ChannelDetails, parse_details
from ...channel_details.staff_form import (
    form_fields,
    is_asked,
    question_for,
    questions,
    raw_details,
)
from ...models import CaseKind, LanguagePreference
from ..attachments import MultipleFileField
from .customer import CustomerForm
from .fields import Radios
from .routing import RoutingForm

#: What an advisor logs; councillor enquiries and web-content changes have their own ways in.
LOGGED_KINDS = [
    CaseKind.ENQUIRY,
    CaseKind.SERVICE_REQUEST,
    CaseKind.COMPLAINT,
    CaseKind.COMPLIMENT,
    CaseKind.FEEDBACK,
    # Asked for in any way (a call, a letter, at reception): logged like any contact, so its
    # month is counted from receipt like any other promise (docs/adr/0031).
    CaseKind.SUBJECT_ACCESS,
]
#: Channels whose contacts bring no papers: the form offers no files (the case page does).
FILELESS_CHANNELS = frozenset({Channel.PHONE})
UNKNOWN_LANGUAGE = "unknown"


class ChannelChoiceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the customer contact us?"),
        choices=Channel.choices,
        error_messages={
            "required": _("Select how the customer contacted us"),
            "invalid_choice": _("Select how the customer contacted us"),
        },
    )


class LogContactForm(RoutingForm, CustomerForm):
    """One contact on one channel, its customer, and where it goes."""

    # The contact comes before the customer, and the files last.
    field_order = [
        "received_at",
        "kind",
        "summary",
        "description",
        "language",
        "destination",
        "assign_to",
    ]

    received_at = DateAndTimeField(
        label=_("When was it received?"),
        help_text=_("Filled in with when you opened this form. For example, 27 3 2026 and 14:30."),
        error_messages={
            "incomplete": _("Enter when it was received in full: day, month, year and time"),
            "invalid_date": _("The date it was received must be a real date"),
            "invalid_time": _("Enter the time it was received like 14:30"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[(kind.value, kind.label) for kind in LOGGED_KINDS],
        initial=CaseKind.ENQUIRY,
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
            (UNKNOWN_LANGUAGE, _("Not known")),
        ],
        # Not known rather than a guess: a contact wrongly marked English would be answered
        # in English (SPEC §5); not known is answered in both languages.
        initial=UNKNOWN_LANGUAGE,
        widget=Radios,
        error_messages={
            "required": _("Select the language of the contact"),
            "invalid_choice": _("Select the language of the contact"),
        },
    )
    attachments = MultipleFileField(label=_("Attach files"), required=False)
    # A councillor or clerk calling the contact centre: the case becomes their enquiry, which
    # they follow (``contacts.members``). Choices: ``_member_setup``.
    member = forms.ChoiceField(
        label=_("On behalf of a councillor or clerk"),
        help_text=_(
            "Choose them when a county councillor, or a town or community council clerk, made "
            "the contact: for themselves or for a resident. It becomes their enquiry, which "
            "they can follow."
        ),
        required=False,
        error_messages={"invalid_choice": _("Select the councillor or clerk from the list")},
    )

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        channel: str,
        user: User,
        own_service: Service,
        now: datetime | None = None,
    ) -> None:
        super().__init__(data, files)
        # Received now, unless changed: the moment the form was opened, to the minute.
        self.fields["received_at"].initial = now or timezone.now()
        self.channel = channel
        self.definition = DEFINITIONS[channel]
        self.details: ChannelDetails | None = None
        # The channel's own fields come first: they are what the advisor has in front of them.
        self.fields = {**form_fields(self.definition), **self.fields}
        self.questions = questions(self.definition)
        self.routing_setup(user=user, own_service=own_service)
        if channel in FILELESS_CHANNELS:
            del self.fields["attachments"]
        elif channel == Channel.LETTER:
            self.fields["attachments"].label = _("Scanned letter and enclosures")
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                null_characters_message_ours(field)
        self._member_setup()

    def _member_setup(self) -> None:
        members = User.objects.filter(role__in=SUBMITTER_ROLES, is_active=True).order_by(
            "last_name", "first_name", "username"
        )
        self._members = {str(member.pk): member for member in members}
        cast(forms.ChoiceField, self.fields["member"]).choices = [
            ("", _("No councillor or clerk")),
            *(
                (
                    pk,
                    _("%(name)s (%(role)s)")
                    % {
                        "name": member.get_full_name() or member.get_username(),
                        "role": Role(member.role).label,
                    },
                )
                for pk, member in self._members.items()
            ),
        ]

    def chosen_member(self) -> User | None:
        """The councillor or clerk the contact was made by, if the advisor chose one."""
        return self._members.get(self.cleaned_data.get("member") or "")

    # --- The channel's questions, as the page shows them -------------------------------------

    def contact_type_field(self) -> forms.BoundField | None:
        """The channel's contact types, first on the page, each revealing its own questions."""
        return self["contact_type"] if "contact_type" in self.questions else None

    def _revealed(self, under: str) -> dict[str, list[forms.BoundField]]:
        """The questions shown under each answer to ``under`` (``contact_type`` or
        ``language``)."""
        revealed: dict[str, list[forms.BoundField]] = {}
        for name, question in self.questions.items():
            answers = question.when if under == "contact_type" else (question.language,)
            for answer in answers:
                if answer:
                    revealed.setdefault(answer, []).append(self[name])
        return revealed

    def contact_type_reveals(self) -> dict[str, list[forms.BoundField]]:
        return self._revealed("contact_type")

    def language_reveals(self) -> dict[str, list[forms.BoundField]]:
        return self._revealed("language")

    def channel_fields(self) -> list[forms.BoundField]:
        """The channel's questions asked of every contact on it, in order."""
        return [
            self[name]
            for name, question in self.questions.items()
            if name != "contact_type" and not question.when and question.language is None
        ]

    def attachments_offered(self) -> bool:
        return "attachments" in self.fields

    # --- Checking ------------------------------------------------------------------------------

    def _unasked(self) -> list[str]:
        """The questions not asked of the contact as sent (another type's, another
        language's)."""
        contact_type = self.data.get(self.add_prefix("contact_type"))
        language = self.data.get(self.add_prefix("language"))
        return [
            name
            for name, question in self.questions.items()
            if not is_asked(question, contact_type=contact_type, language=language)
        ]

    def quiet(self) -> None:
        """Show the data as typed without checking it: the form shown again with customers
        found, or to choose where the contact goes, is not yet being sent, so it has nothing
        to complain of."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

    def contact_language(self) -> str:
        language = self.cleaned_data["language"]
        return "" if language == UNKNOWN_LANGUAGE else language

    def _clean_details(self, cleaned: dict[str, Any]) -> None:
        if any(name in self.errors for name in self.questions):
            return  # the advisor fixes what the form said first
        try:
            self.details = parse_details(self.channel, raw_details(self.definition, cleaned))
        except forms.ValidationError as error:
            questions = {
                name: question_for(self.definition, name, cleaned) for name in error_names(error)
            }
            add_service_error(self, error, questions)

    def clean(self) -> dict[str, Any]:
        # A hidden question's answer was sent with the form: it is set aside, unchecked.
        for name in self._unasked():
            self.errors.pop(name, None)
            self.cleaned_data.pop(name, None)
        cleaned = super().clean() or self.cleaned_data
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
                add_service_error(self, error)
        return cleaned


def error_names(error: forms.ValidationError) -> list[str]:
    return list(error.error_dict) if hasattr(error, "error_dict") else []
