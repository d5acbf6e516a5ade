"""The Members' Events Calendar as councillors see it: their wards' entries in the browser, a
ward's own page, and the private iCalendar feed their calendar application subscribes to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts.access import role_required
from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, Role
from common.errors import add_service_error

from .. import selectors, services
from ..domain.feed import FeedEntry, ical_feed
from ..forms import CommentForm
from ..models import WardEventStatus
from . import signed_in

COUNCILLOR = (Role.COUNCILLOR,)
#: Everyone signed in who may read a ward's page (clerks only their council's wards).
WARD_READERS = (*STAFF_ROLES, *SUBMITTER_ROLES, Role.ADMINISTRATOR)


@role_required(COUNCILLOR)
@require_safe
def my_calendar(request: HttpRequest) -> HttpResponse:
    profile = services.member_profile_ensure(user=signed_in(request))
    now = timezone.now()
    feed_path = reverse("councillors:calendar-feed", args=[profile.calendar_token])
    return render(
        request,
        "councillors/calendar.html",
        {
            "events": [
                event
                for event in selectors.ward_events_for_councillor(user=signed_in(request), now=now)
                if event.ends_at >= now
            ],
            "wards": selectors.member_wards(user=signed_in(request)),
            "feed_url": request.build_absolute_uri(feed_path),
        },
    )


@role_required(COUNCILLOR)
@require_http_methods(["GET", "POST"])
def my_event(request: HttpRequest, pk: int) -> HttpResponse:
    """An entry of the councillor's wards, its history (the comments of its wards' councillors
    and the officer's answers) and a comment to add. Another ward's entry is not found."""
    event = selectors.ward_event_for_councillor(user=signed_in(request), pk=pk)
    if event is None:
        raise Http404
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ward_event_comment(
                event=event, councillor=signed_in(request), text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your comment is on the entry and its officer told."))
            return redirect("councillors:my-event", event.pk)
    return render(
        request,
        "councillors/my_event.html",
        {"event": event, "history": selectors.ward_event_history(event=event), "form": form},
        status=400 if form.errors else 200,
    )


@role_required(COUNCILLOR)
@require_POST
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    services.member_calendar_token_regenerate(user=signed_in(request))
    messages.success(
        request,
        _("Your calendar has a new address. Subscribe to it again: the old one no longer works."),
    )
    return redirect("councillors:my-calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The councillor's feed, for calendar applications that cannot sign in: the secret in
    the address is the only key, so an unknown one is simply not found."""
    user = selectors.member_by_calendar_token(token=token)
    if user is None:
        raise Http404
    now = timezone.now()
    entries = [
        FeedEntry(
            uid=f"{event.uid}@cyswllt",
            sequence=event.sequence,
            summary=f"{event.get_kind_display()}: {event.title}",
            description="\n\n".join(
                part
                for part in (
                    event.description,
                    _("Effect on residents: %(effect)s") % {"effect": event.effect},
                    _("Who is responsible: %(who)s") % {"who": event.responsible},
                    _("Delayed: %(reason)s") % {"reason": event.delay_reason}
                    if event.status == WardEventStatus.DELAYED
                    else "",
                )
                if part
            ),
            location=event.location,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            cancelled=event.status == WardEventStatus.CANCELLED,
            modified_at=event.modified_at,
        )
        for event in selectors.ward_events_for_councillor(user=user, now=now)
    ]
    body = ical_feed(entries, name=_("Members' Events Calendar"), now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    # A secret address must not end up in shared caches.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@role_required(WARD_READERS)
@require_safe
def ward_page(request: HttpRequest, code: str) -> HttpResponse:
    ward = selectors.ward_get(code=code)
    if ward is None or not selectors.ward_visible_to(user=signed_in(request), ward=ward):
        raise Http404
    return render(
        request,
        "councillors/ward.html",
        {
            "ward": ward,
            "councillors": [c for c in ward.councillors.all() if c.is_active],
            "events": list(selectors.ward_events_upcoming(now=timezone.now(), ward=ward)),
        },
    )
