"""Forms of the councillors' pages: they check what was typed; the services decide the rest."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Service
from common.form_fields import NOTE_MAX, AgreedTimeField, DayField, LineField, TextField
from contacts.attachments import ACCEPT

from .models import (
    WRITTEN_METHODS,
    CommunityCouncil,
    OnBehalfOf,
    PaperKind,
    Ward,
    WardEventKind,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _choice_errors(required: "StrOrPromise") -> dict[str, "StrOrPromise"]:
    return {"required": required, "invalid_choice": _("Choose one of the options.")}


class EnquiryForm(forms.Form):
    service: "forms.ModelChoiceField[Service]" = forms.ModelChoiceField(
        queryset=Service.objects.order_by("name"),
        label=_("Which service is it for?"),
        empty_label=_("Choose a service"),
        error_messages={
            "required": _("Choose the service the enquiry is for."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    community_council: "forms.ModelChoiceField[CommunityCouncil]" = forms.ModelChoiceField(
        queryset=CommunityCouncil.objects.none(),
        label=_("Council"),
        required=False,
        error_messages={"invalid_choice": _("Choose the council you are the clerk of.")},
    )
    ward: "forms.ModelChoiceField[Ward]" = forms.ModelChoiceField(
        queryset=Ward.objects.none(),
        label=_("Ward"),
        required=False,
        empty_label=_("Not for one ward"),
        error_messages={"invalid_choice": _("Choose a ward from the list.")},
    )
    summary = LineField(label=_("Summary"), required_message=_("Enter a summary of the enquiry."))
    description = TextField(
        label=_("Details"), required_message=_("Give the details of the enquiry.")
    )
    on_behalf_of = forms.ChoiceField(
        label=_("Who is the enquiry for?"),
        choices=OnBehalfOf.choices,
        error_messages=_choice_errors(_("Choose who the enquiry is for.")),
    )
    resident_name = LineField(label=_("Resident's name"))
    resident_email = forms.EmailField(
        label=_("Resident's e-mail address (optional)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com")},
    )
    resident_phone = LineField(label=_("Resident's telephone number (optional)"), max_length=30)
    resident_address = TextField(label=_("Resident's postal address (optional)"), max_length=500)

    def __init__(self, *args, wards, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.filter(pk__in=[w.pk for w in wards])
        if councils:
            self.fields["community_council"].queryset = CommunityCouncil.objects.filter(
                pk__in=[c.pk for c in councils]
            )
            self.fields["community_council"].required = len(councils) > 1
            self.fields["community_council"].error_messages["required"] = _(
                "Choose the council the enquiry is from."
            )
            self.councils = councils
        else:
            del self.fields["community_council"]
            self.councils = []

    def clean(self):
        data = super().clean()
        if self.councils and not data.get("community_council") and len(self.councils) == 1:
            data["community_council"] = self.councils[0]
        if data.get("on_behalf_of") == OnBehalfOf.RESIDENT and not data.get("resident_name"):
            self.add_error("resident_name", _("Enter the resident's name."))
        return data


class EnquiryUpdateForm(forms.Form):
    what = TextField(
        label=_("What is happening"),
        required_message=_("Say what is happening."),
        max_length=NOTE_MAX,
    )
    why = TextField(label=_("Why (optional)"), max_length=NOTE_MAX)
    expected_on = DayField(label=_("Expected completion date (optional)"))


class EnquiryDelayForm(forms.Form):
    reason = TextField(
        label=_("Reason for the delay"),
        required_message=_("Give the reason for the delay."),
        max_length=NOTE_MAX,
    )
    new_date = DayField(
        label=_("New completion date"), required_message=_("Enter the new completion date.")
    )


class EnquiryCompleteForm(forms.Form):
    what = TextField(
        label=_("What was done"), required_message=_("Say what was done."), max_length=NOTE_MAX
    )


class WardEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=WardEventKind.choices,
        error_messages=_choice_errors(_("Choose the kind of entry.")),
    )
    # Residents and councillors read the entry in their language: both are written.
    title_cy = LineField(
        label=_("What (Welsh)"), required_message=_("Say what will happen, in Welsh.")
    )
    title_en = LineField(
        label=_("What (English)"), required_message=_("Say what will happen, in English.")
    )
    location = LineField(
        label=_("Where"), required_message=_("Say where it will happen."), max_length=300
    )
    starts_at = AgreedTimeField(label=_("Starts"), required_message=_("Enter when it starts."))
    ends_at = AgreedTimeField(label=_("Ends"), required_message=_("Enter when it ends."))
    responsible = LineField(
        label=_("Who is responsible"), required_message=_("Say who is responsible.")
    )
    effect_cy = TextField(
        label=_("Effect on residents (Welsh)"),
        required_message=_("Describe the effect on residents, in Welsh."),
        max_length=NOTE_MAX,
    )
    effect_en = TextField(
        label=_("Effect on residents (English)"),
        required_message=_("Describe the effect on residents, in English."),
        max_length=NOTE_MAX,
    )
    description_cy = TextField(label=_("Details (Welsh, optional)"), max_length=NOTE_MAX)
    description_en = TextField(label=_("Details (English, optional)"), max_length=NOTE_MAX)
    wards: "forms.ModelMultipleChoiceField[Ward]" = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.order_by("name"),
        label=_("Wards"),
        error_messages={
            "required": _("Choose at least one ward."),
            "invalid_choice": _("Choose wards from the list."),
            "invalid_pk_value": _("Choose wards from the list."),
        },
    )


class WardEventDelayForm(forms.Form):
    reason = TextField(
        label=_("Reason for the delay"),
        required_message=_("Give the reason for the delay."),
        max_length=NOTE_MAX,
    )
    starts_at = AgreedTimeField(label=_("New start"), required_message=_("Enter the new start."))
    ends_at = AgreedTimeField(label=_("New end"), required_message=_("Enter the new end."))


class WardEventCancelForm(forms.Form):
    reason = TextField(
        label=_("Reason for the cancellation"),
        required_message=_("Give the reason for the cancellation."),
        max_length=NOTE_MAX,
    )


class MemberPreferencesForm(forms.Form):
    contact_method = forms.ChoiceField(
        label=_("How should officers contact you?"),
        choices=WRITTEN_METHODS,
        error_messages=_choice_errors(_("Choose how officers should contact you.")),
    )
    language = forms.ChoiceField(
        label=_("Which language should they write in?"),
        choices=Language.choices,
        error_messages=_choice_errors(_("Choose the language officers should write in.")),
    )
    phone = LineField(label=_("Mobile number for text messages"), max_length=30)
    postal_address = TextField(label=_("Postal address for letters"), max_length=500)


class CommentForm(forms.Form):
    """A councillor's comment on a calendar entry of their ward."""

    text = TextField(
        label=_("Your comment"),
        required_message=_("Write your comment."),
        max_length=NOTE_MAX,
    )


class AnswerForm(forms.Form):
    """The owning officer's answer to one comment on the entry."""

    comment = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the comment you are answering."),
            "invalid": _("Choose the comment you are answering."),
        },
    )
    text = TextField(
        label=_("Your answer"),
        required_message=_("Write your answer."),
        max_length=NOTE_MAX,
    )


class MeetingForm(forms.Form):
    council: "forms.ModelChoiceField[CommunityCouncil]" = forms.ModelChoiceField(
        queryset=CommunityCouncil.objects.none(),
        label=_("Council"),
        empty_label=None,
        error_messages=_choice_errors(_("Choose the council you are the clerk of.")),
    )
    title = LineField(label=_("Meeting"), required_message=_("Enter the name of the meeting."))
    held_on = DayField(
        label=_("Date of the meeting"), required_message=_("Enter the date of the meeting.")
    )

    def __init__(self, *args: Any, councils: list[CommunityCouncil], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["council"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = CommunityCouncil.objects.filter(pk__in=[c.pk for c in councils])


class MeetingPaperForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is the document?"),
        choices=PaperKind.choices,
        error_messages=_choice_errors(_("Choose what the document is.")),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": _("Choose the file to attach."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the file to attach."),
        },
    )
