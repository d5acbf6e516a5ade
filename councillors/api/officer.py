"""The officers' side of the member enquiries API: the case's service posts an update, a
delay notice or the completion, through the same services as the forms on the case page.

Members are refused outright (403); staff who cannot see the case find nothing (404), as on
the cases API; a case no councillor or clerk raised is not a member enquiry (404).
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import signed_in
from contacts import policies
from contacts import selectors as case_selectors
from contacts.models import Case

from .. import selectors, services
from ..models import EnquiryUpdate
from ..views.officer import OFFICER_ROLES
from . import serializers as io

#: What the schema says each action answers besides the update.
REFUSALS = {
    400: OpenApiResponse(
        description=gettext_lazy("Refused: each field with its reasons; nothing was changed.")
    ),
    403: OpenApiResponse(description=gettext_lazy("Only staff of the case's service can do this.")),
    404: OpenApiResponse(
        description=gettext_lazy("No member enquiry with this reference that you can see.")
    ),
}


def _not_staff() -> PermissionDenied:
    return PermissionDenied(_("Only staff of the case's service can do this."))


class MemberEnquiryOfficerViewSet(viewsets.GenericViewSet):
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]{1,20}"
    serializer_class = io.MemberUpdatePostedOutput
    queryset = Case.objects.none()  # for the schema; reads go through the selectors

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if signed_in(request).role not in OFFICER_ROLES:
            raise _not_staff()

    def _member_case(self, reference: str) -> Case:
        case = case_selectors.case_get(user=signed_in(self.request), reference=reference)
        if case is None:
            raise NotFound
        if not policies.can_work(signed_in(self.request), case):
            raise _not_staff()
        if not selectors.is_member_case(case=case):
            raise NotFound(_("This case was not raised by a councillor or a clerk."))
        return case

    def _post(self, reference: str, form: type, perform) -> Response:
        case = self._member_case(reference)
        serializer = form(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        # A service's refusal (a ServiceError) is answered 400 by common.api.exception_handler.
        update = perform(case, serializer.validated_data)
        return Response(_posted(update), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=io.MemberUpdateInput, responses={201: io.MemberUpdatePostedOutput, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path="update")
    def post_update(self, request: Request, reference: str) -> Response:
        """Tell the member what is happening, who is dealing with it, when and why."""
        return self._post(
            reference,
            io.MemberUpdateInput,
            lambda case, data: services.enquiry_update_post(
                case=case,
                actor=signed_in(request),
                what=data["what"],
                why=data["why"],
                expected_on=data["expected_on"],
            ),
        )

    @extend_schema(
        request=io.MemberDelayInput, responses={201: io.MemberUpdatePostedOutput, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path="delay")
    def delay(self, request: Request, reference: str) -> Response:
        """Give notice of a delay: the reason and the new completion date are told to the
        member, and the response deadline moves to the end of business on that date."""
        return self._post(
            reference,
            io.MemberDelayInput,
            lambda case, data: services.enquiry_delay(
                case=case,
                actor=signed_in(request),
                reason=data["reason"],
                new_date=data["new_date"],
                what=data["what"],
            ),
        )

    @extend_schema(
        request=io.MemberCompletionInput, responses={201: io.MemberUpdatePostedOutput, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path="complete")
    def complete(self, request: Request, reference: str) -> Response:
        """Report completion: the case is resolved and the member told what was done."""
        return self._post(
            reference,
            io.MemberCompletionInput,
            lambda case, data: services.enquiry_complete(
                case=case, actor=signed_in(request), what=data["what"]
            ),
        )


def _posted(update: EnquiryUpdate) -> dict[str, Any]:
    case = Case.objects.get(pk=update.case_id)
    response = case.milestones.filter(kind=services.RESPONSE_MILESTONE).first()
    return io.MemberUpdatePostedOutput(
        {
            "reference": case.reference,
            "status": case.status,
            "response_due_at": response.due_at if response else None,
            "update": update,
        }
    ).data
