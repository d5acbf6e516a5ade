"""Reads of the public pages: what a resident may see of their own case, and nothing more."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min

from contacts.models import (
    OPEN_MILESTONE_STATES,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    EventKind,
)
from messaging.domain.signatures import SEPARATOR
from messaging.messages import full_response_due
from messaging.models import OutboundMessage, Purpose

_SIGNATURE = re.compile(rf"\n{re.escape(SEPARATOR)}\n.*\Z", re.DOTALL)


@dataclass(frozen=True)
class Receipt:
    reference: str
    full_response_due: datetime | None
    acknowledgement_owed: bool


def submission_receipt(*, reference: str) -> Receipt | None:
    """What the confirmation page says about a case just submitted."""
    case = Case.objects.filter(reference=reference).only("pk", "reference").first()
    if case is None:
        return None
    return Receipt(
        reference=case.reference,
        full_response_due=full_response_due(case.milestones.only("kind", "due_at")),
        acknowledgement_owed=OutboundMessage.objects.filter(
            case=case, purpose=Purpose.ACKNOWLEDGEMENT
        ).exists(),
    )


def reference_normalise(reference: str) -> str:
    return re.sub(r"\s+", "", reference).upper()


def _proves(case: Case, proof: str) -> bool:
    customer = case.customer
    if customer is None:
        return False
    proof = proof.strip()
    if "@" in proof:
        return bool(customer.email) and customer.email.lower() == proof.lower()
    compact = re.sub(r"\s+", "", proof).upper()
    return bool(customer.postcode) and (
        re.sub(r"\s+", "", customer.postcode).upper() == compact
        and len(compact) >= 5  # a whole postcode, not a district
    )


def case_for_resident(*, reference: str, proof: str) -> Case | None:
    """The case with this reference, if ``proof`` is the e-mail address or postcode its
    customer gave; ``None`` alike for a wrong reference and a wrong proof."""
    case = (
        Case.objects.filter(reference=reference_normalise(reference)[:20])
        .select_related("customer")
        .only("pk", "reference", "customer__email", "customer__postcode")
        .first()
    )
    if case is None or not _proves(case, proof):
        return None
    return case


@dataclass(frozen=True)
class PublicUpdate:
    at: datetime
    kind: str  # "received", "status" or "message"
    status: str  # the new status's label, for a change of status
    text: str  # what was sent, for a message


@dataclass(frozen=True)
class PublicStatus:
    reference: str
    kind_label: str
    service_name: str
    received_at: datetime
    status: str
    status_label: str
    next_due: datetime | None
    updates: tuple[PublicUpdate, ...]


def public_text(text: str) -> str:
    """A message as the resident got it, without the officer's signature block."""
    return _SIGNATURE.sub("", text).rstrip()


def case_public_status(*, reference: str) -> PublicStatus | None:
    """What a resident who proved it is their case may see: its status, the next date we
    promised and what we sent them. Notes, staff, internal reasons and other people's details
    are never read. Three queries."""
    case = (
        Case.objects.filter(reference=reference)
        .select_related("service")
        .defer("description", "channel_details", "summary")
        .first()
    )
    if case is None:
        return None
    next_due = case.milestones.filter(state__in=OPEN_MILESTONE_STATES).aggregate(due=Min("due_at"))[
        "due"
    ]
    events = CaseEvent.objects.filter(
        case=case,
        kind__in=(
            EventKind.CREATED,
            EventKind.STATUS_CHANGED,
            EventKind.REPLY_SENT,
            EventKind.EXTENSION_NOTICE_SENT,
            EventKind.CALLBACK_NOTICE_SENT,
        ),
    ).only("kind", "created_at", "payload", "text")
    updates = []
    for event in events:
        if event.kind == EventKind.CREATED:
            updates.append(PublicUpdate(event.created_at, "received", "", ""))
        elif event.kind == EventKind.STATUS_CHANGED:
            # The change only: its text is the officer's note, which is internal.
            after = event.payload.get("to")
            label = CaseStatus(after).label if after in CaseStatus.values else ""
            updates.append(PublicUpdate(event.created_at, "status", str(label), ""))
        else:
            updates.append(PublicUpdate(event.created_at, "message", "", public_text(event.text)))
    updates.reverse()
    return PublicStatus(
        reference=case.reference,
        kind_label=str(CaseKind(case.kind).label),
        service_name=case.service.name,
        received_at=case.received_at,
        status=case.status,
        status_label=str(CaseStatus(case.status).label),
        next_due=next_due,
        updates=tuple(updates),
    )
