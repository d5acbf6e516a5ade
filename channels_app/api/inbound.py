"""The inbound API: e-mail pushed by a mail server, and the webhooks of the text, social media
and telephony providers. Thin: each view checks who is calling, validates the payload and hands
it to its channel's adapter (``channels_app.inbound``).

Answers: 201 a new case; 200 added to an open case, or seen before (nothing changed); 202 kept
in quarantine for staff review; 400 a payload we cannot accept, with translated field errors.
"""

import hmac
import json
from typing import Any, cast

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.fields import AwareDateTimeField
from contacts.channel_details import PhoneNumberField
from standards.channels import SocialPlatform

from ..inbound.mail import email_accept, max_email_bytes
from ..inbound.phone import PhoneEvent, PhoneEventKind, phone_event_ingest
from ..inbound.records import Outcome, Result
from ..inbound.social import InboundPost, post_ingest
from ..inbound.texts import InboundText, text_ingest
from ..models import Mailbox

#: A handle or id is a name, never markup.
no_markup = RegexValidator(
    r"[<>]", gettext_lazy("Use no angle brackets ( < > ) here."), inverse_match=True
)

_STATUS = {
    Result.CREATED: status.HTTP_201_CREATED,
    Result.THREADED: status.HTTP_200_OK,
    Result.DUPLICATE: status.HTTP_200_OK,
    Result.QUARANTINED: status.HTTP_202_ACCEPTED,
}


class OutcomeOutput(serializers.Serializer):
    result = serializers.ChoiceField(
        [Result.CREATED, Result.THREADED, Result.DUPLICATE, Result.QUARANTINED],
        help_text=gettext_lazy(
            "created: a new case; threaded: added to an open case; duplicate: seen before, "
            "nothing changed; quarantined: kept for staff review."
        ),
    )
    reference = serializers.CharField(allow_null=True)
    quarantine_id = serializers.IntegerField(allow_null=True)


def _answer(outcome: Outcome) -> Response:
    data = {
        "result": outcome.result,
        "reference": outcome.case.reference if outcome.case else None,
        "quarantine_id": outcome.quarantined.pk if outcome.quarantined else None,
    }
    return Response(data, status=_STATUS[outcome.result])


def _raw_body(request: Request) -> bytes:
    """The JSON body as it came, for the quarantine (DRF has already parsed it)."""
    return json.dumps(request.data, ensure_ascii=False, default=str).encode()


_RESPONSES = {
    201: OutcomeOutput,
    200: OutcomeOutput,
    202: OutcomeOutput,
    400: OpenApiResponse(description=gettext_lazy("The payload cannot be accepted.")),
    401: OpenApiResponse(description=gettext_lazy("No credentials.")),
    403: OpenApiResponse(description=gettext_lazy("Wrong credentials.")),
}


# --- E-mail pushed by a mail server ----------------------------------------------------------


class RawMimeParser(BaseParser):
    """A whole e-mail as the body (``message/rfc822``), read up to the size limit."""

    media_type = "message/rfc822"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:  # type: ignore[no-untyped-def]
        limit = max_email_bytes()
        return stream.read(limit + 1) if stream is not None else b""


