"""Reads of the public pages: what a resident may see of their own case, and nothing more."""

import re
from dataclasses import dataclass
from datetime import datetime

from contacts.domain.lifecycle import OPEN
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseKind, CaseStatus
from messaging.messages import full_response_due
from messaging.models import OutboundMessage, Purpose

from ..domain.proof import proves


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


def case_for_resident(*, reference: str, proof: str) -> Case | None:
    """The case with this reference, if ``proof`` is the e-mail address or telephone number
    its customer gave (``domain.proof``); ``None`` alike for a wrong reference, a wrong proof
    and a case whose customer gave neither (which cannot be looked up online)."""
    case = (
        Case.objects.filter(reference=reference_normalise(reference)[:20])
        .select_related("customer")
        .only("pk", "reference", "customer__email", "customer__phone")
        .first()
    )
    customer = case.customer if case is not None else None
    if customer is None or not proves(given=proof, email=customer.email, phone=customer.phone):
        return None
    return case


#: What happens next, by the case's status.
NEXT_STEPS = {
    CaseStatus.NEW: "reply",
    CaseStatus.ACKNOWLEDGED: "reply",
    CaseStatus.IN_PROGRESS: "reply",
    CaseStatus.AWAITING_CUSTOMER: "waiting_for_you",
    CaseStatus.RESOLVED: "finished",
    CaseStatus.CLOSED: "finished",
}


@dataclass(frozen=True)
class PublicStatus:
    """What the status page shows: the case's standing and its dates, never what anyone
    wrote (officers' letters and replies, notes) nor anyone's name."""

    reference: str
    kind_label: str
    service_name: str
    received_at: datetime
    status: str
    status_label: str
    reply_due: datetime | None  # the full reply we promised, while it is owed
    closed_at: datetime | None  # when we finished with it (resolved, or closed)
    next_step: str  # a key of NEXT_STEPS' values


def case_public_status(*, reference: str) -> PublicStatus | None:
    """What a resident who proved it is their case may see. Two queries."""
    case = (
        Case.objects.filter(reference=reference)
        .select_related("service")
        .defer("description", "channel_details", "summary")
        .first()
    )
    if case is None:
        return None
    status = CaseStatus(case.status)
    finished = status not in OPEN
    reply_due = (
        None
        if finished
        else full_response_due(
            case.milestones.filter(state__in=OPEN_MILESTONE_STATES).only("kind", "due_at")
        )
    )
    return PublicStatus(
        reference=case.reference,
        kind_label=str(CaseKind(case.kind).label),
        service_name=case.service.name,
        received_at=case.received_at,
        status=case.status,
        status_label=str(status.label),
        reply_due=reply_due,
        closed_at=(case.resolved_at or case.closed_at) if finished else None,
        next_step=NEXT_STEPS[status],
    )
