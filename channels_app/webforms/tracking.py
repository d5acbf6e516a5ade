"""The public case status look-up: a reference and the e-mail address or postcode it was
given with show where the case stands. Failed guesses are throttled per address and per
reference, checked before the look-up so that a throttled guess learns nothing."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from messaging.messages import format_date

from . import selectors, throttle
from .forms import TrackForm

TRACKED = "track_reference"


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "public/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "public/track.html", {"form": form}, status=400)
    reference = selectors.reference_normalise(form.cleaned_data["reference"])
    ip = throttle.client_ip(request)
    # Checked before the look-up, so a throttled guess learns nothing, even when it is right.
    if throttle.exceeded(throttle.LOOKUP_FAILURES_PER_IP, ip) or throttle.exceeded(
        throttle.LOOKUP_FAILURES_PER_REFERENCE, reference
    ):
        return render(request, "public/too_many.html", {"what": "track"}, status=429)
    case = selectors.case_for_resident(reference=reference, proof=form.cleaned_data["proof"])
    if case is None:
        throttle.hit(throttle.LOOKUP_FAILURES_PER_IP, ip)
        throttle.hit(throttle.LOOKUP_FAILURES_PER_REFERENCE, reference)
        form.add_error(
            None,
            _(
                "We could not find a case with that reference and email address or postcode. "
                "Check them against our acknowledgement and try again."
            ),
        )
        return render(request, "public/track.html", {"form": form, "not_found": True}, status=400)
    request.session[TRACKED] = case.reference
    return redirect("public:track-status")


@never_cache
@require_safe
def track_status(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(TRACKED)
    status = selectors.case_public_status(reference=reference) if reference else None
    if status is None:
        return redirect("public:track")
    language = get_language()
    updates = [
        {"update": update, "date": format_date(update.at, language)} for update in status.updates
    ]
    return render(
        request,
        "public/track_status.html",
        {
            "status": status,
            "received": format_date(status.received_at, language),
            "next_due": format_date(status.next_due, language) if status.next_due else "",
            "updates": updates,
        },
    )
