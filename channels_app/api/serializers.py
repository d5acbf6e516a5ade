"""Input and output of the print-queue API."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.fields import AwareDateTimeField
from messaging.domain.replies import ReplyLanguage
from messaging.models import DeliveryState, OutboundMessage, Purpose


class PostedInput(serializers.Serializer):
    posted_at = AwareDateTimeField(
        required=False, help_text=_("When the letter went in the post; now if not given.")
    )


class LetterOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.CharField(source="case.reference")
    service = serializers.CharField(source="case.service.code")
    purpose = serializers.ChoiceField(Purpose.values)
    language = serializers.ChoiceField([language.value for language in ReplyLanguage])
    recipient = serializers.CharField(help_text=_("The postal address."))
    subject = serializers.CharField()
    large_print = serializers.BooleanField()
    state = serializers.ChoiceField(DeliveryState.values)
    created_at = serializers.DateTimeField()
    posted_at = serializers.DateTimeField(allow_null=True)
    posted_by = serializers.CharField(source="posted_by.username", allow_null=True)
    document = serializers.SerializerMethodField(
        help_text=_("Where to download the printable letter (PDF).")
    )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, letter: OutboundMessage) -> str | None:
        if not letter.document:
            return None
        path = reverse("letter-document", kwargs={"pk": letter.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
