"""Random monitoring: the month's samples, drawing one, and scoring each sampled case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import role_required, signed_in
from audit import reads
from audit.models import ReadPath
from common.errors import add_service_error
from standards.models import Behaviour

from ..forms import SampleForm, ScoreForm
from ..models import MonitoringScore
from ..monitoring.selectors import checks_for, samples_for
from ..monitoring.services import ScoreInput, monitoring_check_score, monitoring_sample_draw
from .access import EVALUATION_ROLES, services_for


@require_http_methods(["GET", "POST"])
@role_required(EVALUATION_ROLES)
def monitoring(request: HttpRequest) -> HttpResponse:
    services = services_for(signed_in(request))
    form = SampleForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        service = next(s for s in services if str(s.pk) == form.cleaned_data["service"])
        try:
            sample, created = monitoring_sample_draw(
                service=service,
                month=form.cleaned_data["month"],
                size=form.cleaned_data["size"],
                actor=signed_in(request),
                now=timezone.now(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if created:
                messages.success(request, _("The sample is drawn."))
            else:
                messages.info(request, _("This month's sample was drawn already."))
            return redirect("performance:monitoring-sample", sample.pk)
    samples = (
        samples_for(signed_in(request))
        .select_related("service")
        .order_by("-month", "service__name")[:60]
    )
    return render(
        request,
        "performance/monitoring.html",
        {"form": form, "samples": samples},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
@role_required(EVALUATION_ROLES)
def monitoring_sample(request: HttpRequest, sample_id: int) -> HttpResponse:
    user = signed_in(request)
    sample = get_object_or_404(samples_for(user).select_related("service"), pk=sample_id)
    checks = (
        checks_for(user)
        .filter(sample=sample)
        .select_related("case__standard", "case__owner", "checked_by")
        .annotate(
            shown=Count("scores", filter=Q(scores__answer="yes")),
            not_shown=Count("scores", filter=Q(scores__answer="no")),
        )
        .order_by("case__reference")
    )
    return render(
        request, "performance/monitoring_sample.html", {"sample": sample, "checks": checks}
    )


@require_http_methods(["GET", "POST"])
@role_required(EVALUATION_ROLES)
def monitoring_check(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        checks_for(signed_in(request)).select_related(
            "sample__service", "case__standard", "case__owner", "case__customer"
        ),
        pk=check_id,
    )
    behaviours = Behaviour.objects.filter(standard_id=check.case.standard_id).order_by("position")
    initial = {}
    for score in MonitoringScore.objects.filter(sampled=check):
        initial[f"answer_{score.behaviour_id}"] = score.answer
        initial[f"comment_{score.behaviour_id}"] = score.comment
    form = ScoreForm(request.POST or None, initial=initial, behaviours=behaviours)
    if request.method == "POST" and form.is_valid():
        monitoring_check_score(
            check=check,
            actor=signed_in(request),
            scores=[
                ScoreInput(
                    behaviour_id=b.pk,
                    answer=form.cleaned_data[f"answer_{b.pk}"],
                    comment=form.cleaned_data[f"comment_{b.pk}"],
                )
                for b in form.behaviours
            ],
            now=timezone.now(),
        )
        messages.success(
            request, _("Scores saved for %(reference)s.") % {"reference": check.case.reference}
        )
        return redirect("performance:monitoring-sample", check.sample_id)
    reads.record(request, ReadPath.MONITORING, cases=[check.case])
    return render(
        request,
        "performance/monitoring_check.html",
        {"check": check, "form": form},
        status=400 if form.errors else 200,
    )
