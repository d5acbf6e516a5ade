"""The web publishing pages: ask for a website change, raise emergency information, the web
team's queue, publish a page, and the emergency report (docs/adr/0033).

Thin: each form is validated here and handed to one service; a refused request shows the
form again with a translated error per field and changes nothing.
"""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES, Role
from common.csv_cells import csv_cell
from common.errors import add_service_error
from contacts import policies

from . import selectors, services
from .forms import ChangeRequestForm, EmergencyForm, PublishForm, ReportForm
from .models import PublicationRequest
from .presenters import language_name, page_rows, report_lines

#: Any member of staff may ask for a change or raise an emergency; administrators too.
RAISE_ROLES = frozenset({*STAFF_ROLES, Role.ADMINISTRATOR})
#: The report is the managers' (what the Welsh Language Commissioner would ask of them).
REPORT_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


@role_required(RAISE_ROLES)
@require_GET
def web_queue(request: HttpRequest) -> HttpResponse:
    requests = list(selectors.web_queue(user=signed_in(request))[:200])
    return render(
        request,
        "publishing/queue.html",
        {"requests": requests, "web_team": services.web_team(), "now": timezone.now()},
    )


@role_required(RAISE_ROLES)
@require_http_methods(["GET", "POST"])
def change_request(request: HttpRequest) -> HttpResponse:
    form = ChangeRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.web_change_request(asked=form.asked(), actor=signed_in(request))
        except ValidationError as error:
            add_service_error(form, error, {"languages": "welsh_not_needed"})
        else:
            messages.success(
                request,
                _("Change request %(reference)s sent to the web team.")
                % {"reference": case.reference},
            )
            return redirect("publishing:request", case.reference)
    return render(request, "publishing/change_request.html", {"form": form})


@role_required(RAISE_ROLES)
@require_http_methods(["GET", "POST"])
def emergency_raise(request: HttpRequest) -> HttpResponse:
    form = EmergencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.emergency_raise(raised=form.raised(), actor=signed_in(request))
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(
                request,
                _("Emergency %(reference)s raised with the web team.")
                % {"reference": case.reference},
            )
            return redirect("publishing:request", case.reference)
    return render(request, "publishing/emergency.html", {"form": form})


def _owed(publication: PublicationRequest) -> list[str]:
    """The languages whose pages are still owed, in the order the form offers them."""
    kinds = {m.kind for m in publication.case.milestones.all() if m.is_open}
    return [language for language, kind in services.MILESTONE_OF.items() if kind in kinds]


@role_required(RAISE_ROLES)
@require_http_methods(["GET", "POST"])
def request_page(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    publication = selectors.publication_get(user=user, reference=reference)
    if publication is None:
        raise Http404
    may_publish = policies.can_work(user, publication.case)
    owed = _owed(publication)
    form = PublishForm(request.POST if request.method == "POST" else None, owed=owed)
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.page_publish(
                    case=publication.case,
                    language=form.cleaned_data["language"],
                    url=form.cleaned_data["url"],
                    actor=user,
                )
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(
                    request,
                    _("The %(language)s page is recorded as published.")
                    % {"language": language_name(form.cleaned_data["language"])},
                )
                return redirect("publishing:request", reference)
    return render(
        request,
        "publishing/request.html",
        {
            "publication": publication,
            "case": publication.case,
            "form": form,
            "owed": owed,
            "pages": page_rows(publication),
            "may_publish": may_publish,
        },
        status=400 if form.errors else 200,
    )


def _report_form(request: HttpRequest) -> ReportForm:
    form = ReportForm(request.GET)
    form.is_valid()
    return form


@role_required(REPORT_ROLES)
@require_GET
def emergency_report(request: HttpRequest) -> HttpResponse:
    form = _report_form(request)
    rows = None
    if not form.errors:
        rows = selectors.emergency_report(
            user=signed_in(request),
            first=form.cleaned_data["first"],
            last=form.cleaned_data["last"],
            now=timezone.now(),
        )
    return render(
        request,
        "publishing/report.html",
        {
            "form": form,
            "lines": report_lines(rows) if rows is not None else None,
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _csv_lines(rows: list[selectors.ReportRow]) -> Iterator[str]:
    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())
    # A byte-order mark so that spreadsheet programs read the Welsh letters (ŵ, ŷ) right.
    yield "\ufeff" + writer.writerow(
        [
            _("Reference"),
            _("What"),
            _("Raised"),
            _("Published first in"),
            _("First published"),
            _("Other language published"),
            _("Minutes the other language took"),
        ]
    )
    for row in rows:
        yield writer.writerow(
            [
                row.reference,
                csv_cell(row.what),
                timezone.localtime(row.raised_at).strftime("%Y-%m-%d %H:%M"),
                language_name(row.first_language),
                timezone.localtime(row.first_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(row.second_at).strftime("%Y-%m-%d %H:%M")
                if row.second_at
                else _("Not yet"),
                int(row.took.total_seconds() // 60),
            ]
        )


@role_required(REPORT_ROLES)
@require_GET
def emergency_report_export(request: HttpRequest) -> HttpResponseBase:
    form = _report_form(request)
    if form.errors:
        return emergency_report(request)
    rows = selectors.emergency_report(
        user=signed_in(request),
        first=form.cleaned_data["first"],
        last=form.cleaned_data["last"],
        now=timezone.now(),
    )
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="emergency-publication.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
