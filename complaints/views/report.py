"""The quarterly report to the Complaints Standards Authority: a page, a CSV and an XLSX."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import signed_in

from ..domain.rules import Quarter, parse_quarter, quarter_of
from ..forms import ReportForm, quarter_label
from ..report import quarterly_report, report_csv, report_xlsx
from .common import complaints_staff_only

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen(request: HttpRequest) -> tuple[ReportForm, Quarter]:
    """The quarter asked for; the current one when none (or nonsense) is."""
    form = ReportForm(request.GET or None)
    quarter = quarter_of(timezone.localdate())
    if form.is_bound and form.is_valid():
        quarter = parse_quarter(form.cleaned_data["quarter"]) or quarter
    else:
        form = ReportForm(initial={"quarter": quarter.code})
    return form, quarter


def _service(request: HttpRequest):
    """Administrators report on the whole council; others on their own service."""
    user = signed_in(request)
    if user.is_administrator:
        return None
    return user.team.service if user.team is not None else None


@complaints_staff_only
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    form, quarter = _chosen(request)
    report = quarterly_report(quarter=quarter, service=_service(request))
    return render(
        request,
        "complaints/report.html",
        {"form": form, "report": report, "quarter_label": quarter_label(quarter)},
    )


@complaints_staff_only
@require_GET
def report_download(request: HttpRequest, file_format: str) -> HttpResponse:
    _form, quarter = _chosen(request)
    report = quarterly_report(quarter=quarter, service=_service(request))
    name = f"complaints-{quarter.code}"
    if file_format == "xlsx":
        response = HttpResponse(report_xlsx(report), content_type=XLSX)
    else:
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
