"""The cases API: thin views over the case services and selectors."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from accounts.models import SUBMITTER_ROLES
from audit import reads
from audit.models import ReadPath

from .. import policies, selectors, services
from ..models import Case, Customer, MilestoneState
from ..selectors import CaseFilters
from . import serializers as io


def _validated(serializer_class: type, data: Any, **context: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema_view(
    list=extend_schema(parameters=[io.CaseListFilters], responses=io.CaseOutput(many=True)),
    retrieve=extend_schema(responses=io.CaseOutput),
)
class CaseViewSet(viewsets.GenericViewSet):
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]{1,20}"
    serializer_class = io.CaseOutput
    queryset = Case.objects.none()  # for the schema; reads go through the selectors

    def _case(self, reference: str) -> Case:
        case = selectors.case_get(user=signed_in(self.request), reference=reference)
        if case is None:
            raise Http404
        return case

    def _workable(self, reference: str) -> Case:
        """The case, if the user may act on it. Every action asks this before it reads its
        input: someone who may not act is refused, never told what their input lacks."""
        case = self._case(reference)
        if not policies.can_work(signed_in(self.request), case):
            raise PermissionDenied(_("Only staff of the case's service can do this."))
        return case

    @staticmethod
    def _not_a_complaint(case: Case) -> Case:
        refusal = policies.complaint_refusal(case)
        if refusal:
            raise ValidationError({"non_field_errors": [refusal]})
        return case

    def _output(self, cases: Any, *, many: bool = False) -> Any:
        """The case(s) as the user may read them: what the policy withholds is null."""
        return io.CaseOutput(cases, many=many, context={"user": self.request.user}).data

    def _answer(self, reference: str, code: int = status.HTTP_200_OK) -> Response:
        return Response(self._output(self._case(reference)), status=code)

    def list(self, request: Request) -> Response:
        filters = _validated(io.CaseListFilters, request.query_params)
        cases = selectors.case_list(user=signed_in(request), filters=CaseFilters(**filters))
        page = self.paginate_queryset(cases)
        # A page of the API is the cases in full, as a client may keep them: every one is
        # recorded (one INSERT), as an export is.
        reads.record(request, ReadPath.API, cases=page or [])
        return self.get_paginated_response(self._output(page, many=True))

    def retrieve(self, request: Request, reference: str) -> Response:
        case = self._case(reference)
        reads.record(request, ReadPath.API, cases=[case])
        return Response(self._output(case))

    @extend_schema(
        request=io.CaseCreateInput,
        responses={201: io.CaseOutput, 200: io.CaseOutput},
        examples=io.create_examples(),
    )
    def create(self, request: Request) -> Response:
        """Log a contact. The same inbound message id twice answers 200 with the first case."""
        user = signed_in(request)
        data = _validated(io.CaseCreateInput, request.data, user=user)
        request_type = data.get("request_type")
        service = (
            data.get("service")
            or (request_type.service if request_type else None)
            or (user.team.service if user.team is not None else None)
        )
        if service is None:
            raise ValidationError({"service": [_("Choose the service the case is for.")]})
        refusal = policies.create_refusal(user, service=service, kind=data["kind"])
        if refusal:
            raise PermissionDenied(refusal)
        # A councillor's or clerk's ``customer_id`` never validates: they open no customer.
        decided_by_the_council = {"standard", "owner", "team", "request_type"}
        if user.role in SUBMITTER_ROLES and decided_by_the_council & data.keys():
            raise PermissionDenied(
                _("The council decides the standard, team and officer for an enquiry.")
            )
        customer = data.get("customer_id")
        if customer is None and "customer" in data:
            customer = Customer(**data["customer"])
        result = services.case_create(
            channel=data["channel"],
            details=data["details"],
            kind=data["kind"],
            service=service,
            summary=data["summary"],
            received_at=data["received_at"],
            description=data.get("description", ""),
            customer=customer,
            language=data.get("language"),
            team=data.get("team"),
            owner=data.get("owner"),
            submitted_by=user if user.role in SUBMITTER_ROLES else None,
            standard=data.get("standard"),
            request_type=request_type,
            actor=user,
        )
        if not result.created:
            return self._answer(result.case.reference)
        # The new case, its relations and milestones are all in memory: answer without a query.
        case = selectors.case_with_milestones(result.case, result.milestones)
        return Response(self._output(case), status=status.HTTP_201_CREATED)

    @extend_schema(request=io.TransferInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, reference: str) -> Response:
        """Hand the case to an officer or a team of any service, with a note for them; with
        ``misrouted``, it goes back because it came to the wrong service. Its deadlines do
        not change. Once transferred, the case may be out of the caller's sight (a complaint
        handed to another service's complaints officer): the answer is then 204."""
        case = self._workable(reference)
        data = _validated(io.TransferInput, request.data)
        user = signed_in(request)
        services.case_transfer(
            case=case,
            actor=user,
            note=data["note"],
            to_user=data.get("to_user"),
            to_team=data.get("to_team"),
            misrouted=data.get("misrouted"),
        )
        moved = selectors.case_get(user=user, reference=reference)
        if moved is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self._output(moved))

    @extend_schema(request=io.AtInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, reference: str) -> Response:
        case = self._workable(reference)
        data = _validated(io.AtInput, request.data)
        services.case_acknowledge(case=case, actor=signed_in(request), at=data.get("at"))
        return self._answer(reference)

    @extend_schema(request=io.VoicemailInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"], url_path="acknowledge-voicemail")
    def acknowledge_voicemail(self, request: Request, reference: str) -> Response:
        """A voicemail acknowledged, with when the caller will be called back (SPEC §10): the
        callback deadline is set and the caller told."""
        case = self._workable(reference)
        data = _validated(io.VoicemailInput, request.data)
        services.voicemail_acknowledge(
            case=case,
            actor=signed_in(request),
            callback_at=data.get("callback_at"),
        )
        return self._answer(reference)

    @extend_schema(request=io.AtInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, reference: str) -> Response:
        case = self._workable(reference)
        data = _validated(io.AtInput, request.data)
        services.case_respond(case=case, actor=signed_in(request), at=data.get("at"))
        return self._answer(reference)

    @extend_schema(request=io.ResolveInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, reference: str) -> Response:
        case = self._workable(reference)
        data = _validated(io.ResolveInput, request.data)
        services.case_resolve(
            case=self._not_a_complaint(case),
            actor=signed_in(request),
            note=data.get("note", ""),
            message=data.get("message", ""),
            at=data.get("at"),
        )
        return self._answer(reference)

    @extend_schema(request=None, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, reference: str) -> Response:
        services.case_close(case=self._workable(reference), actor=signed_in(request))
        return self._answer(reference)

    @extend_schema(request=io.ReopenInput, responses=io.CaseOutput)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, reference: str) -> Response:
        case = self._workable(reference)
        data = _validated(io.ReopenInput, request.data)
        services.case_reopen(case=case, actor=signed_in(request), reason=data["reason"])
        return self._answer(reference)

    @extend_schema(
        request=io.ExtendInput,
        responses=io.CaseOutput,
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, description="The milestone's kind, e.g. respond"
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"milestones/(?P<kind>[a-z_]{1,24})/extend")
    def extend(self, request: Request, reference: str, kind: str) -> Response:
        case = self._workable(reference)
        data = _validated(io.ExtendInput, request.data)
        services.milestone_extend(
            case=self._not_a_complaint(case),
            kind=kind,
            new_due_at=data["due_at"],
            reason=data["reason"],
            actor=signed_in(request),
            notify_customer=data["notify_customer"],
            out_of_hours_confirmed=data["out_of_hours_confirmed"],
        )
        return self._answer(reference)

    @extend_schema(
        request=io.AtInput,
        responses=io.CaseOutput,
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                OpenApiParameter.PATH,
                description="The milestone's kind, e.g. callback",
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"milestones/(?P<kind>[a-z_]{1,24})/meet")
    def meet(self, request: Request, reference: str, kind: str) -> Response:
        """The promised thing happened: callback made, visitor seen, officer arrived..."""
        case = self._workable(reference)
        data = _validated(io.AtInput, request.data)
        services.milestone_meet(case=case, kind=kind, actor=signed_in(request), at=data.get("at"))
        return self._answer(reference)


__all__ = ["CaseViewSet", "MilestoneState"]
