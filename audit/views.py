"""The audit pages, for administrators and data protection officers: who read a case, what a
person read, each over a period, and either as CSV (an export that is itself recorded)."""

import csv
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.access import signed_in
from common.csv_cells import csv_cell

from . import reads, selectors
from .forms import CaseReadsForm, PeriodForm, PersonReadsForm
from .models import ReadPath

PAGE_SIZE = 50

View = Callable[..., HttpResponseBase]


def audit_readers_only(view: View) -> View:
    """Administrators and data protection officers; anyone else signed in gets the 403 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not signed_in(request).reads_audit:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _pages(request: HttpRequest, page: selectors.ReadPage) -> dict[str, str | None]:
    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return "?" + params.urlencode()

    return {
        "previous": link(page.number - 1) if page.has_previous else None,
        "next": link(page.number + 1) if page.has_next else None,
    }


def _export_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _page(request: HttpRequest, form: PeriodForm, template: str, **context: Any) -> HttpResponse:
    page = None
    if form.is_bound and form.is_valid():
        page = selectors.reads_page(form.query(), number=form.page_number(), size=PAGE_SIZE)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "pages": _pages(request, page) if page else None,
            "export_query": _export_query(request),
            **context,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@audit_readers_only
def case_reads(request: HttpRequest) -> HttpResponse:
    form = CaseReadsForm(request.GET or None)
    response = _page(request, form, "audit/case_reads.html")
    if form.is_bound and not form.errors:
        # Looking a case up in the audit tells the reader that it exists and who read it.
        reads.record(request, ReadPath.AUDIT, case_ids=[form.case_id])
    return response


@require_GET
@audit_readers_only
def person_reads(request: HttpRequest) -> HttpResponse:
    form = PersonReadsForm(request.GET or None)
    person = None
    if form.is_bound and form.is_valid():
        person = form.person
    return _page(request, form, "audit/person_reads.html", person=person)


def _csv_lines(rows: Iterator[selectors.ReadRow]) -> Iterator[str]:
    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())
    # A byte-order mark so that spreadsheet programs read the Welsh letters (ŵ, ŷ) right.
    yield "\ufeff" + writer.writerow(
        [_("When"), _("Username"), _("Name"), _("Through"), _("Case"), _("Customer record")]
    )
    for row in rows:
        yield writer.writerow(
            [
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                csv_cell(row.username),
                csv_cell(row.name),
                row.path,
                row.reference or (row.case_id or ""),
                row.customer_id or "",
            ]
        )


def _export(request: HttpRequest, form: PeriodForm, template: str, name: str) -> HttpResponseBase:
    if not form.is_valid():
        return _page(request, form, template)
    query = form.query()
    reads.record_found(request, ReadPath.AUDIT_EXPORT, found=selectors.reads_find(query))
    response = StreamingHttpResponse(
        _csv_lines(selectors.reads_all(query)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@audit_readers_only
def case_reads_export(request: HttpRequest) -> HttpResponseBase:
    form = CaseReadsForm(request.GET)
    name = f"reads-of-{form.cleaned_data['reference']}" if form.is_valid() else ""
    return _export(request, form, "audit/case_reads.html", name.lower())


@require_GET
@audit_readers_only
def person_reads_export(request: HttpRequest) -> HttpResponseBase:
    form = PersonReadsForm(request.GET)
    day = timezone.localdate().isoformat()
    return _export(request, form, "audit/person_reads.html", f"reads-by-person-{day}")
