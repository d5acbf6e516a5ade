"""The public case status look-up: a reference and the e-mail address or telephone number it
was given with show where the case stands. Failed guesses are throttled per reference and
client address together, and per client address (``throttle``), checked before the look-up so
that a throttled guess learns nothing."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from common.client_address import client_address
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
    address = client_address(request)
    limits = (
        (throttle.LOOKUP_FAILURES_PER_REFERENCE_AND_CLIENT, throttle.pair(reference, address)),
        (throttle.LOOKUP_FAILURES_PER_CLIENT, address),
    )
    # Checked before the look-up, so a throttled guess learns nothing, even when it is right.
    if any(throttle.exceeded(limit, value) for limit, value in limits):
        return render(request, "public/too_many.html", {"what": "track"}, status=429)
    case = selectors.case_for_resident(reference=reference, proof=form.cleaned_data["proof"])
    if case is None:
        for limit, value in limits:
            throttle.hit(limit, value)
        # One answer for a wrong reference, a wrong proof and a case given without an e-mail
        # address or number, so that the page tells nobody which references exist.
        form.add_error(
            None,
            _(
                "We could not find a case with that reference and email address or phone "
                "number. Check them against our acknowledgement and try again."
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
    return render(
        request,
        "public/track_status.html",
        {
            "status": status,
            "received": format_date(status.received_at, language),
            "reply_due": format_date(status.reply_due, language) if status.reply_due else "",
            "closed": format_date(status.closed_at, language) if status.closed_at else "",
        },
    )
