"""The standards evaluation: trends, quality and parity for a period, printable and exportable."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import role_required, signed_in

from .. import exports
from ..dashboards.evaluation import Period, evaluation_tables
from ..domain.measures import Grain
from ..forms import PeriodForm
from .access import EVALUATION_ROLES, service_scope, services_for


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    user = signed_in(request)
    form = PeriodForm(
        request.GET,
        today=timezone.localdate(),
        services=services_for(user) if user.is_administrator else None,
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Period(
        first=data["first"],
        last=data["last"],
        grain=Grain(data["grain"]),
        service_id=service_scope(user, data.get("service")),
    )


@require_GET
@role_required(EVALUATION_ROLES)
def evaluation(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    tables = evaluation_tables(period) if period else []
    query = request.GET.urlencode()
    return render(
        request,
        "performance/evaluation.html",
        {
            "form": form,
            "period": period,
            "tables": tables,
            "query": query,
            "printing": request.GET.get("print") == "1",
        },
        status=200 if period else 400,
    )


@require_GET
@role_required(EVALUATION_ROLES)
def evaluation_export(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return render(
            request, "performance/evaluation.html", {"form": form, "tables": []}, status=400
        )
    table = next((t for t in evaluation_tables(period) if t.slug == slug), None)
    if table is None:
        raise Http404
    return exports.table_response(table, extension=extension, period=period)
