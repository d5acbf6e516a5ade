"""Triage by a complaints officer: a failed or repeated service request becomes a complaint;
a matter with its own route is signposted there."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import signed_in
from common.errors import add_service_error
from contacts.domain import lifecycle
from contacts.policies import can_work
from contacts.presenters import message_way
from contacts.selectors import case_get

from .. import services
from ..forms import ConvertForm, SignpostForm
from .common import complaints_staff_only


def _case(request: HttpRequest, reference: str):
    user = signed_in(request)
    case = case_get(user=user, reference=reference)
    if case is None:
        raise Http404
    # Staff read every service's cases (docs/adr/0018); triage acts on it, so it is the
    # service's own complaints officers' and managers'.
    if not can_work(user, case):
        raise PermissionDenied
    return case


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def convert(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = ConvertForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_case = services.complaint_from_service_request(
                case=case, reason=form.cleaned_data["reason"], actor=signed_in(request)
            )
        except ValidationError as error:
            add_service_error(form, error, {"case": "__all__"})
        else:
            messages.success(
                request,
                _("Complaint %(reference)s opened: record its details.")
                % {"reference": complaint_case.reference},
            )
            return redirect("complaints:record", complaint_case.reference)
    return render(request, "complaints/convert.html", {"case": case, "form": form})


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def signpost(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    if case.status not in lifecycle.OPEN:
        messages.info(request, _("Only an open case can be signposted."))
        return redirect("contacts:case", reference)
    form = SignpostForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_signpost(case=case, actor=signed_in(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {"case": "__all__", "customer": "message"})
        else:
            messages.success(request, _("Signposted and resolved."))
            return redirect("contacts:case", reference)
    return render(
        request,
        "complaints/signpost.html",
        {"case": case, "form": form, "way": message_way(case)},
    )
