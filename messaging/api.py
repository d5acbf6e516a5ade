"""The reply API: an officer writes to the customer (``POST /api/v1/cases/{reference}/reply/``).

It answers with the case as the cases API does (``contacts.api``), whose access rules it uses.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from contacts.api.views import CaseViewSet, _validated

from .confirmations import case_confirm
from .replies import case_reply


class ReplyInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    responds = serializers.BooleanField(
        default=False, help_text=_("This reply is the full response the standard promised.")
    )
    idempotency_key = serializers.RegexField(
        r"^[A-Za-z0-9_-]{1,64}$",
        required=False,
        help_text=_("Send the same key again and the reply is not sent twice."),
    )


class ConfirmInput(serializers.Serializer):
    full_response_on = serializers.DateField(
        required=False,
        help_text=_(
            "The date of the full response, a working day, when the case has no full-response "
            "deadline of its own (otherwise its deadline is the date, and this is ignored)."
        ),
    )
    idempotency_key = serializers.RegexField(
        r"^[A-Za-z0-9_-]{1,64}$",
        required=False,
        help_text=_("Send the same key again and the message is not sent twice."),
    )


class CaseReplyViewSet(CaseViewSet):
    """Only the messaging actions of the cases API: the case's reads stay in ``contacts.api``."""

    @extend_schema(request=ReplyInput, responses=CaseViewSet.serializer_class)
    def reply(self, request: Request, reference: str) -> Response:
        """Write to the customer: sent through the outbox in their language and way of
        contact, and shown on the timeline once it has gone."""
        case = self._workable(reference)
        data = _validated(ReplyInput, request.data)
        case_reply(
            case=case,
            actor=signed_in(request),
            text=data["text"],
            responds=data["responds"],
            idempotency_key=data.get("idempotency_key", ""),
        )
        return self._answer(reference)

    @extend_schema(request=ConfirmInput, responses=CaseViewSet.serializer_class)
    def confirm(self, request: Request, reference: str) -> Response:
        """Tell the customer who is dealing with their enquiry and when the full response
        will come (SPEC §10): the case's confirmation milestone is met once it has gone."""
        case = self._workable(reference)
        data = _validated(ConfirmInput, request.data)
        case_confirm(
            case=case,
            actor=signed_in(request),
            full_response_on=data.get("full_response_on"),
            idempotency_key=data.get("idempotency_key", ""),
        )
        return self._answer(reference)
