"""GeoReport v2's calls. Plain Django views: the protocol fixes the parameters (form-encoded),
the formats (JSON and XML by the address's suffix) and the error shape, so DRF's negotiation
and schema have nothing to add. Errors are GeoReport's list of ``code`` and ``description``,
in the caller's language (Accept-Language)."""

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from audit import reads
from audit.models import ReadPath
from common.errors import error_fields
from contacts.models import Case
from messaging.messages import format_date

from . import keys, selectors
from .formats import render, render_errors
from .forms import RequestForm, RequestListForm
from .services import open311_request_submit


def _client(request: HttpRequest) -> User | None:
    """The account of the Open311 client whose key the request carries (``keys.key_from``):
    an Open311 client's own key, never a staff API token."""
    client = keys.client_for_key(keys.key_from(request))
    return client.user if client is not None else None


def _forbidden(fmt: str) -> HttpResponse:
    return render_errors([(403, _("The api_key is missing or not valid."))], fmt=fmt, status=403)


def _form_errors(form: forms.Form) -> list[tuple[int, str]]:
    errors = []
    for field, messages in form.errors.items():
        for message in messages:
            errors.append((400, message if field == "__all__" else f"{field}: {message}"))
    return errors


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _request_entry(case: Case) -> dict[str, Any]:
    details = case.channel_details or {}
    return {
        "service_request_id": case.reference,
        "status": "open" if selectors.is_open(case) else "closed",
        "status_notes": selectors.status_note(case),
        "service_name": case.request_type.name if case.request_type else case.service.name,
        "service_code": case.service_code,
        "description": case.description,
        "agency_responsible": case.service.name,
        "service_notice": "",
        "requested_datetime": _iso(case.received_at),
        "updated_datetime": _iso(case.updated_at or case.received_at),
        "expected_datetime": _iso(case.expected_at),
        "address": details.get("location", ""),
        "address_id": details.get("address_id", ""),
        "zipcode": "",
        "lat": details.get("latitude"),
        "long": details.get("longitude"),
        "media_url": details.get("url", ""),
    }


@require_GET
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    entries = [
        {
            "service_code": entry.code,
            "service_name": entry.name,
            "description": entry.description,
            "metadata": False,
            "type": "realtime",
            "keywords": entry.keywords,
            "group": entry.group,
        }
        for entry in selectors.services_offered()
    ]
    return render(entries, fmt=fmt, root="services", item="service")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _request_create(request, fmt)
    return _request_list(request, fmt)


def _request_create(request: HttpRequest, fmt: str) -> HttpResponse:
    client = _client(request)
    if client is None:
        return _forbidden(fmt)
    form = RequestForm(request.POST)
    if not form.is_valid():
        return render_errors(_form_errors(form), fmt=fmt, status=400)
    try:
        created = open311_request_submit(client=client, data=form.cleaned_data)
    except ValidationError as error:
        messages = [message for messages in error_fields(error).values() for message in messages]
        return render_errors([(400, message) for message in messages], fmt=fmt, status=400)
    case = created.case
    due = selectors.requests_find(client=client, references=[case.reference])
    expected = due[0].expected_at if due else None
    notice = (
        _("We will respond by %(date)s.") % {"date": format_date(expected, get_language())}
        if expected
        else ""
    )
    entry = {"service_request_id": case.reference, "service_notice": notice, "account_id": ""}
    return render(
        [entry],
        fmt=fmt,
        root="service_requests",
        item="request",
        status=201 if created.created else 200,
    )


def _request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    client = _client(request)
    if client is None:
        return _forbidden(fmt)
    form = RequestListForm(request.GET)
    if not form.is_valid():
        return render_errors(_form_errors(form), fmt=fmt, status=400)
    data = form.cleaned_data
    cases = selectors.requests_find(
        client=client,
        references=data["service_request_id"],
        service_code=data["service_code"],
        status=data["status"],
        start=data["start_date"],
        end=data["end_date"],
    )
    reads.record(client, ReadPath.OPEN311, cases=cases)
    return render(
        [_request_entry(case) for case in cases], fmt=fmt, root="service_requests", item="request"
    )


@require_GET
def request_detail(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    client = _client(request)
    if client is None:
        return _forbidden(fmt)
    # Another client's request is "not found", as one that does not exist.
    cases = selectors.requests_find(client=client, references=[reference.upper()])
    if not cases:
        return render_errors(
            [(404, _("There is no request with this service_request_id."))], fmt=fmt, status=404
        )
    reads.record(client, ReadPath.OPEN311, cases=cases[:1])
    return render([_request_entry(cases[0])], fmt=fmt, root="service_requests", item="request")
