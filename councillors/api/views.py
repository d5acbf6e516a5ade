"""The member enquiries API: councillors and clerks raise enquiries and follow them, seeing
what their enquiry page shows and nothing more (no staff notes, no other member's work)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from accounts.models import SUBMITTER_ROLES
from audit import reads
from audit.models import ReadPath
from contacts.models import Case
from contacts.visibility import case_redactions

from .. import selectors, services
from . import serializers as io


@extend_schema_view(
    list=extend_schema(responses=io.EnquiryOutput(many=True)),
    retrieve=extend_schema(responses=io.EnquiryOutput),
)
class MemberEnquiryViewSet(viewsets.GenericViewSet):
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]{1,20}"
    serializer_class = io.EnquiryOutput
    queryset = Case.objects.none()  # for the schema; reads go through the selectors

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if signed_in(request).role not in SUBMITTER_ROLES:
            raise PermissionDenied(_("Only councillors and clerks have member enquiries."))

    def _output(self, cases, *, many: bool = False) -> dict:
        user = signed_in(self.request)
        return io.EnquiryOutput(
            cases,
            many=many,
            # Another member's enquiry (a ward's, one copied in): its outline only.
            context={"in_full": lambda case: not case_redactions(user, case)},
        ).data

    def _visible(self) -> QuerySet[Case]:
        return (
            selectors.enquiries_followed(signed_in(self.request))
            .select_related(
                "service",
                "owner",
                "customer",
                "member_enquiry__ward",
                "member_enquiry__community_council",
            )
            .prefetch_related("milestones", "member_updates")
            .order_by("-received_at", "-id")
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self._visible())
        reads.record(request, ReadPath.API, cases=page or [])
        return self.get_paginated_response(self._output(page, many=True))

    def retrieve(self, request: Request, reference: str) -> Response:
        case = self._visible().filter(reference=reference).first()
        if case is None:
            raise NotFound
        reads.record(request, ReadPath.API, cases=[case])
        return Response(self._output(case))

    @extend_schema(request=io.EnquiryCreateInput, responses={201: io.EnquiryOutput})
    def create(self, request: Request) -> Response:
        """Raise an enquiry: it becomes a case routed to the service, answered within the
        councillor enquiry standard's target."""
        serializer = io.EnquiryCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # A service's refusal (a ServiceError) is answered 400 by common.api.exception_handler.
        case = services.enquiry_submit(
            member=signed_in(request),
            service=data["service"],
            summary=data["summary"],
            description=data["description"],
            on_behalf_of=data["on_behalf_of"],
            ward=data.get("ward"),
            community_council=data.get("community_council"),
            resident=serializer.resident_of(data),
        )
        return Response(
            self._output(self._visible().get(pk=case.pk)), status=status.HTTP_201_CREATED
        )
