"""The complaints API: read-only, for complaints officers, managers and administrators; every
complaint returned is recorded as viewed."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath

from .. import selectors
from ..access import handles_complaints
from ..models import Complaint
from ..selectors import RegisterFilters
from . import serializers as io


@extend_schema_view(
    list=extend_schema(parameters=[io.ComplaintFilters], responses=io.ComplaintOutput(many=True)),
    retrieve=extend_schema(responses=io.ComplaintOutput),
)
class ComplaintViewSet(viewsets.GenericViewSet):
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]{1,20}"
    serializer_class = io.ComplaintOutput
    queryset = Complaint.objects.none()  # for the schema; reads go through the selectors

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if not handles_complaints(signed_in(request)):
            raise PermissionDenied(_("Only complaints officers and managers can see complaints."))

    def list(self, request: Request) -> Response:
        filters = io.ComplaintFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        complaints = selectors.complaint_register(
            user=signed_in(request),
            filters=RegisterFilters(
                stage=filters.validated_data.get("stage"),
                closed=filters.validated_data["closed"],
            ),
        ).select_related("case__service")
        page = self.paginate_queryset(complaints)
        reads.record(request, ReadPath.API, cases=[c.case for c in page or []])
        return self.get_paginated_response(io.ComplaintOutput(page, many=True).data)

    def retrieve(self, request: Request, reference: str) -> Response:
        complaint = selectors.complaint_get(user=signed_in(request), reference=reference)
        if complaint is None:
            raise Http404
        reads.record(request, ReadPath.API, cases=[complaint.case])
        return Response(io.ComplaintOutput(complaint).data)
