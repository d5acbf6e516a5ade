"""E-mail addressed to an officer who is away gets one bilingual-capable out-of-office reply:
when they are back (the next working day after the absence) and whom to contact if urgent."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Absence
from contacts.models import Customer
from messaging.models import OutboundMessage
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

# Monday 21 December 2026; the absence runs to Thursday 24th. Friday 25th is Christmas Day,
# then the weekend, and Monday 28th is the substitute for Boxing Day (a Saturday): back on
# Tuesday 29 December.
RECEIVED = datetime(2026, 12, 21, 10, 0, tzinfo=UTC)


@pytest.fixture
def absent_officer(team):
    officer = UserFactory(
        team=team, first_name="Rhys", last_name="Evans", email="rhys.evans@example.gov.wales"
    )
    cover = UserFactory(
        team=team,
        first_name="Carys",
        last_name="Owen",
        email="carys.owen@example.gov.wales",
        phone="01824 706001",
    )
    Absence.objects.create(
        user=officer,
        starts_on=date(2026, 12, 21),
        ends_on=date(2026, 12, 24),
        cover=cover,
        urgent_contact="Llinell frys / Emergency line 01824 706999",
    )
    return officer


def email_to(address: str, **extra) -> dict:
    return {
        "contact_type": "officer",
        "from_address": "sian@example.com",
        "to_address": address,
        **extra,
    }


def test_an_email_to_an_absent_officer_gets_an_out_of_office_reply(service, absent_officer):
    customer = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy"
    )

    case = make_case(
        service=service,
        customer=customer,
        details=email_to("Rhys.Evans@example.gov.wales"),  # addresses are case-insensitive
        received_at=RECEIVED,
    )

    (message,) = OutboundMessage.objects.filter(case=case)
    assert (message.key, message.purpose, message.language, message.recipient) == (
        f"case:{case.pk}:out-of-office",
        "out_of_office",
        "cy",
        "sian@example.com",
    )
    assert message.author == absent_officer
    assert message.subject == f"Allan o'r swyddfa: Rhys Evans – {case.reference}"
    assert message.body.startswith(
        "Diolch am eich neges. Mae Rhys Evans allan o'r swyddfa. Bydd yn ôl ar y dyddiad "
        "canlynol: Dydd Mawrth 29 Rhagfyr 2026.\n\n"
        f"Rydym wedi cofnodi eich neges gyda'r cyfeirnod {case.reference}.\n\n"
        "Os yw'n fater brys, cysylltwch â: Carys Owen, carys.owen@example.gov.wales, "
        "01824 706001; Llinell frys / Emergency line 01824 706999"
    )
    assert "-- \nRhys Evans" in message.body


def test_an_unknown_language_gets_it_welsh_first_then_english(service, absent_officer):
    case = make_case(
        service=service, details=email_to("rhys.evans@example.gov.wales"), received_at=RECEIVED
    )

    (message,) = OutboundMessage.objects.filter(case=case)
    assert message.language == "cy+en"
    welsh = message.body.index("canlynol: Dydd Mawrth 29 Rhagfyr 2026")
    english = message.body.index("back on Tuesday 29 December 2026")
    assert welsh < english


@pytest.mark.parametrize(
    ("details", "received_at"),
    [
        # The absence ended the day before.
        (email_to("rhys.evans@example.gov.wales"), datetime(2026, 12, 29, 9, 0, tzinfo=UTC)),
        # Someone else, who is at work.
        (email_to("carys.owen@example.gov.wales"), RECEIVED),
        # An auto-reply must never be answered by another.
        (email_to("rhys.evans@example.gov.wales", automatic=True), RECEIVED),
    ],
    ids=["back-at-work", "not-absent", "automatic"],
)
def test_no_out_of_office_reply(service, absent_officer, details, received_at):
    case = make_case(service=service, details=details, received_at=received_at, now=received_at)

    assert not OutboundMessage.objects.filter(case=case, purpose="out_of_office").exists()


def test_a_department_mailbox_email_is_acknowledged_not_answered_out_of_office(
    service, absent_officer
):
    case = make_case(service=service, received_at=RECEIVED)  # to waste@example.gov.wales

    assert list(OutboundMessage.objects.filter(case=case).values_list("purpose", flat=True)) == [
        "acknowledgement"
    ]
