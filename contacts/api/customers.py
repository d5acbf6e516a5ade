"""The customer record over the API: details, preferences, needs and the cases the caller may
see, on the customer page's rules (docs/adr/0019)."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath
from common.pagination import CasePagination

from .. import customer_selectors
from ..customer_access import may_open_customers
from ..models import Case, CaseKind, CaseStatus, Customer
from .serializers import CustomerOutput, _when


class CustomerCaseOutput(serializers.Serializer):
    """What the customer record lists of each case: enough to find it, not its text."""

    reference = serializers.CharField()
    kind = serializers.ChoiceField(CaseKind.values)
    service = serializers.CharField(source="service.code")
    status = serializers.ChoiceField(CaseStatus.values)
    received_at = serializers.DateTimeField()
    next_due_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, case: Case) -> dict[str, Any]:
        return {
            "reference": case.reference,
            "kind": case.kind,
            "service": case.service.code,
            "status": case.status,
            "received_at": _when(case.received_at),
            "next_due_at": _when(case.next_due_at),
        }


class CustomerCasesPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CustomerCaseOutput(many=True)


class CustomerRecordOutput(CustomerOutput):
    address = serializers.CharField()
    other_needs = serializers.CharField()
    cases = CustomerCasesPage(help_text=_("The customer's cases you may see, newest first."))


class CustomerViewSet(viewsets.GenericViewSet):
    lookup_value_regex = r"[0-9]{1,18}"
    serializer_class = CustomerRecordOutput
    queryset = Customer.objects.none()  # for the schema; reads go through the selectors
    pagination_class = CasePagination

    @extend_schema(
        responses=CustomerRecordOutput,
        parameters=[
            OpenApiParameter("page", int, description=_("A page of the customer's cases.")),
            OpenApiParameter("page_size", int, description=_("Cases on a page (at most 200).")),
        ],
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        """One customer record: staff of any service and administrators; councillors and
        clerks may not open customer records."""
        user = signed_in(request)
        if not may_open_customers(user):
            raise PermissionDenied(_("Your role cannot open customer records."))
        customer = customer_selectors.customer_get(user=user, customer_id=int(pk))
        if customer is None:
            raise Http404
        cases = customer_selectors.customer_cases(user=user, customer=customer).prefetch_related(
            None
        )
        page = self.paginate_queryset(cases) or []
        reads.record(request, ReadPath.API, cases=page, customer_ids=[customer.pk])
        paginator = self.paginator
        record = CustomerOutput().to_representation(customer)
        record.update(
            address=customer.address,
            other_needs=customer.other_needs,
            cases={
                "count": paginator.page.paginator.count,  # type: ignore[union-attr]
                "next": paginator.get_next_link(),  # type: ignore[union-attr]
                "previous": paginator.get_previous_link(),  # type: ignore[union-attr]
                "results": [CustomerCaseOutput().to_representation(case) for case in page],
            },
        )
        return Response(record)
