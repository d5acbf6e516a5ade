"""Printed letters in tests: contacts answered by post, and their PDFs read back with pypdf."""

import io
import math
from dataclasses import dataclass
from datetime import UTC, datetime

from pypdf import PdfReader

from accounts.models import Service
from contacts.models import Case, Customer
from messaging.delivery import message_deliver
from messaging.models import OutboundMessage
from tests.factories import make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday: respond by Mon 16 March 17:00
ADDRESS = "Bryn Awel\n12 Ffordd y Brenin\nRhuthun"
POSTCODE = "LL15 1AA"


def letter_customer(**fields: object) -> Customer:
    """A customer the council can reach only by post."""
    values = {"name": "Siân Jones", "email": "", "address": ADDRESS, "postcode": POSTCODE}
    return Customer.objects.create(**{**values, **fields})


def letter_case(
    *, service: Service, customer: Customer | None = None, received_at: datetime = RECEIVED
) -> Case:
    """A letter received, as ``case_create`` stores one: it owes a letter in reply."""
    return make_case(
        service=service,
        channel="letter",
        details={"postal_address": ADDRESS, "postcode": POSTCODE},
        customer=customer,
        received_at=received_at,
    )


def printed_letter(case: Case, *, at: datetime) -> OutboundMessage:
    """Deliver the case's letter as the worker would, at ``at``: it waits in the print queue."""
    letter = OutboundMessage.objects.get(case=case, method="letter")
    assert message_deliver(message_id=letter.pk, now=at)
    letter.refresh_from_db()
    assert letter.state == "to_post", letter.last_error
    return letter


def pdf_of(letter: OutboundMessage) -> bytes:
    with letter.document.open("rb") as file:
        return file.read()


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


@dataclass(frozen=True)
class Run:
    """A run of text as the PDF draws it: the size it is printed at, and where it starts, in
    points from the sheet's left edge and down from its top edge."""

    page: int
    text: str
    points: float
    left: float
    baseline: float


def text_runs(pdf: bytes) -> list[Run]:
    """Every run of text, placed and sized by the text matrix within the transformation
    matrix (WeasyPrint draws in CSS pixels, scaled by 0.75 to points)."""
    runs = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, height=height):
            if not text.strip():
                return
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Run(number, text.strip(), round(size * scale, 2), x, height - y))

        page.extract_text(visitor_text=visit)
    return runs


def webform_letter_case(
    *, service: Service, customer: Customer, received_at: datetime = RECEIVED
) -> Case:
    """A web form from a customer who asked for letters (``preferred_contact_method``): its
    standard promises an acknowledgement within 24 hours, which the letter gives when posted.
    (The standard for letters received promises a reply only.)"""
    return make_case(
        service=service,
        channel="webform",
        details={"form": "missed-bin"},
        customer=customer,
        received_at=received_at,
    )
