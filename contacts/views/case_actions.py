"""The case page's actions: each a small form that calls one service.

Every action is its own address: a GET shows the form on a page of its own (the case page
carries the short ones inline), a POST does it and returns to the case page. A case the user
may not see is not found; one they may see but not work (a councillor's own enquiry) is
forbidden; an action the case's state no longer allows (another officer resolved it a moment
ago) changes nothing and says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.access import signed_in
from accounts.models import User
from common.errors import add_service_error

from .. import policies, presenters, selectors, services
from ..event_payloads import TEAM, Party
from ..forms import case_actions as action_forms
from ..models import Case, CaseEvent
from ..services import appointments


@dataclass(frozen=True)
class Action:
    name: str
    title: Promise
    button: Promise
    done: Promise  # the success banner
    template: str
    form: Callable[[HttpRequest, Case, Any], forms.Form]
    perform: Callable[[HttpRequest, Case, forms.Form], object]
    #: The service's error keys that belong to a field of the form under another name.
    fields: dict[str, str]
    #: Said after ``done`` when what the service returned calls for it.
    then: Callable[[Any], str | None] = lambda result: None


def _plain(form_class: type[forms.Form]) -> Callable[[HttpRequest, Case, Any], forms.Form]:
    return lambda request, case, data: form_class(data)


#: What the transfer form reads of each officer it offers (the name, the service it groups by).
RECEIVER_FIELDS = (
    "first_name",
    "last_name",
    "username",
    "team__service__name",
    "team__service__name_cy",
    "team__service__name_en",
)


def _transfer_form(request: HttpRequest, case: Case, data: Any) -> forms.Form:
    arrival = selectors.arrived_from(case=case)
    return action_forms.TransferForm(
        data,
        case=case,
        # Only what the choices show: every officer of every service is read.
        colleagues=selectors.transfer_colleagues(case=case).only(*RECEIVER_FIELDS),
        teams=selectors.transfer_teams(case=case),
        came_from=_sender_team(arrival),
    )


def _officer(request: HttpRequest) -> User:
    """The signed-in officer (every action page requires signing in)."""
    assert isinstance(request.user, User)
    return request.user


def _not_told(change: appointments.AppointmentChange) -> str | None:
    if change.told:
        return str(_("The customer will be told by their usual method."))
    return str(
        _(
            "No message can reach the customer in time (no e-mail address or mobile number). "
            "Phone them to tell them."
        )
    )


def _sender_team(arrival: CaseEvent | None) -> Party | None:
    """The team a case that came from another service came from: where it goes back."""
    team = arrival.payload.get("from_team") if arrival is not None else None
    return Party(TEAM, team) if isinstance(team, int) else None


ACTIONS = {
    action.name: action
    for action in (
        Action(
            "note",
            _("Add a note"),
            _("Add note"),
            _("Note added."),
            "contacts/case_note.html",
            _plain(action_forms.NoteForm),
            lambda request, case, form: services.case_add_note(
                case=case, actor=_officer(request), text=form.cleaned_data["text"]
            ),
            {},
        ),
        Action(
            "take",
            _("Take ownership"),
            _("Take ownership"),
            _("You now own this case."),
            "contacts/case_take.html",
            _plain(forms.Form),
            lambda request, case, form: services.case_take(case=case, actor=_officer(request)),
            {},
        ),
        Action(
            "transfer",
            _("Transfer the case"),
            _("Transfer case"),
            _("Case transferred."),
            "contacts/case_transfer.html",
            _transfer_form,
            lambda request, case, form: services.case_transfer(
                case=case,
                actor=_officer(request),
                note=form.cleaned_data["note"],
                misrouted=form.cleaned_data["misrouted"],
                # Built by ``_transfer_form``.
                **cast(action_forms.TransferForm, form).receiver(),
            ),
            {},
        ),
        Action(
            "callback",
            _("Arrange a callback"),
            _("Arrange callback"),
            _("Callback arranged."),
            "contacts/case_callback.html",
            _plain(action_forms.CallbackForm),
            lambda request, case, form: services.callback_arrange(
                case=case,
                actor=_officer(request),
                at=form.cleaned_data["at"],
                note=form.cleaned_data["note"],
            ),
            {},
        ),
        Action(
            "voicemail",
            _("Acknowledge the voicemail"),
            _("Acknowledge voicemail"),
            _("Voicemail acknowledged. The caller will be told when you will call back."),
            "contacts/case_voicemail.html",
            _plain(action_forms.VoicemailForm),
            lambda request, case, form: services.voicemail_acknowledge(
                case=case, actor=signed_in(request), callback_at=form.cleaned_data["callback_at"]
            ),
            {},
        ),
        Action(
            "extend",
            _("Extend a deadline"),
            _("Extend deadline"),
            _("Deadline extended."),
            "contacts/case_extend.html",
            lambda request, case, data: action_forms.ExtendForm(data, case=case),
            lambda request, case, form: services.milestone_extend(
                case=case,
                kind=form.cleaned_data["milestone"],
                new_due_at=form.cleaned_data["due_at"],
                reason=form.cleaned_data["reason"],
                actor=_officer(request),
                out_of_hours_confirmed=form.cleaned_data["out_of_hours_confirmed"],
            ),
            {},
        ),
        Action(
            "meet",
            _("Record what happened"),
            _("Record"),
            _("Recorded."),
            "contacts/case_meet.html",
            lambda request, case, data: action_forms.MeetForm(data, case=case),
            lambda request, case, form: services.milestone_meet(
                case=case, kind=form.cleaned_data["milestone"], actor=_officer(request)
            ),
            {},
        ),
        Action(
            "late",
            _("Running late"),
            _("Tell the customer"),
            _("Running late recorded."),
            "contacts/case_late.html",
            _plain(action_forms.LateForm),
            lambda request, case, form: appointments.appointment_running_late(
                case=case,
                actor=_officer(request),
                minutes=form.cleaned_data["minutes"],
                reason=form.cleaned_data["reason"],
            ),
            {},
            _not_told,
        ),
        Action(
            "rebook",
            _("Cancel and offer another time"),
            _("Re-book and tell the customer"),
            _("Appointment re-booked."),
            "contacts/case_rebook.html",
            _plain(action_forms.RebookForm),
            lambda request, case, form: appointments.appointment_rebook(
                case=case,
                actor=_officer(request),
                at=form.cleaned_data["at"],
                reason=form.cleaned_data["reason"],
            ),
            {},
            _not_told,
        ),
        Action(
            "resolve",
            _("Resolve the case"),
            _("Resolve case"),
            _("Case resolved."),
            "contacts/case_resolve.html",
            _plain(action_forms.ResolveForm),
            lambda request, case, form: services.case_resolve(
                case=case,
                actor=_officer(request),
                note=form.cleaned_data["outcome"],
                message=form.cleaned_data["message"],
            ),
            {"method": "message"},
        ),
        Action(
            "reopen",
            _("Reopen the case"),
            _("Reopen case"),
            _("Case reopened."),
            "contacts/case_reopen.html",
            _plain(action_forms.ReopenForm),
            lambda request, case, form: services.case_reopen(
                case=case, actor=_officer(request), reason=form.cleaned_data["reason"]
            ),
            {},
        ),
    )
}


def workable_case(request: HttpRequest, reference: str) -> Case:
    case = selectors.case_get(user=_officer(request), reference=reference)
    if case is None:
        raise Http404
    if not policies.can_work(_officer(request), case):
        raise PermissionDenied
    return case


def action_view(action: Action) -> Callable[..., HttpResponse]:
    """The page of one action; higher apps build theirs with it (``messaging.views``)."""
    name = action.name

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        case = workable_case(request, reference)
        if name not in policies.case_actions(_officer(request), case):
            messages.info(request, _("That cannot be done to this case as it stands now."))
            return redirect("contacts:case", case.reference)
        form = action.form(request, case, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                result = action.perform(request, case, form)
            except ValidationError as error:
                add_service_error(form, error, action.fields)
            else:
                then = action.then(result)
                messages.success(request, f"{action.done} {then}" if then else str(action.done))
                return redirect("contacts:case", case.reference)
        return render(
            request,
            action.template,
            {
                "case": case,
                "action": action,
                "form": form,
                "way": presenters.message_way(case),
            },
        )

    view.__name__ = f"case_{name}"
    return view


note = action_view(ACTIONS["note"])
take = action_view(ACTIONS["take"])
transfer = action_view(ACTIONS["transfer"])
callback = action_view(ACTIONS["callback"])
voicemail = action_view(ACTIONS["voicemail"])
extend = action_view(ACTIONS["extend"])
meet = action_view(ACTIONS["meet"])
late = action_view(ACTIONS["late"])
rebook = action_view(ACTIONS["rebook"])
resolve = action_view(ACTIONS["resolve"])
reopen = action_view(ACTIONS["reopen"])
