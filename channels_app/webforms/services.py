"""The one write of the public forms: a submission becomes a case through ``case_create``."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Service
from contacts.channel_details import parse_details
from contacts.models import Customer
from contacts.services import CaseCreated, case_create
from routing.models import RequestType
from standards.channels import Channel

from .forms import FORM_TYPES
from .uploads import StagedFile, uploads_attach

SUMMARY_MAX = 200


@dataclass(frozen=True)
class Submission:
    """The answers of one journey through a contact form, as checked by its pages."""

    token: str  # one per journey: the same journey submitted twice makes one case
    form_type: str
    service: Service
    details: str
    name: str
    email: str
    phone: str
    address: str
    postcode: str
    welsh: bool
    needs: tuple[str, ...]
    interpreter_language: str
    other_needs: str
    files: tuple[StagedFile, ...] = ()
    #: What it is about, when a topic of the routing table was chosen.
    request_type: RequestType | None = None


def summary_of(text: str) -> str:
    """The first line of what the resident wrote, short enough for a queue's summary."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= SUMMARY_MAX else first[: SUMMARY_MAX - 1].rstrip() + "…"


def webform_submit(
    *, submission: Submission, language: str, now: datetime | None = None
) -> CaseCreated:
    """Record a submitted contact form as a case, acknowledged by e-mail through the outbox.

    ``language`` is the language the form was filled in, so the contact's language. The
    customer is always a new record: a form filled in by anyone must not change (or attach a
    case to) a customer someone else recorded; staff merge duplicates.
    """
    now = now or timezone.now()
    details = parse_details(
        Channel.WEBFORM, {"form": submission.form_type, "submission_id": submission.token}
    )
    customer = Customer(
        name=submission.name,
        email=submission.email,
        phone=submission.phone,
        address=submission.address,
        postcode=submission.postcode,
        preferred_language="cy" if submission.welsh else "en",
        large_print="large_print" in submission.needs,
        bsl="bsl" in submission.needs,
        interpreter_language=submission.interpreter_language,
        other_needs=submission.other_needs,
    )
    with transaction.atomic():
        created = case_create(
            channel=Channel.WEBFORM,
            details=details,
            kind=FORM_TYPES[submission.form_type],
            service=submission.service,
            summary=summary_of(submission.details),
            description=submission.details,
            received_at=now,
            customer=customer,
            language=language,
            request_type=submission.request_type,
            now=now,
        )
        if created.created and submission.files:
            uploads_attach(case=created.case, staged=submission.files)
    return created
