"""The reception desk: today's appointments and the drop-in queue, checking in and seeing
visitors, and registering a drop-in visitor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES
from common.errors import add_service_error
from common.htmx import HtmxHttpRequest

from .. import reception, selectors
from ..forms.reception import DropInForm
from ..models import Case
from ..policies import can_work


def _page(
    request: HttpRequest,
    *,
    form: DropInForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    day = reception.reception_day(user=signed_in(request), now=now)
    return render(
        request,
        "contacts/reception/reception.html",
        {
            "today": timezone.localdate(now),
            "day": day,
            "form": form or DropInForm(),
            "action_errors": errors or [],
            "estimate_text": wait_text(day.next_estimate_minutes),
        },
        status=status,
    )


def wait_text(minutes: int) -> str:
    if minutes == 0:
        return _("They should be seen straight away")
    return ngettext("About %(count)s minute", "About %(count)s minutes", minutes) % {
        "count": minutes
    }


def registered_text(name: str, registered: reception.Registered) -> str:
    values = {
        "name": name,
        "reference": registered.case.reference,
        "count": registered.estimate_minutes,
    }
    if registered.estimate_minutes == 0:
        return (
            _(
                "%(name)s is registered as %(reference)s. "
                "Tell them they should be seen straight away."
            )
            % values
        )
    return (
        ngettext(
            "%(name)s is registered as %(reference)s. "
            "Tell them they may wait about %(count)s minute.",
            "%(name)s is registered as %(reference)s. "
            "Tell them they may wait about %(count)s minutes.",
            registered.estimate_minutes,
        )
        % values
    )


@never_cache
@require_GET
@role_required(STAFF_ROLES)
def reception_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@require_GET
@role_required(STAFF_ROLES)
def reception_times(request: HtmxHttpRequest) -> HttpResponse:
    """The waiting times and estimates, as out-of-band swaps into the open page every 30
    seconds. The rows and their buttons stay put, so nobody's focus jumps while they work."""
    if not request.htmx:
        return redirect("contacts:reception")
    day = reception.reception_day(user=signed_in(request), now=timezone.now())
    return render(request, "contacts/reception/times.html", {"day": day})


@require_POST
@role_required(STAFF_ROLES)
def reception_register(request: HttpRequest) -> HttpResponse:
    form = DropInForm(request.POST)
    user = signed_in(request)
    # Every team is of a service: someone in no team has none to register the visitor with.
    if user.team is None:
        raise PermissionDenied
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        registered = reception.reception_register(
            service=user.team.service,
            actor=user,
            name=form.cleaned_data["name"],
            reason=form.cleaned_data["reason"],
            welsh=form.wants_welsh(),
        )
    except ValidationError as error:
        add_service_error(form, error)
        return _page(request, form=form, status=400)
    messages.success(request, registered_text(form.cleaned_data["name"], registered))
    return redirect("contacts:reception")


def _case(request: HttpRequest, reference: str) -> Case:
    # Another service's case is "not found", as on the case page.
    case = (
        selectors.case_visible_to(signed_in(request))
        .select_related("customer")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404
    if not can_work(signed_in(request), case):
        raise PermissionDenied
    return case


def _visitor(case: Case) -> str:
    return case.customer.name if case.customer else case.reference


def _act(request: HttpRequest, reference: str, action, done: str) -> HttpResponse:
    case = _case(request, reference)
    try:
        action(case=case, actor=request.user)
    except ValidationError as error:
        return _page(request, errors=error.messages, status=400)
    messages.success(request, done % {"name": _visitor(case)})
    return redirect("contacts:reception")


@require_POST
@role_required(STAFF_ROLES)
def reception_check_in(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(request, reference, reception.reception_check_in, _("%(name)s is checked in."))


@require_POST
@role_required(STAFF_ROLES)
def reception_seen(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(request, reference, reception.reception_see, _("%(name)s has been seen."))
