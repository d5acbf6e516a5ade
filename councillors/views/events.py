"""Officers keep the Members' Events Calendar: add an entry, change it, delay it (with the
reason and new dates), record it completed, or cancel it; each told to the ward's councillors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import role_required
from common.errors import add_service_error
from common.form_fields import DATETIME_INPUT

from .. import selectors, services
from ..forms import AnswerForm, WardEventCancelForm, WardEventDelayForm, WardEventForm
from ..models import WardEvent
from ..services import EDITABLE, EVENT_FIELDS, may_answer
from . import signed_in
from .officer import OFFICER_ROLES


def _event(pk: int) -> WardEvent:
    event = selectors.ward_event_get(pk=pk)
    if event is None:
        raise Http404
    return event


@role_required(OFFICER_ROLES)
@require_safe
def events_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "councillors/events.html",
        {
            "events": list(
                selectors.with_comments_waiting(selectors.ward_events_upcoming(now=timezone.now()))
            )
        },
    )


def _initial(event: WardEvent) -> dict:
    initial = {field: getattr(event, field) for field in EVENT_FIELDS}
    # As the browser's date-and-time field reads it, in UK time.
    initial["starts_at"] = timezone.localtime(event.starts_at).strftime(DATETIME_INPUT)
    initial["ends_at"] = timezone.localtime(event.ends_at).strftime(DATETIME_INPUT)
    initial["wards"] = [ward.pk for ward in event.wards.all()]
    return initial


@role_required(OFFICER_ROLES)
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    form = WardEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.ward_event_create(
                actor=signed_in(request), **{f: data[f] for f in EVENT_FIELDS}, wards=data["wards"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The entry is in the calendar."))
            return redirect("councillors:event", event.pk)
    return render(request, "councillors/event_form.html", {"form": form, "event": None})


def _detail(
    request: HttpRequest,
    event: WardEvent,
    *,
    answer_form: AnswerForm | None = None,
    answering: int | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "councillors/event.html",
        {
            "event": event,
            "editable": event.status in EDITABLE,
            "history": selectors.ward_event_history(event=event),
            # Staff read the councillors' comments; the officer who owns the entry answers.
            "may_answer": may_answer(signed_in(request), event),
            "answer_form": answer_form,
            "answering": answering,
            # The page's title says "Error:" when an answer was refused (base.html reads form).
            "form": answer_form,
        },
        status=status,
    )


@role_required(OFFICER_ROLES)
@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _event(pk))


@role_required(OFFICER_ROLES)
@require_POST
def event_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a councillor's comment: the entry's owner only (anyone else 403); a refusal is
    shown on the entry's page with the answer as typed, and nothing is recorded."""
    event = _event(pk)
    if not may_answer(signed_in(request), event):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    valid = form.is_valid()
    comment = None
    if "comment" in form.cleaned_data:
        comment = selectors.ward_event_comment_get(event=event, pk=form.cleaned_data["comment"])
        if comment is None:
            form.add_error("comment", _("Choose the comment you are answering."))
    if comment is not None and valid:
        try:
            services.ward_event_answer(
                comment=comment, officer=signed_in(request), text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer is on the entry and the councillor told."))
            return redirect("councillors:event", event.pk)
    answering = comment.pk if comment is not None else None
    return _detail(request, event, answer_form=form, answering=answering, status=400)


@role_required(OFFICER_ROLES)
@require_http_methods(["GET", "POST"])
def event_change(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    if event.status not in EDITABLE:
        messages.info(request, _("That cannot be done to this entry as it stands now."))
        return redirect("councillors:event", event.pk)
    if request.method == "POST":
        form = WardEventForm(request.POST)
    else:
        form = WardEventForm(initial=_initial(event))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: data[f] for f in EVENT_FIELDS if data[f] != getattr(event, f)}
        wards = list(data["wards"])
        same_wards = {w.pk for w in wards} == {w.pk for w in event.wards.all()}
        try:
            services.ward_event_change(
                event=event,
                actor=signed_in(request),
                wards=None if same_wards else wards,
                **changes,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The entry is changed and councillors told."))
            return redirect("councillors:event", event.pk)
    return render(request, "councillors/event_form.html", {"form": form, "event": event})


def _event_action(name: str, form_class, perform, done):
    @role_required(OFFICER_ROLES)
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        event = _event(pk)
        if event.status not in EDITABLE:
            messages.info(request, _("That cannot be done to this entry as it stands now."))
            return redirect("councillors:event", event.pk)
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                perform(event, signed_in(request), form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, str(done))
                return redirect("councillors:event", event.pk)
        return render(
            request,
            f"councillors/event_{name}.html",
            {"event": event, "form": form},
        )

    view.__name__ = f"event_{name}"
    return view


event_delay = _event_action(
    "delay",
    WardEventDelayForm,
    lambda event, user, data: services.ward_event_delay(
        event=event,
        actor=user,
        reason=data["reason"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
    ),
    gettext_lazy("The delay is recorded and councillors told."),
)
event_cancel = _event_action(
    "cancel",
    WardEventCancelForm,
    lambda event, user, data: services.ward_event_cancel(
        event=event, actor=user, reason=data["reason"]
    ),
    gettext_lazy("The entry is cancelled and councillors told."),
)


@role_required(OFFICER_ROLES)
@require_http_methods(["POST"])
def event_complete(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    try:
        services.ward_event_complete(event=event, actor=signed_in(request))
    except ValidationError:
        messages.info(request, _("That cannot be done to this entry as it stands now."))
    else:
        messages.success(request, _("The entry is completed and councillors told."))
    return redirect("councillors:event", event.pk)
