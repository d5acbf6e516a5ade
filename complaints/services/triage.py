"""Triage: a failed or repeated service request becomes a complaint; matters with their own
route are signposted there with a recorded reason."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.channel_details import SOURCE_ID_FIELDS, parse_details
from contacts.domain import lifecycle
from contacts.models import Case, CaseKind, EventKind
from contacts.services import case_create, case_resolve
from contacts.timeline import event_record
from standards.channels import Channel, PhoneContact, VisitContact

from ..access import handles_complaints
from ..models import Signposting, SignpostRoute


def _follow_up_details(case: Case) -> dict:
    """The original contact's channel details for a new case about it: without the inbound
    message's id (that made the first case) or an agreed time that has passed."""
    details = dict(case.channel_details)
    details.pop(SOURCE_ID_FIELDS.get(case.channel, ""), None)
    if case.channel == Channel.PHONE and details.get("contact_type") == PhoneContact.CALLBACK:
        details["contact_type"] = PhoneContact.ANSWERED
        details.pop("callback_at", None)
    if case.channel == Channel.VISIT:
        details["contact_type"] = VisitContact.RECEPTION
        details.pop("scheduled_at", None)
    return details


@transaction.atomic
def complaint_from_service_request(
    *, case: Case, reason: str, actor: User, now: datetime | None = None
) -> Case:
    """A service request that was not dealt with, or went wrong again, becomes a complaint: a
    new complaint case for the same customer, linked on both timelines."""
    now = now or timezone.now()
    errors = {}
    if case.kind != CaseKind.SERVICE_REQUEST:
        errors["case"] = _("Only a service request can be turned into a complaint.")
    if not handles_complaints(actor):
        errors["case"] = _("Only a complaints officer can do this.")
    if not reason.strip():
        errors["reason"] = _("Say what went wrong with the service request.")
    if errors:
        raise ServiceError(errors)
    complaint_case = case_create(
        channel=case.channel,
        details=parse_details(case.channel, _follow_up_details(case)),
        kind=CaseKind.COMPLAINT,
        service=case.service,
        summary=case.summary,
        description=reason.strip(),
        received_at=now,
        customer=case.customer,
        language=case.language,
        owner=actor if actor.service_id == case.service_id else None,
        actor=actor,
        now=now,
    ).case
    event_record(
        case=case,
        kind=EventKind.MADE_INTO_COMPLAINT,
        at=now,
        actor=actor,
        payload={"reference": complaint_case.reference},
        text=reason.strip(),
    )
    event_record(
        case=complaint_case,
        kind=EventKind.MADE_FROM_CASE,
        at=now,
        actor=actor,
        payload={"reference": case.reference},
    )
    return complaint_case


@transaction.atomic
def case_signpost(
    *,
    case: Case,
    route: str,
    reason: str,
    actor: User,
    message: str = "",
    now: datetime | None = None,
) -> Signposting:
    """Record that the matter has its own route and tell the customer where to go; the case
    is resolved (it is not run as a complaint)."""
    now = now or timezone.now()
    errors = {}
    if route not in SignpostRoute.values:
        errors["route"] = _("Choose where the matter goes.")
    if not reason.strip():
        errors["reason"] = _("Say why the matter is signposted.")
    if case.status not in lifecycle.OPEN:
        errors["case"] = _("Only an open case can be signposted.")
    elif Signposting.objects.filter(case=case).exists():
        errors["case"] = _("This case has already been signposted.")
    if errors:
        raise ServiceError(errors)
    signposting = Signposting.objects.create(
        case=case, route=route, reason=reason.strip(), created_at=now, created_by=actor
    )
    case_resolve(
        case=case,
        actor=actor,
        note=_("Signposted: %(route)s. %(reason)s")
        % {"route": SignpostRoute(route).label, "reason": reason.strip()},
        message=message,
        now=now,
    )
    return signposting
