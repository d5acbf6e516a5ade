"""What officers tell a member about their enquiry: an update, a delay notice, the completion.
Each a small form on its own page, reached from the case page."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.access import role_required
from accounts.models import STAFF_ROLES, Role
from common.errors import add_service_error
from contacts.views.case_actions import workable_case

from .. import selectors, services
from ..forms import EnquiryCompleteForm, EnquiryDelayForm, EnquiryUpdateForm

OFFICER_ROLES = (*STAFF_ROLES, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class MemberAction:
    title: Promise
    button: Promise
    done: Promise
    form: type[forms.Form]
    perform: Callable


ACTIONS = {
    "update": MemberAction(
        _("Send an update to the member"),
        _("Send update"),
        _("The update is on its way to the member."),
        EnquiryUpdateForm,
        lambda case, user, data: services.enquiry_update_post(
            case=case,
            actor=user,
            what=data["what"],
            why=data["why"],
            expected_on=data["expected_on"],
        ),
    ),
    "delay": MemberAction(
        _("Give notice of a delay"),
        _("Send delay notice"),
        _("The member has been told of the delay and the new completion date."),
        EnquiryDelayForm,
        lambda case, user, data: services.enquiry_delay(
            case=case, actor=user, reason=data["reason"], new_date=data["new_date"]
        ),
    ),
    "complete": MemberAction(
        _("Report completion"),
        _("Report completion"),
        _("The enquiry is resolved and the member has been told."),
        EnquiryCompleteForm,
        lambda case, user, data: services.enquiry_complete(
            case=case, actor=user, what=data["what"]
        ),
    ),
}


def member_action_view(name: str):
    action = ACTIONS[name]

    @role_required(OFFICER_ROLES)
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        case = workable_case(request, reference)
        enquiry = selectors.enquiry_of_case(case=case)
        if not selectors.is_member_case(case=case):
            messages.info(request, str(_("This case was not raised by a councillor or a clerk.")))
            return redirect("contacts:case", case.reference)
        form = action.form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                action.perform(case, request.user, form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, str(action.done))
                return redirect("contacts:case", case.reference)
        return render(
            request,
            "councillors/enquiry_action.html",
            {"case": case, "enquiry": enquiry, "action": action, "form": form},
        )

    view.__name__ = f"enquiry_{name}"
    return view


enquiry_update = member_action_view("update")
enquiry_delay = member_action_view("delay")
enquiry_complete = member_action_view("complete")
