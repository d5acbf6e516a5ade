"""The one write of Open311: a reported problem becomes a web-form case through ``case_create``."""

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, User
from common.errors import ServiceError
from contacts.channel_details import parse_details
from contacts.models import Customer, LanguagePreference
from contacts.services import CaseCreated, case_create
from routing.models import RequestType
from routing.selectors import request_types_open311
from standards.channels import Channel

from ..domain.language import detect_language
from ..webforms.services import summary_of

FORM = "open311"


def submission_prefix(client: User) -> str:
    """The start of every submission id ``client`` made: each client reads back only its own
    requests (``selectors.requests_find``), so the key says whose a request is."""
    return f"{FORM}-{client.pk}-"


def report_key(*, client: User, data: Mapping[str, Any]) -> str:
    """The same report posted twice by one client (a retry after a lost answer) makes one
    case: GeoReport has no idempotency key, so the report's own content is the key."""
    canonical = json.dumps(
        {"client": client.pk, **{name: data[name] for name in sorted(data)}},
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:40]


def _location(data: Mapping[str, Any]) -> str:
    if data.get("address_string"):
        return data["address_string"]
    if data.get("lat") is not None:
        return f"{data['lat']:.6f}, {data['long']:.6f}"
    return ""


def _destination(code: str) -> tuple[Service, RequestType | None]:
    """The service (and request type) a GeoReport service code names."""
    request_type = request_types_open311().filter(open311_code=code).first()
    if request_type is not None:
        return request_type.service, request_type
    service = Service.objects.filter(code=code, active=True).first()
    if service is None:
        raise ServiceError({"service_code": [_("There is no service with this code.")]})
    return service, None


def open311_request_submit(
    *, client: User, data: Mapping[str, Any], now: datetime | None = None
) -> CaseCreated:
    """Record a GeoReport v2 request (``data``: a valid ``RequestForm``'s cleaned data).

    ``service_code`` is a request type's Open311 code (the services list); a service's own code,
    which clients configured before the routing table used, is still taken. Raises
    ``ValidationError`` (under ``service_code``) for a code we do not have."""
    now = now or timezone.now()
    service, request_type = _destination(data["service_code"])
    raw_details: dict[str, Any] = {
        "form": FORM,
        "submission_id": submission_prefix(client) + report_key(client=client, data=data),
        "client": client.get_username(),
    }
    optional = {
        "location": _location(data),
        "address_id": data.get("address_id"),
        "latitude": data.get("lat"),
        "longitude": data.get("long"),
        "url": data.get("media_url"),
    }
    raw_details.update({key: value for key, value in optional.items() if value not in (None, "")})
    details = parse_details(Channel.WEBFORM, raw_details)

    description = data.get("description", "")
    language = detect_language(description) if description else ""
    name = " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
    customer = None
    if data.get("email") or data.get("phone"):
        # Always a new record, as with the council's own forms: a report from another system
        # must not change (or attach a case to) a customer that staff recorded.
        customer = Customer(
            name=name or data.get("email") or data.get("phone"),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            preferred_language=language or LanguagePreference.UNKNOWN,
        )
    summary = (
        summary_of(description)
        if description
        else _("Report to %(service)s")
        % {"service": request_type.name if request_type else service.name}
    )
    return case_create(
        channel=Channel.WEBFORM,
        details=details,
        kind="service_request",
        service=service,
        summary=summary,
        description=description,
        customer=customer,
        language=language,
        received_at=now,
        request_type=request_type,
        now=now,
    )
