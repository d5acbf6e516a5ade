"""The complaint page (everything recorded about one complaint) and its actions, each a small
form on a page of its own that calls one service."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath
from audit.selectors import case_readers
from common.errors import add_service_error
from contacts.presenters import message_way, milestone_rows
from standards import milestone_kinds
from standards.milestone_kinds import STAGE_LABELS
from standards.selectors import working_calendar

from .. import forms as complaint_forms
from .. import selectors, services
from ..models import Complaint, Stage
from .common import complaints_staff_only


def _complaint(request: HttpRequest, reference: str) -> Complaint:
    complaint = selectors.complaint_get(user=signed_in(request), reference=reference)
    if complaint is None:
        raise Http404
    return complaint


def complaint_actions(complaint: Complaint) -> list[str]:
    """What the complaint's state allows now."""
    if not complaint.is_open:
        return ["ombudsman"]
    actions = ["extend", "close", "action"]
    if complaint.stage == Stage.ONE:
        actions.insert(0, "escalate")
    else:
        open_kinds = {m.kind for m in complaint.case.milestones.all() if m.is_open}
        if milestone_kinds.STAGE2_ACKNOWLEDGE in open_kinds:
            actions.insert(0, "acknowledge")
    return actions


@complaints_staff_only
@require_GET
def complaint_page(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _complaint(request, reference)
    case = complaint.case
    reads.record(request, ReadPath.COMPLAINT_PAGE, cases=[case])
    rows = [
        replace(row, label=str(STAGE_LABELS.get(row.milestone.kind, row.label)))
        for row in milestone_rows(
            milestones=case.milestones.all(), now=timezone.now(), calendar=working_calendar()
        )
    ]
    return render(
        request,
        "complaints/complaint.html",
        {
            "complaint": complaint,
            "case": case,
            "milestones": rows,
            "actions": complaint_actions(complaint),
            "views": case_readers(case_id=case.pk),
        },
    )


@dataclass(frozen=True)
class Action:
    name: str
    title: Promise
    button: Promise
    done: Promise
    form: Callable[[Complaint, Any], forms.Form]
    perform: Callable[[HttpRequest, Complaint, forms.Form], object]
    renamed: dict


def _plain(form_class):
    return lambda complaint, data: form_class(data)


def _with_service(form_class):
    return lambda complaint, data: form_class(data, service_id=complaint.case.service_id)


ACTIONS = {
    action.name: action
    for action in (
        Action(
            "escalate",
            _("Escalate to stage 2"),
            _("Escalate"),
            _("The complaint is at stage 2."),
            _plain(complaint_forms.EscalateForm),
            lambda request, complaint, form: services.complaint_escalate(
                complaint=complaint, reason=form.cleaned_data["reason"], actor=signed_in(request)
            ),
            {},
        ),
        Action(
            "acknowledge",
            _("Record the stage 2 acknowledgement"),
            _("Record acknowledgement"),
            _("Stage 2 acknowledgement recorded."),
            _plain(forms.Form),
            lambda request, complaint, form: services.complaint_acknowledge_stage2(
                complaint=complaint, actor=signed_in(request)
            ),
            {},
        ),
        Action(
            "extend",
            _("Extend the deadline"),
            _("Extend"),
            _("Deadline extended; the complainant will be told."),
            _plain(complaint_forms.ExtendForm),
            lambda request, complaint, form: services.complaint_extend(
                complaint=complaint,
                new_due_on=form.cleaned_data["new_due_on"],
                reason=form.cleaned_data["reason"],
                actor=signed_in(request),
            ),
            {"due_at": "new_due_on", "milestone": "new_due_on"},
        ),
        Action(
            "close",
            _("Close with an outcome"),
            _("Close complaint"),
            _("Complaint closed."),
            _plain(complaint_forms.CloseForm),
            lambda request, complaint, form: services.complaint_close(
                complaint=complaint, actor=signed_in(request), **form.cleaned_data
            ),
            {"message": "final_response", "customer": "final_response", "method": "__all__"},
        ),
        Action(
            "action",
            _("Add a follow-up action"),
            _("Add action"),
            _("Follow-up action added."),
            _with_service(complaint_forms.ActionForm),
            lambda request, complaint, form: services.complaint_action_add(
                complaint=complaint, actor=signed_in(request), **form.cleaned_data
            ),
            {},
        ),
        Action(
            "ombudsman",
            _("Record an Ombudsman referral"),
            _("Save"),
            _("Ombudsman referral recorded."),
            _plain(complaint_forms.OmbudsmanForm),
            lambda request, complaint, form: services.complaint_ombudsman_record(
                complaint=complaint, actor=signed_in(request), **form.cleaned_data
            ),
            {},
        ),
    )
}


def _initial_ombudsman(complaint: Complaint) -> dict:
    """What was recorded before, dates as the browser's date field reads them."""
    referred, decided = complaint.ombudsman_referred_on, complaint.ombudsman_decided_on
    return {
        "referred_on": referred.isoformat() if referred else "",
        "reference": complaint.ombudsman_reference,
        "outcome": complaint.ombudsman_outcome,
        "decided_on": decided.isoformat() if decided else "",
    }


def action_view(name: str) -> Callable[..., HttpResponse]:
    action = ACTIONS[name]

    @complaints_staff_only
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        complaint = _complaint(request, reference)
        if name not in complaint_actions(complaint):
            messages.info(request, _("That cannot be done to this complaint as it stands now."))
            return redirect("complaints:complaint", reference)
        form = action.form(complaint, request.POST if request.method == "POST" else None)
        if name == "ombudsman" and request.method == "GET":
            form.initial = _initial_ombudsman(complaint)
        if request.method == "POST" and form.is_valid():
            try:
                action.perform(request, complaint, form)
            except ValidationError as error:
                add_service_error(form, error, action.renamed)
            else:
                messages.success(request, str(action.done))
                return redirect("complaints:complaint", reference)
        return render(
            request,
            f"complaints/action_{name}.html",
            {
                "complaint": complaint,
                "case": complaint.case,
                "action": action,
                "form": form,
                "way": message_way(complaint.case),
            },
        )

    view.__name__ = f"complaint_{name}"
    return view


escalate = action_view("escalate")
acknowledge = action_view("acknowledge")
extend = action_view("extend")
close = action_view("close")
action = action_view("action")
ombudsman = action_view("ombudsman")


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the complaint details of a complaint case (logged by anyone, on any channel)."""
    case = selectors.complaint_case_get(user=signed_in(request), reference=reference)
    if case is None:
        raise Http404
    if Complaint.objects.filter(case=case).exists():
        return redirect("complaints:complaint", reference)
    reads.record(request, ReadPath.COMPLAINT_PAGE, cases=[case])
    form = complaint_forms.RecordForm(
        request.POST if request.method == "POST" else None, service_id=case.service_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_record(case=case, actor=signed_in(request), **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, str(_("Complaint recorded.")))
            return redirect("complaints:complaint", reference)
    return render(request, "complaints/record.html", {"case": case, "form": form})
