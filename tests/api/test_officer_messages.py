"""Replies, extension notices and resolutions go through the outbox in the customer's language
and way of contact, carry the officer's bilingual signature, and appear on the timeline with
exactly what was sent."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from contacts.models import CaseEvent, Customer, Milestone
from messaging.delivery import message_deliver
from messaging.models import OutboundMessage
from tests.api.conftest import case_url
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday; full response by Mon 16 March
NOW = RECEIVED + timedelta(days=1)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The API's "now" is the day after the contact, so the tests' dates are fixed."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture
def officer(advisor, service):
    advisor.first_name, advisor.last_name = "Rhys", "Evans"
    advisor.job_title_cy, advisor.job_title_en = "Swyddog Gwastraff", "Waste Officer"
    advisor.phone = "01824 706123"
    advisor.save()
    service.website_cy = "https://example.gov.wales/cy/gwastraff"
    service.website_en = "https://example.gov.wales/en/waste"
    service.save()
    return advisor


def welsh_case(service, team, **customer):
    customer = Customer.objects.create(
        name="Siân Jones",
        **{"email": "sian@example.com", "preferred_language": "cy", **customer},
    )
    return make_case(service=service, team=team, customer=customer, received_at=RECEIVED)


def officers_messages(case):
    return list(OutboundMessage.objects.filter(case=case).exclude(purpose="acknowledgement"))


def test_a_reply_goes_in_welsh_with_the_bilingual_signature_and_is_on_the_timeline(
    client_for, officer, service, team
):
    case = welsh_case(service, team)

    answer = client_for(officer).post(
        case_url(case.reference, "reply"),
        {"text": "Byddwn yn casglu'r bin ddydd Iau."},
        format="json",
    )

    assert answer.status_code == 200, answer.json()
    (message,) = officers_messages(case)
    assert (message.purpose, message.method, message.language, message.recipient) == (
        "reply",
        "email",
        "cy",
        "sian@example.com",
    )
    assert message.subject == f"Ynghylch eich cyswllt â'r cyngor – {case.reference}"
    assert message.body.startswith("Annwyl Siân Jones,\n\nByddwn yn casglu'r bin ddydd Iau.")
    assert message.body.endswith(
        "Cofion cynnes,\n\n-- \nRhys Evans\nSwyddog Gwastraff | Waste Officer\n"
        "Gwastraff ac ailgylchu | Waste and recycling\nFfôn | Phone: 01824 706123\n"
        "E-bost | E-mail: advisor@example.gov.wales\n"
        "Gwefan | Website: https://example.gov.wales/cy/gwastraff | "
        "https://example.gov.wales/en/waste"
    )
    assert message_deliver(message_id=message.pk, now=NOW) is True
    (sent,) = [m for m in mail.outbox if m.subject == message.subject]
    assert sent.body == message.body
    event = CaseEvent.objects.get(case=case, kind="reply_sent", actor=officer)
    assert event.text == f"{message.subject}\n\n{message.body}"


def test_a_reply_to_a_customer_of_unknown_language_is_welsh_first_and_signed_once(
    client_for, officer, service, team
):
    case = make_case(service=service, team=team, received_at=RECEIVED)  # from ann@example.com

    client_for(officer).post(
        case_url(case.reference, "reply"), {"text": "Diolch / Thank you."}, format="json"
    )

    (message,) = officers_messages(case)
    assert message.language == "cy+en"
    assert message.recipient == "ann@example.com"
    assert message.body.index("Annwyl gwsmer") < message.body.index("Dear customer")
    assert message.body.count("Rhys Evans") == 1
    assert message.body.index("Kind regards") < message.body.index("-- \nRhys Evans")


def test_a_reply_by_text_message_carries_no_signature(client_for, officer, service, team):
    customer = Customer.objects.create(
        name="Siân", phone="07700 900123", preferred_contact_method="text", preferred_language="cy"
    )
    case = make_case(service=service, team=team, customer=customer, received_at=RECEIVED)

    client_for(officer).post(
        case_url(case.reference, "reply"), {"text": "Daw'r lori ddydd Iau."}, format="json"
    )

    (message,) = officers_messages(case)
    assert (message.method, message.recipient) == ("sms", "07700 900123")
    assert message.body == f"Daw'r lori ddydd Iau. (Cyfeirnod {case.reference})"


def test_a_reply_that_responds_meets_the_full_response_milestone(
    client_for, officer, service, team
):
    case = welsh_case(service, team)

    client_for(officer).post(
        case_url(case.reference, "reply"),
        {"text": "Dyma'r ateb llawn.", "responds": True},
        format="json",
    )

    respond = Milestone.objects.get(case=case, kind="respond")
    assert (respond.state, respond.met_at) == ("met", NOW)


def test_the_same_idempotency_key_sends_one_reply(client_for, officer, service, team):
    case = welsh_case(service, team)
    client = client_for(officer)

    for _ in range(2):
        answer = client.post(
            case_url(case.reference, "reply"),
            {"text": "Diolch.", "idempotency_key": "form-7f3a"},
            format="json",
        )
        assert answer.status_code == 200

    assert len(officers_messages(case)) == 1


@pytest.mark.parametrize(
    ("payload", "field", "error"),
    [
        ({}, "text", "Mae angen y maes hwn."),
        ({"text": "   "}, "text", "Ni chaiff y maes hwn fod yn wag."),
        ({"text": "x" * 5001}, "text", "Sicrhewch nad oes mwy na 5000 nod yn y maes hwn."),
        ({"text": "Diolch", "idempotency_key": "a b"}, "idempotency_key", None),
    ],
)
def test_a_bad_reply_is_refused_in_welsh_and_sends_nothing(
    client_for, officer, service, team, payload, field, error
):
    case = welsh_case(service, team)

    answer = client_for(officer, "cy").post(
        case_url(case.reference, "reply"), payload, format="json"
    )

    assert answer.status_code == 400
    assert field in answer.json()
    if error:
        assert answer.json()[field] == [error]
    assert officers_messages(case) == []


def test_a_customer_we_cannot_reach_cannot_be_replied_to(client_for, officer, service, team):
    case = make_case(
        service=service,
        team=team,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=RECEIVED,
    )

    answer = client_for(officer, "cy").post(
        case_url(case.reference, "reply"), {"text": "Diolch."}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "customer": [
            "Nid oes gennym gyfeiriad e-bost, rhif ffôn symudol na chyfeiriad post ar gyfer y "
            "cwsmer hwn, felly ni ellir anfon dim. Ffoniwch y cwsmer a chofnodwch yr alwad ar "
            "yr achos, neu ychwanegwch gyfeiriad e-bost, rhif ffôn symudol neu gyfeiriad post "
            "at gofnod y cwsmer."
        ]
    }
    assert officers_messages(case) == []


def test_extending_the_full_response_tells_the_customer_why_and_the_new_date(
    client_for, officer, service, team
):
    case = welsh_case(service, team)

    answer = client_for(officer).post(
        case_url(case.reference, "milestones/respond/extend"),
        {"due_at": "2026-03-23T17:00:00Z", "reason": "Mae angen i'r peiriannydd ymweld."},
        format="json",
    )

    assert answer.status_code == 200, answer.json()
    (message,) = officers_messages(case)
    assert message.purpose == "extension"
    assert message.key == f"milestone:{case.milestones.get(kind='respond').pk}:extension:1"
    assert "Y rheswm: Mae angen i'r peiriannydd ymweld." in message.body
    assert "Byddwn yn anfon ymateb llawn atoch erbyn Dydd Llun 23 Mawrth 2026." in message.body
    assert "-- \nRhys Evans" in message.body


def test_an_extension_can_be_made_without_telling_the_customer(client_for, officer, service, team):
    case = welsh_case(service, team)

    client_for(officer).post(
        case_url(case.reference, "milestones/respond/extend"),
        {
            "due_at": "2026-03-23T17:00:00Z",
            "reason": "Aros am gontractwr.",
            "notify_customer": False,
        },
        format="json",
    )

    assert officers_messages(case) == []
    respond = Milestone.objects.get(case=case, kind="respond")
    assert respond.extension_reason == "Aros am gontractwr."


def test_extending_a_deadline_the_customer_was_not_told_of_sends_nothing(
    client_for, officer, service, team
):
    case = welsh_case(service, team)

    client_for(officer).post(
        case_url(case.reference, "milestones/acknowledge/extend"),
        {"due_at": "2026-03-04T17:00:00Z", "reason": "Post yn hwyr."},
        format="json",
    )

    assert officers_messages(case) == []


def test_resolving_with_a_message_tells_the_customer_what_was_done_each_time(
    client_for, officer, service, team
):
    case = welsh_case(service, team)
    client = client_for(officer)

    client.post(
        case_url(case.reference, "resolve"),
        {"message": "Rydym wedi casglu'r bin.", "note": "Criw 4"},
        format="json",
    )
    client.post(case_url(case.reference, "reopen"), {"reason": "Heb ei gasglu"}, format="json")
    client.post(case_url(case.reference, "resolve"), {"message": "Casglwyd heddiw."}, format="json")

    first, second = sorted(officers_messages(case), key=lambda m: m.key)
    assert (first.key, second.key) == (
        f"case:{case.pk}:resolution:0",
        f"case:{case.pk}:resolution:1",
    )
    assert "Rydym wedi casglu'r bin." in first.body
    assert "Casglwyd heddiw." in second.body
    assert first.subject == f"Rydym wedi delio â'ch cyswllt – {case.reference}"


def test_resolving_without_a_message_sends_nothing(client_for, officer, service, team):
    case = welsh_case(service, team)

    client_for(officer).post(case_url(case.reference, "resolve"), {}, format="json")

    assert officers_messages(case) == []


def test_a_resolution_that_cannot_be_sent_leaves_the_case_open(client_for, officer, service, team):
    case = make_case(
        service=service,
        team=team,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=RECEIVED,
    )

    answer = client_for(officer).post(
        case_url(case.reference, "resolve"), {"message": "Done."}, format="json"
    )

    assert answer.status_code == 400
    case.refresh_from_db()
    assert case.status == "new"
    assert not CaseEvent.objects.filter(case=case, kind="status_changed").exists()
