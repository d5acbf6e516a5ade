"""The public face of consultations: the list, one consultation, the response form (no
account, no JavaScript needed), the e-mail check's link, and the closing report. Nothing here
shows anything personal, and no address carries personal data (the link's token is opaque)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from channels_app.webforms import throttle
from common.client_address import client_address
from common.errors import ServiceError, add_service_error

from .. import selectors
from ..domain.periods import Phase
from ..forms import PublicResponseForm
from ..models import Alternative, Consultation
from ..services.responses import Confirmed, response_confirm, response_submit

#: Responses from one client address in an hour: generous (a library's shared computers),
#: but a flood is slowed.
RESPONSES_PER_CLIENT = throttle.Limit("consultation-client", 60, 60 * 60)
DONE = "consultation-responded"


def _published(pk: int) -> Consultation:
    consultation = selectors.published_consultation_get(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


def _alternatives(consultation: Consultation) -> list[str]:
    labels = dict(Alternative.choices)
    return [str(labels[a]) for a in consultation.alternatives if a in labels]


@require_safe
def consultation_list(request: HttpRequest) -> HttpResponse:
    lists = selectors.published_consultations(now=timezone.now())
    return render(
        request,
        "consultations/public/list.html",
        {
            "open": lists[Phase.OPEN],
            "coming": lists[Phase.COMING],
            "closed": lists[Phase.CLOSED],
        },
    )


@require_safe
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _published(pk)
    return render(
        request,
        "consultations/public/detail.html",
        {
            "consultation": consultation,
            "phase": selectors.consultation_phase(consultation),
            "alternatives": _alternatives(consultation),
        },
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _published(pk)
    phase = selectors.consultation_phase(consultation)
    if phase != Phase.OPEN:
        return render(
            request,
            "consultations/public/not_open.html",
            {"consultation": consultation, "phase": phase},
            status=200 if request.method == "GET" else 400,
        )
    form = PublicResponseForm(
        request.POST if request.method == "POST" else None, consultation=consultation
    )
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        if throttle.exceeded(RESPONSES_PER_CLIENT, address):
            return render(request, "public/too_many.html", {"what": "submit"}, status=429)
        throttle.hit(RESPONSES_PER_CLIENT, address)
        try:
            response_submit(
                consultation=consultation,
                answers=form.answers,
                language=get_language() or "en",
                ward=form.cleaned_data.get("ward"),
                email=form.cleaned_data.get("email") or "",
                now=timezone.now(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            request.session[DONE] = {"pk": consultation.pk, "check": consultation.one_per_person}
            return redirect("consultations:responded", consultation.pk)
    return render(
        request,
        "consultations/public/respond.html",
        {
            "consultation": consultation,
            "form": form,
            "asked": list(form.asked()),
            "alternatives": _alternatives(consultation),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
def responded(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _published(pk)
    done = request.session.get(DONE) or {}
    if done.get("pk") != consultation.pk:
        return redirect("consultations:consultation", consultation.pk)
    return render(
        request,
        "consultations/public/responded.html",
        {"consultation": consultation, "check": bool(done.get("check"))},
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's link. A GET only asks (mail scanners follow links); the button counts it."""
    if request.method == "GET":
        return render(request, "consultations/public/confirm.html", {"token": token})
    outcome, consultation = response_confirm(token=token, now=timezone.now())
    return render(
        request,
        "consultations/public/confirmed.html",
        {"outcome": outcome, "consultation": consultation, "Confirmed": Confirmed},
        status=404 if outcome == Confirmed.UNKNOWN else 200,
    )


@require_safe
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _published(pk)
    if consultation.outcome_published_at is None:
        raise Http404
    return render(request, "consultations/public/outcome.html", {"consultation": consultation})