class CanDeliverInbound(permissions.BasePermission):
    """The service-integration role: a user given the permission to deliver inbound mail."""

    message = gettext_lazy("Only a service integration may deliver inbound messages.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("channels_app.deliver_inbound"))


class InboundEmailView(APIView):
    parser_classes = [RawMimeParser]
    permission_classes = [permissions.IsAuthenticated, CanDeliverInbound]

    @extend_schema(
        summary=gettext_lazy("Deliver an e-mail to a department mailbox"),
        description=gettext_lazy(
            "The whole message as sent (Content-Type: message/rfc822). The mailbox is found "
            "from the recipients unless `mailbox` names it. The same Message-ID twice makes "
            "one case; a case reference in the subject, or a reply to an earlier message of "
            "an open case, adds it to that case."
        ),
        parameters=[
            OpenApiParameter(
                "mailbox",
                OpenApiTypes.EMAIL,
                OpenApiParameter.QUERY,
                required=False,
                description=gettext_lazy("The department mailbox the message was delivered to."),
            )
        ],
        request={"message/rfc822": OpenApiTypes.BINARY},
        responses={
            **_RESPONSES,
            413: OpenApiResponse(description=gettext_lazy("The message is too large.")),
            415: OpenApiResponse(description=gettext_lazy("Not message/rfc822.")),
        },
    )
    def post(self, request: Request) -> Response:
        raw = request.data if isinstance(request.data, bytes) else b""
        if not raw:
            return Response(
                {"non_field_errors": [_("Send the whole e-mail as the request body.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if len(raw) > max_email_bytes():
            return Response(
                {"non_field_errors": [_("The e-mail is too large to accept.")]},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        mailbox = None
        address = request.query_params.get("mailbox", "")
        if address:
            mailbox = Mailbox.objects.filter(address__iexact=address).first()
            if mailbox is None:
                return Response(
                    {"mailbox": [_("There is no department mailbox with this address.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        return _answer(email_accept(raw=raw, mailbox=mailbox))


# --- Webhooks with a shared secret -----------------------------------------------------------


class BearerSecretAuthentication(BaseAuthentication):
    """Webhooks carry no user: their shared secret is checked by ``HasWebhookSecret``. This
    only tells DRF to answer a missing secret with 401 and a ``WWW-Authenticate`` header."""

    def authenticate(self, request: Request) -> None:
        return None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="cyswllt-webhooks"'


class HasWebhookSecret(permissions.BasePermission):
    """``Authorization: Bearer <secret>`` matching the view's configured secret, compared in
    constant time. Missing: 401. Wrong, or no secret configured: 403."""

    def has_permission(self, request: Request, view: Any) -> bool:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _space, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise NotAuthenticated(_("Give the webhook's secret as a bearer token."))
        secrets = cast(dict[str, str], settings.CYSWLLT.get("WEBHOOK_SECRETS", {}))
        expected = secrets.get(view.webhook, "")
        if not expected:
            raise PermissionDenied(_("This webhook has no secret configured."))
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise PermissionDenied(_("The webhook's secret is wrong."))
        return True


class WebhookView(APIView):
    authentication_classes = [BearerSecretAuthentication]
    permission_classes = [HasWebhookSecret]
    webhook = ""

    def _validated(self, serializer_class: type, data: Any) -> dict[str, Any]:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class NotifyTextInput(serializers.Serializer):
    """GOV.UK Notify's inbound-text callback."""

    id = serializers.CharField(max_length=200)
    source_number = PhoneNumberField()
    destination_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    message = serializers.CharField(max_length=5000)
    date_received = AwareDateTimeField()


class TextInput(serializers.Serializer):
    """Another text provider, in our own format."""

    id = serializers.CharField(max_length=200)
    from_number = PhoneNumberField()
    to_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    text = serializers.CharField(max_length=5000)
    received_at = AwareDateTimeField()


_TEXT_HELP = gettext_lazy(
    "A reply goes on the sender's open text case; otherwise a new text case (reply within 24 "
    "hours). The same provider id twice makes one case. Authenticate with "
    "`Authorization: Bearer <secret>`."
)


class NotifyTextWebhook(WebhookView):
    webhook = "notify_sms"

    @extend_schema(
        summary=gettext_lazy("Receive a text (GOV.UK Notify's inbound-text callback)"),
        description=_TEXT_HELP,
        request=NotifyTextInput,
        responses=_RESPONSES,
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = self._validated(NotifyTextInput, request.data)
        message = InboundText(
            provider_id=f"notify:{data['id']}",
            from_number=data["source_number"],
            to_number=data.get("destination_number", ""),
            text=data["message"],
            received_at=data["date_received"],
            raw=_raw_body(request),
        )
        return _answer(text_ingest(message=message))


class TextWebhook(WebhookView):
    webhook = "sms"

    @extend_schema(
        summary=gettext_lazy("Receive a text (another provider)"),
        description=_TEXT_HELP,
        request=TextInput,
        responses=_RESPONSES,
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = self._validated(TextInput, request.data)
        message = InboundText(
            provider_id=data["id"],
            from_number=data["from_number"],
            to_number=data.get("to_number", ""),
            text=data["text"],
            received_at=data["received_at"],
            raw=_raw_body(request),
        )
        return _answer(text_ingest(message=message))


class SocialInput(serializers.Serializer):
    id = serializers.CharField(max_length=200)
    platform = serializers.ChoiceField(SocialPlatform.values)
    handle = serializers.CharField(max_length=100, validators=[no_markup])
    text = serializers.CharField(max_length=10000)
    link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    time = AwareDateTimeField()
    reply_to = serializers.CharField(max_length=200, required=False, allow_blank=True)


class SocialWebhook(WebhookView):
    webhook = "social"

    @extend_schema(
        summary=gettext_lazy("Receive a social media post or message"),
        description=gettext_lazy(
            "A new social media case (respond within 1 working day), or, with `reply_to` "
            "naming an earlier post of an open case, an entry on that case. The same id twice "
            "makes one case. Authenticate with `Authorization: Bearer <secret>`."
        ),
        request=SocialInput,
        responses=_RESPONSES,
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = self._validated(SocialInput, request.data)
        post = InboundPost(
            provider_id=data["id"],
            platform=data["platform"],
            handle=data["handle"],
            text=data["text"],
            link=data.get("link", ""),
            received_at=data["time"],
            reply_to=data.get("reply_to", ""),
            raw=_raw_body(request),
        )
        return _answer(post_ingest(post=post, now=timezone.now()))


class PhoneInput(serializers.Serializer):
    id = serializers.CharField(max_length=200, validators=[no_markup])
    event = serializers.ChoiceField(PhoneEventKind.ALL)
    caller_number = PhoneNumberField(required=False, allow_blank=True)
    time = AwareDateTimeField()
    recording_url = serializers.URLField(max_length=500, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["event"] == PhoneEventKind.VOICEMAIL:
            errors = {}
            if not attrs.get("caller_number"):
                errors["caller_number"] = [_("Give the caller's number so that we can call back.")]
            if not attrs.get("recording_url"):
                errors["recording_url"] = [_("Give the link to the voicemail's recording.")]
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


class PhoneWebhook(WebhookView):
    webhook = "phone"

    @extend_schema(
        summary=gettext_lazy("Receive a telephony event"),
        description=gettext_lazy(
            "answered: a phone case; voicemail (with the caller's number and the recording's "
            "link): a phone case acknowledged by the end of the following working day; missed: "
            "an entry on the caller's open phone case, or a phone case to call back. The same "
            "call id twice changes nothing. Authenticate with `Authorization: Bearer <secret>`."
        ),
        request=PhoneInput,
        responses=_RESPONSES,
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = self._validated(PhoneInput, request.data)
        event = PhoneEvent(
            call_id=data["id"],
            event=data["event"],
            caller_number=data.get("caller_number", ""),
            received_at=data["time"],
            recording_url=data.get("recording_url", ""),
            raw=_raw_body(request),
        )
        return _answer(phone_event_ingest(event=event))
