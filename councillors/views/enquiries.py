"""A councillor's or clerk's enquiries: raising one, and following it to its end."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import role_required, signed_in
from accounts.models import SUBMITTER_ROLES
from audit import reads
from audit.models import ReadPath
from common.errors import add_service_error
from contacts.models import OPEN_MILESTONE_STATES, Customer
from contacts.visibility import case_redactions
from standards import milestone_kinds

from .. import selectors, services
from ..forms import EnquiryForm


def _form(request: HttpRequest, data=None) -> EnquiryForm:
    return EnquiryForm(
        data,
        wards=selectors.member_wards(user=signed_in(request)),
        councils=selectors.clerk_councils(user=signed_in(request)),
    )


@role_required(SUBMITTER_ROLES)
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = None
        if data["resident_name"]:
            resident = Customer(
                name=data["resident_name"],
                email=data["resident_email"],
                phone=data["resident_phone"],
                address=data["resident_address"],
            )
        try:
            case = services.enquiry_submit(
                member=signed_in(request),
                service=data["service"],
                summary=data["summary"],
                description=data["description"],
                on_behalf_of=data["on_behalf_of"],
                ward=data["ward"],
                community_council=data.get("community_council"),
                resident=resident,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your enquiry %(reference)s has been sent to the service.")
                % {"reference": case.reference},
            )
            return redirect("councillors:enquiry", case.reference)
    return render(request, "councillors/enquiry_new.html", {"form": form})


@role_required(SUBMITTER_ROLES)
@require_safe
def enquiry_detail(request: HttpRequest, reference: str) -> HttpResponse:
    # Another member's enquiry is "not found": a reference must not tell that it exists.
    case = selectors.enquiry_get(user=signed_in(request), reference=reference)
    if case is None:
        raise Http404
    reads.record(request, ReadPath.ENQUIRY_PAGE, cases=[case])
    milestones = list(case.milestones.all())
    response_due = next(
        (m for m in milestones if m.kind == milestone_kinds.MEMBER_RESPONSE),
        milestones[0] if milestones else None,
    )
    return render(
        request,
        "councillors/enquiry.html",
        {
            "case": case,
            "enquiry": getattr(case, "member_enquiry", None),
            "updates": list(case.member_updates.all()),
            "response_due": response_due,
            "response_open": response_due is not None
            and response_due.state in OPEN_MILESTONE_STATES,
            # Another member's enquiry (a ward's, one copied in): its outline only.
            "in_full": not case_redactions(signed_in(request), case),
        },
    )
