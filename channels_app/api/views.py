"""The print-queue API: the letters waiting to be posted, their PDFs, and marking them posted."""

import logging

from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath
from messaging import print_queue
from messaging.models import OutboundMessage

from . import serializers as io

log = logging.getLogger(__name__)

LETTER_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(
        summary=_("Letters waiting to be posted"),
        description=_("Your service's printed letters that nobody has posted yet, oldest first."),
        responses=io.LetterOutput(many=True),
    ),
)
class LetterViewSet(viewsets.GenericViewSet):
    lookup_value_regex = r"[0-9]{1,18}"  # beyond a bigint is no letter, not a database error
    serializer_class = io.LetterOutput
    queryset = OutboundMessage.objects.none()  # for the schema; reads go through print_queue

    def _letter(self, pk: str) -> OutboundMessage:
        letter = print_queue.letter_get(user=signed_in(self.request), message_id=int(pk))
        if letter is None:
            raise Http404
        return letter

    def perform_content_negotiation(self, request: Request, force: bool = False):  # type: ignore[no-untyped-def]
        # A client asking for the PDF (Accept: application/pdf) still hears of errors, in JSON.
        return super().perform_content_negotiation(
            request, force=force or self.action == "document"
        )

    def list(self, request: Request) -> Response:
        letters = print_queue.letters_to_post(user=signed_in(request))
        page = self.paginate_queryset(letters)
        output = io.LetterOutput(page, many=True, context={"request": request})
        return self.get_paginated_response(output.data)

    @extend_schema(
        summary=_("Download the printable letter"),
        parameters=[LETTER_ID],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The letter as a PDF.")
            ),
            404: OpenApiResponse(description=_("No such letter, or it has not been printed yet.")),
        },
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str) -> FileResponse:
        letter = self._letter(pk)
        if not letter.document:
            raise Http404
        try:
            file = letter.document.open("rb")
        except FileNotFoundError as error:
            log.error(
                "The PDF of letter %s is missing: %s",
                letter.pk,
                letter.document.name,
                extra={"case_reference": letter.case.reference if letter.case else None},
            )
            raise Http404 from error
        reads.record(request, ReadPath.LETTER, cases=[letter.case] if letter.case else [])
        return FileResponse(
            file,
            as_attachment=True,
            filename=print_queue.letter_filename(letter),
            content_type="application/pdf",
        )

    @extend_schema(
        summary=_("Mark the letter as posted"),
        description=_(
            "The letter then counts as sent, and acknowledges the case. Marking it again "
            "changes nothing."
        ),
        parameters=[LETTER_ID],
        request=io.PostedInput,
        responses={
            200: io.LetterOutput,
            403: OpenApiResponse(
                description=_("A letter of a case of another service: its staff post it.")
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="mark-posted")
    def mark_posted(self, request: Request, pk: str) -> Response:
        letter = self._letter(pk)
        if not print_queue.letters_postable_by(signed_in(request)).filter(pk=letter.pk).exists():
            raise PermissionDenied(_("Only staff of the case's service can do this."))
        data = io.PostedInput(data=request.data)
        data.is_valid(raise_exception=True)
        print_queue.letter_mark_posted(
            message_id=letter.pk, by=signed_in(request), at=data.validated_data.get("posted_at")
        )
        letter = self._letter(pk)
        return Response(io.LetterOutput(letter, context={"request": request}).data)
