"""Faxes in the corporate fax template: a reply to a fax goes back by fax, as a PDF (cover sheet
with the council's bilingual heading, the reference and the number of pages, then the reply)
e-mailed to the e-mail-to-fax gateway, kept on the message, "Fax sent" on the timeline. A number
that is not a fax number is refused with a translated error and nothing is sent."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import translation
from pypdf import PdfReader

from common.errors import ServiceError
from contacts.models import CaseEvent, Customer
from messaging.delivery import message_deliver
from messaging.messages import message_plan
from messaging.models import OutboundMessage
from messaging.replies import case_reply
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NOW = RECEIVED + timedelta(hours=1)


@pytest.fixture(autouse=True)
def fax_gateway(settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "FAX_GATEWAY": "{number}@fax.example.gov.wales"}


def fax_case(service, team, *, number="01824 706000", customer=None, language="en"):
    return make_case(
        service=service,
        channel="fax",
        details={"fax_number": number},
        team=team,
        customer=customer,
        language=language,
        received_at=RECEIVED,
    )


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_reply_to_a_fax_goes_by_fax_through_the_gateway_with_its_cover_sheet(
    service, team, advisor
):
    customer = Customer.objects.create(name="Alys Hughes", email="alys@example.com")
    case = fax_case(service, team, customer=customer)
    case_reply(case=case, actor=advisor, text="We will collect the bin on Thursday.", now=NOW)
    message = OutboundMessage.objects.get(purpose="reply")
    assert (message.method, message.recipient) == ("fax", "01824 706000")

    assert message_deliver(message_id=message.pk, now=NOW) is True

    (sent,) = [m for m in mail.outbox if m.to == ["01824706000@fax.example.gov.wales"]]
    ((name, data, content_type),) = sent.attachments
    assert (name, content_type) == (
        f"{case.reference}-{message.key.replace(':', '-')}.pdf",
        "application/pdf",
    )
    pages = pdf_text(data)
    cover = pages[0]
    assert "Cyngor Sir Enghraifft" in cover and "Example County Council" in cover
    assert "Ffacs / Fax" in cover
    assert case.reference in cover
    flat = " ".join(cover.split())
    assert "Nifer y tudalennau, gan gynnwys yr un hon / Number of pages, including this one" in flat
    assert f"this one {len(pages)}" in flat
    assert "We will collect the bin on Thursday." in " ".join(pages[1:])
    message.refresh_from_db()
    assert message.state == "sent"
    assert message.document.name.endswith(".pdf")
    assert CaseEvent.objects.get(case=case, kind="fax_sent").text.endswith(message.body)


def test_a_customer_who_prefers_e_mail_gets_e_mail_even_for_a_fax(service, team):
    customer = Customer.objects.create(
        name="Alys Hughes", email="alys@example.com", preferred_contact_method="email"
    )
    assert message_plan(fax_case(service, team, customer=customer)).method == "email"


def test_a_customer_who_prefers_fax_is_faxed_when_the_case_has_a_number(service, team):
    customer = Customer.objects.create(
        name="Alys Hughes",
        email="alys@example.com",
        address="1 Stryd Fawr, Rhuthun",
        preferred_contact_method="fax",
    )
    assert message_plan(fax_case(service, team, customer=customer)).method == "fax"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "“07700 900123” is not a fax number, so nothing was sent."),
        ("cy", "Nid yw “07700 900123” yn rhif ffacs, felly ni anfonwyd dim."),
    ],
)
def test_a_number_that_is_not_a_fax_number_is_refused_and_nothing_is_sent(
    service, team, advisor, language, words
):
    case = fax_case(service, team, number="07700 900123")

    with translation.override(language), pytest.raises(ServiceError) as refused:
        case_reply(case=case, actor=advisor, text="Thursday.", now=NOW)

    assert refused.value.message_dict["fax"][0].startswith(words)
    assert not OutboundMessage.objects.filter(purpose="reply").exists()


def test_without_a_gateway_the_fax_fails_at_once_and_shows_on_the_case(
    settings, service, team, advisor
):
    settings.CYSWLLT = {**settings.CYSWLLT, "FAX_GATEWAY": ""}
    case = fax_case(service, team)
    case_reply(case=case, actor=advisor, text="Thursday.", now=NOW)
    message = OutboundMessage.objects.get(purpose="reply")

    assert message_deliver(message_id=message.pk, now=NOW) is False

    message.refresh_from_db()
    assert message.state == "failed"
    assert CaseEvent.objects.filter(case=case, kind="message_failed").exists()
