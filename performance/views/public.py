"""The standards in public (SPEC §11): the Customer Care Standards, and each quarter's figures
against them. No sign-in, nothing personal, nothing cached: both read what is there now."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from standards.selectors import published_standards

from ..dashboards.published import first_figures_day, quarter_figures
from ..domain.published import FEWEST_TO_PUBLISH
from ..domain.quarters import quarters_shown
from ..forms import QuarterForm, quarter_label


@require_safe
def standards(request: HttpRequest) -> HttpResponse:
    return render(request, "performance/public/standards.html", {"sections": published_standards()})


@require_safe
def standards_performance(request: HttpRequest) -> HttpResponse:
    quarters = quarters_shown(first_day=first_figures_day(), today=timezone.localdate())
    form = QuarterForm(request.GET, quarters=quarters)
    if not form.is_valid():
        return render(
            request,
            "performance/public/performance.html",
            {"form": form, "figures": None},
            status=400,
        )
    quarter = form.chosen()
    return render(
        request,
        "performance/public/performance.html",
        {
            "form": form,
            "figures": quarter_figures(quarter),
            "quarter_name": quarter_label(quarter),
            "fewest": FEWEST_TO_PUBLISH,
        },
    )
