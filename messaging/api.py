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


class CaseReplyViewSet(CaseViewSet):
    """Only the reply action of the cases API: the case's reads stay in ``contacts.api``."""

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
