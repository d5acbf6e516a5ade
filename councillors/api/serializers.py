"""The member enquiries API's input and output."""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Service
from common.form_fields import NOTE_MAX
from contacts.api.serializers import LazySlugField
from contacts.channel_details import PhoneNumberField
from contacts.models import Case, CaseKind, CaseStatus, Customer, LanguagePreference
from standards import milestone_kinds

from ..models import CommunityCouncil, OnBehalfOf, UpdateKind, Ward

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ResidentInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = PhoneNumberField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(LanguagePreference.values, required=False)


class EnquiryCreateInput(serializers.Serializer):
    service = LazySlugField(lambda: Service.objects.all(), slug_field="code")
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    on_behalf_of = serializers.ChoiceField(OnBehalfOf.values, default=OnBehalfOf.RESIDENT)
    ward = LazySlugField(lambda: Ward.objects.all(), slug_field="code", required=False)
    community_council = LazySlugField(
        lambda: CommunityCouncil.objects.all(), slug_field="code", required=False
    )
    resident = ResidentInput(required=False)

    def resident_of(self, data: dict[str, Any]) -> Customer | None:
        return Customer(**data["resident"]) if data.get("resident") else None


class UpdateOutput(serializers.Serializer):
    kind = serializers.ChoiceField(UpdateKind.values)
    responsible = serializers.CharField(allow_null=True)
    what = serializers.CharField(allow_null=True)
    why = serializers.CharField(allow_null=True)
    expected_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()


class EnquiryOutput(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.ChoiceField(CaseKind.values)
    status = serializers.ChoiceField(CaseStatus.values)
    service = serializers.CharField(source="service.code")
    in_full = serializers.BooleanField(
        help_text=_(
            "False for another member's enquiry that the member follows (their ward's, or one "
            "they were copied into): its text, the resident and what officers wrote are null."
        )
    )
    summary = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField()
    responsible = serializers.CharField()
    response_due_at = serializers.DateTimeField(allow_null=True)
    originally_due_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    on_behalf_of = serializers.ChoiceField(OnBehalfOf.values, allow_null=True)
    ward = serializers.CharField(allow_null=True)
    community_council = serializers.CharField(allow_null=True)
    resident_name = serializers.CharField(allow_null=True)
    updates = UpdateOutput(many=True)

    def to_representation(self, case: Case) -> dict[str, Any]:
        in_full = self.context.get("in_full", lambda case: False)(case)
        enquiry = getattr(case, "member_enquiry", None)
        response = next(
            (m for m in case.milestones.all() if m.kind == milestone_kinds.MEMBER_RESPONSE), None
        )
        owner = case.owner
        responsible = case.service.name
        if owner is not None and in_full:
            responsible = f"{owner.get_full_name() or owner.get_username()}, {responsible}"
        return {
            "reference": case.reference,
            "kind": case.kind,
            "status": case.status,
            "service": case.service.code,
            "in_full": in_full,
            "summary": case.summary if in_full else None,
            "description": case.description if in_full else None,
            "received_at": _when(case.received_at),
            "responsible": responsible,
            "response_due_at": _when(response.due_at) if response else None,
            "originally_due_at": _when(response.original_due_at) if response else None,
            "resolved_at": _when(case.resolved_at),
            "on_behalf_of": enquiry.on_behalf_of if enquiry else None,
            "ward": enquiry.ward.code if enquiry and enquiry.ward else None,
            "community_council": enquiry.community_council.code
            if enquiry and enquiry.community_council
            else None,
            "resident_name": case.customer.name if in_full and case.customer else None,
            "updates": [
                {
                    "kind": update.kind,
                    "responsible": update.responsible if in_full else None,
                    "what": update.what if in_full else None,
                    "why": update.why if in_full else None,
                    "expected_on": update.expected_on.isoformat() if update.expected_on else None,
                    "created_at": _when(update.created_at),
                }
                for update in case.member_updates.all()
            ],
        }


def _when(moment) -> str | None:
    return serializers.DateTimeField().to_representation(moment) if moment else None


# --- What officers tell the member ---------------------------------------------------------


def _text(*, required_message: "StrOrPromise | None" = None, max_length: int = NOTE_MAX, **kwargs):
    """Free text as the web forms take it: their limit, their messages."""
    messages = {"required": required_message, "blank": required_message} if required_message else {}
    return serializers.CharField(
        max_length=max_length,
        required=required_message is not None,
        allow_blank=required_message is None,
        error_messages=messages,
        **kwargs,
    )


def _date(*, required_message: "StrOrPromise | None" = None, **kwargs):
    messages: dict[str, StrOrPromise] = {"invalid": _("Enter a real date")}
    if required_message:
        messages |= {"required": required_message, "null": required_message}
    return serializers.DateField(
        required=required_message is not None, error_messages=messages, **kwargs
    )


class MemberUpdateInput(serializers.Serializer):
    what = _text(required_message=_("Say what is happening."))
    why = _text(default="")
    expected_on = _date(allow_null=True, default=None)


class MemberDelayInput(serializers.Serializer):
    reason = _text(required_message=_("Give the reason for the delay."))
    new_date = _date(
        required_message=_("Enter the new completion date."),
        help_text=_("The response deadline moves to the end of business on this day."),
    )
    what = _text(default="")


class MemberCompletionInput(serializers.Serializer):
    what = _text(required_message=_("Say what was done."))


class MemberUpdatePostedOutput(serializers.Serializer):
    """The update as the member reads it, and the enquiry's deadline after it."""

    reference = serializers.CharField()
    status = serializers.ChoiceField(CaseStatus.values)
    response_due_at = serializers.DateTimeField(allow_null=True)
    update = UpdateOutput()
