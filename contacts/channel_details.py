"""What each channel records about a contact, typed and validated per channel.

The details are stored as one JSON document on the case (see
docs/adr/0002-channel-details-as-validated-json.md): each channel has its own schema here, which
validates input, renders it canonically for storage and names the identifiers that make an
inbound message idempotent.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.fields import AwareDateTimeField
from standards.channels import Channel, EmailContact, PhoneContact, SocialPlatform, VisitContact

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,24}$",
    _("Enter a telephone number using digits, spaces and an optional leading +."),
)


class PhoneNumberField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(validators=[phone_number], **kwargs)


class PhoneDetails(serializers.Serializer):
    contact_type = serializers.ChoiceField(PhoneContact.values)
    caller_number = PhoneNumberField(required=False, allow_blank=True)
    call_id = serializers.CharField(required=False, max_length=200)
    callback_at = AwareDateTimeField(required=False)
    recording_url = serializers.URLField(required=False, max_length=500)
    handled_in_welsh = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["contact_type"]
        if kind == PhoneContact.CALLBACK and not attrs.get("callback_at"):
            raise serializers.ValidationError(
                {"callback_at": _("Give the time agreed with the caller for the callback.")}
            )
        if kind in (PhoneContact.CALLBACK, PhoneContact.VOICEMAIL) and not attrs.get(
            "caller_number"
        ):
            raise serializers.ValidationError(
                {"caller_number": _("Give the caller's number so that we can call back.")}
            )
        return attrs


class TextDetails(serializers.Serializer):
    from_number = PhoneNumberField()
    message_id = serializers.CharField(required=False, max_length=200)


class EmailDetails(serializers.Serializer):
    contact_type = serializers.ChoiceField(EmailContact.values)
    from_address = serializers.EmailField(max_length=254)
    to_address = serializers.EmailField(max_length=254)
    subject = serializers.CharField(required=False, allow_blank=True, max_length=998)
    message_id = serializers.CharField(required=False, max_length=998)
    # Set by the inbound adapter from the headers (channels_app.domain.loops.is_automatic): an
    # auto-reply, bounce or list message is recorded but never acknowledged.
    automatic = serializers.BooleanField(required=False)


class LetterDetails(serializers.Serializer):
    postal_address = serializers.CharField(max_length=500)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    dated = serializers.DateField(required=False)


class FaxDetails(serializers.Serializer):
    fax_number = PhoneNumberField()


class VisitDetails(serializers.Serializer):
    contact_type = serializers.ChoiceField(VisitContact.values)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200)
    scheduled_at = AwareDateTimeField(required=False)
    expected_wait_minutes = serializers.IntegerField(required=False, min_value=0, max_value=600)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["contact_type"] in (VisitContact.APPOINTMENT, VisitContact.OFFICER_VISIT) and (
            not attrs.get("scheduled_at")
        ):
            raise serializers.ValidationError(
                {"scheduled_at": _("Give the appointment or agreed visit time.")}
            )
        return attrs


class WebformDetails(serializers.Serializer):
    form = serializers.SlugField(max_length=60)
    submission_id = serializers.CharField(required=False, max_length=200)
    # Where a reported problem is (Open311 reports: a street light, a pothole...).
    location = serializers.CharField(required=False, max_length=500)
    address_id = serializers.CharField(required=False, max_length=100)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    url = serializers.URLField(required=False, max_length=500)
    client = serializers.CharField(required=False, max_length=150)


class SocialDetails(serializers.Serializer):
    platform = serializers.ChoiceField(SocialPlatform.values)
    handle = serializers.CharField(max_length=100)
    url = serializers.URLField(required=False, max_length=500)
    post_id = serializers.CharField(required=False, max_length=200)


SCHEMAS: dict[str, type[serializers.Serializer]] = {
    Channel.PHONE: PhoneDetails,
    Channel.TEXT: TextDetails,
    Channel.EMAIL: EmailDetails,
    Channel.LETTER: LetterDetails,
    Channel.FAX: FaxDetails,
    Channel.VISIT: VisitDetails,
    Channel.WEBFORM: WebformDetails,
    Channel.SOCIAL: SocialDetails,
}

#: The field that identifies an inbound message on its channel, so that seeing it twice makes
#: one case.
SOURCE_ID_FIELDS: dict[str, str] = {
    Channel.PHONE: "call_id",
    Channel.TEXT: "message_id",
    Channel.EMAIL: "message_id",
    Channel.WEBFORM: "submission_id",
    Channel.SOCIAL: "post_id",
}

#: The field holding the time a standard's "at the agreed time" and "minutes after" rules count
#: from.
SCHEDULED_FIELDS: dict[str, str] = {
    Channel.PHONE: "callback_at",
    Channel.VISIT: "scheduled_at",
}


@dataclass(frozen=True)
class ChannelDetails:
    channel: str
    data: dict[str, Any]  # canonical, JSON-ready
    contact_type: str
    scheduled_at: datetime | None
    source_key: str | None


def parse_details(channel: str, raw: Any) -> ChannelDetails:
    """Validate ``raw`` against the channel's schema.

    Raises ``serializers.ValidationError`` with field errors in the active language.
    """
    schema = SCHEMAS.get(channel)
    if schema is None:
        raise serializers.ValidationError({"channel": [_("Unknown channel.")]})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise serializers.ValidationError(_("Give the channel details as an object."))
    serializer = schema(data=raw)
    serializer.is_valid(raise_exception=True)
    validated = serializer.validated_data
    source_field = SOURCE_ID_FIELDS.get(channel)
    source_id = validated.get(source_field) if source_field else None
    scheduled_field = SCHEDULED_FIELDS.get(channel)
    return ChannelDetails(
        channel=channel,
        data=dict(serializer.data),
        contact_type=validated.get("contact_type", ""),
        scheduled_at=validated.get(scheduled_field) if scheduled_field else None,
        source_key=f"{channel}:{source_id}" if source_id else None,
    )
