"""The subject access request page (docs/adr/0031): for the request's officers (the case's
visibility and ``can_work``): the deadline and its extension, the records that may be the
requester to confirm, what is held about them grouped, and the exports to download.

The customer records chosen travel as ids in the query string (never a name or an e-mail)."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import role_required, signed_in
from accounts.models import AUDIT_ROLES
from audit.models import ReadPath
from audit.reads import record
from common.errors import add_service_error
from contacts.models import Case
from contacts.policies import can_work
from contacts.selectors import case_get

from .encryption import decrypt
from .export.archive import CASE_TEXT, MESSAGE, NOTE, ON_BEHALF_OF
from .export.letter import GROUPS
from .forms import ExtendForm, RecordsForm
from .models import SubjectAccessExport
from .selectors import DEADLINE_KIND, person_records, possible_records, requests_for_officer
from .services.exports import export_produce
from .services.requests import extended_due_at, is_request, request_extend

#: Which text of a record a third party's data was found in, in the reader's language.
FIELDS = {
    CASE_TEXT: gettext_lazy("Summary and details"),
    NOTE: gettext_lazy("Timeline"),
    MESSAGE: gettext_lazy("Message to the customer"),
    ON_BEHALF_OF: gettext_lazy("Made on behalf of"),
}


def _exports(case: Case) -> list[dict]:
    return [
        {
            "export": export,
            "third_parties": [
                {
                    "value": item["value"],
                    "where": item["where"],
                    "field": FIELDS.get(item.get("field", ""), ""),
                }
                for item in export.third_parties
            ],
        }
        for export in case.subject_access_exports.all()
    ]


def _request_case(request: HttpRequest, reference: str) -> Case:
    """The request, if the user may see it (else not found) and work it (else forbidden):
    the visibility policy, then ``can_work``, as every case action."""
    user = signed_in(request)
    case = case_get(user=user, reference=reference)
    if case is None or not is_request(case):
        raise Http404
    if not can_work(user, case):
        raise PermissionDenied
    return case


def _records_form(case: Case, data) -> tuple[RecordsForm, list]:
    found = possible_records(customer=case.customer) if case.customer else []
    choices = [(match.customer.pk, match.customer.name) for match in found]
    return RecordsForm(data, choices=choices), found


@login_required
@require_GET
def request_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = _request_case(request, reference)
    return _page(request, case, extend_form=ExtendForm())


def _page(request: HttpRequest, case: Case, *, extend_form: ExtendForm) -> HttpResponse:
    form, found = _records_form(case, request.GET if "records" in request.GET else None)
    chosen = [case.customer.pk] if case.customer else []
    if form.is_bound and form.is_valid():
        chosen = sorted({*chosen, *form.cleaned_data["records"]})
    records = person_records(customer_ids=chosen) if chosen else None
    deadline = case.milestones.filter(kind=DEADLINE_KIND).first()
    return render(
        request,
        "dataprotection/request.html",
        {
            "case": case,
            "form": form if form.errors else extend_form,
            "records_form": form,
            "found": found,
            "chosen": chosen,
            "records": records,
            "groups": [(label, len(getattr(records, name))) for name, label in GROUPS]
            if records
            else [],
            "deadline": deadline,
            "can_extend": deadline is not None
            and deadline.is_open
            and deadline.due_at is not None
            and deadline.due_at < extended_due_at(case),
            "extend_form": extend_form,
            "exports": _exports(case),
        },
    )


@login_required
@require_POST
def request_extend_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = _request_case(request, reference)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            request_extend(case=case, reason=form.cleaned_data["reason"], actor=signed_in(request))
        except ValidationError as error:
            add_service_error(form, error, {"case": None})
        else:
            messages.success(request, _("The request was extended and the requester told why."))
            return redirect("dataprotection:request", case.reference)
    return _page(request, case, extend_form=form)


@login_required
@require_POST
def request_export(request: HttpRequest, reference: str) -> HttpResponse:
    case = _request_case(request, reference)
    form, _found = _records_form(case, request.POST)
    if form.is_valid():
        try:
            export_produce(
                case=case, customer_ids=form.cleaned_data["records"], actor=signed_in(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The export was produced. Review it before release."))
    else:
        messages.error(request, _("Choose only records found for this person."))
    return redirect("dataprotection:request", case.reference)


@login_required
@require_http_methods(["GET"])
def export_download(request: HttpRequest, reference: str, export_id: int) -> FileResponse:
    case = _request_case(request, reference)
    export = SubjectAccessExport.objects.filter(case=case, pk=export_id).first()
    if export is None:
        raise Http404
    with export.archive.open("rb") as handle:
        data = decrypt(handle.read())
    # Everything about the requester left the system in it: on the audit of reads.
    record(request, ReadPath.EXPORT, case_ids=[case.pk], customer_ids=export.customer_ids)
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{case.reference}-subject-access.zip",
        content_type="application/zip",
    )


@role_required(AUDIT_ROLES)
@require_GET
def officer_requests(request: HttpRequest) -> HttpResponse:
    """The data protection officer's list of subject access requests and their deadlines:
    no case content, and no link into a case they may not read."""
    open_requests, closed = requests_for_officer()
    return render(
        request,
        "dataprotection/officer_requests.html",
        {"open_requests": open_requests, "closed": closed},
    )
