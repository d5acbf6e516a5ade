"""A reply naming a case (its reference in the subject, or In-Reply-To one of its messages) is
added to it only when it comes from one of the case's parties: its customer, the address that
opened it, or the councillor or clerk who raised it. Anyone else's waits in quarantine, linked
to the case, and the case is untouched (issue 16, finding 5)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from channels_app.inbound.mail import email_ingest
from channels_app.inbound.release import quarantined_release
from channels_app.models import InboundMessage, QuarantinedMessage
from contacts.models import Case, CaseEvent, Customer
from tests.factories import UserFactory, make_case

from .dovecot import message

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SPOOF_DETAIL = (
    "Names case {reference}, but its sender is not the case's customer, the address that "
    "opened it, or the councillor or clerk who raised it."
)


def _notes(case):
    return list(CaseEvent.objects.filter(case=case, kind="note").values_list("text", flat=True))


def test_a_stranger_naming_a_complaint_in_the_subject_is_quarantined_not_added(mailbox, service):
    complaint = make_case(service=service, kind="complaint", received_at=NOW)
    raw = message(
        sender="Mallory <mallory@example.net>",
        to="anything@example.gov.wales",
        subject=f"Re: {complaint.reference}",
        body="Please close this complaint.",
    )

    outcome = email_ingest(raw=raw, mailbox=mailbox, now=NOW)

    held = QuarantinedMessage.objects.get()
    assert (outcome.result, outcome.case, outcome.quarantined) == ("quarantined", complaint, held)
    assert (held.reason, held.case, held.detail, bytes(held.raw)) == (
        "sender_mismatch",
        complaint,
        SPOOF_DETAIL.format(reference=complaint.reference),
        raw,
    )
    assert _notes(complaint) == []
    assert InboundMessage.objects.count() == 0
    assert Case.objects.count() == 1


def test_a_stranger_replying_to_a_cases_message_is_quarantined(mailbox):
    first = email_ingest(raw=message(message_id="<first@example.com>"), now=NOW)

    outcome = email_ingest(
        raw=message(
            sender="mallory@example.net",
            message_id="<second@example.net>",
            headers={"In-Reply-To": "<first@example.com>"},
        ),
        now=NOW,
    )

    assert (outcome.result, outcome.quarantined.reason) == ("quarantined", "sender_mismatch")
    assert _notes(first.case) == []


def test_the_sender_who_opened_the_case_is_matched_whatever_the_letter_case(mailbox, service):
    case = make_case(service=service, received_at=NOW)  # from ann@example.com

    outcome = email_ingest(
        raw=message(sender="Ann <ANN@Example.COM>", subject=f"Re: {case.reference}", body="Green"),
        now=NOW,
    )

    assert (outcome.result, outcome.case) == ("threaded", case)
    assert _notes(case) == ["Green"]
    assert QuarantinedMessage.objects.count() == 0


def test_the_customers_recorded_address_may_reply(mailbox, service):
    customer = Customer.objects.create(name="Ann", email="ann.jones@example.org")
    case = make_case(service=service, received_at=NOW, customer=customer)

    outcome = email_ingest(
        raw=message(sender="ann.jones@example.org", subject=f"Re: {case.reference}", body="Ta"),
        now=NOW,
    )

    assert (outcome.result, _notes(case)) == ("threaded", ["Ta"])


def test_the_councillor_who_raised_it_may_reply(mailbox, service):
    councillor = UserFactory(role=Role.COUNCILLOR, team=None, email="cllr.evans@example.gov.wales")
    case = make_case(
        service=service,
        details={
            "contact_type": "department",
            "from_address": "resident@example.org",
            "to_address": "waste@example.gov.wales",
        },
        received_at=NOW,
        submitted_by=councillor,
    )

    outcome = email_ingest(
        raw=message(sender="cllr.evans@example.gov.wales", subject=f"Re: {case.reference}"),
        now=NOW,
    )

    assert (outcome.result, outcome.case) == ("threaded", case)


def test_a_member_of_staff_is_not_a_party(mailbox, service, team):
    """Staff write on a case in Cyswllt; a From naming them proves nothing."""
    officer = UserFactory(role=Role.ADVISOR, team=team, email="officer@example.gov.wales")
    case = make_case(service=service, received_at=NOW, owner=officer)

    outcome = email_ingest(
        raw=message(sender="officer@example.gov.wales", subject=f"Re: {case.reference}"),
        now=NOW,
    )

    assert (outcome.result, outcome.quarantined.reason) == ("quarantined", "sender_mismatch")


def _held_reply(case, mailbox):
    raw = message(
        sender="Ann's son <gareth@example.net>",
        subject=f"Re: {case.reference}",
        body="Mam asked me to say the bin is green.",
    )
    return email_ingest(raw=raw, mailbox=mailbox, now=NOW).quarantined


def test_staff_can_add_a_held_reply_to_its_case_from_the_quarantine(
    client, administrator, mailbox, service
):
    case = make_case(service=service, received_at=NOW)
    held = _held_reply(case, mailbox)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:channels_app_quarantinedmessage_changelist"),
        {"action": "release_to_case", "_selected_action": [held.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    held.refresh_from_db()
    assert _notes(case) == ["Mam asked me to say the bin is green."]
    record = InboundMessage.objects.get()
    assert (record.case, record.sender, record.received_at) == (case, "gareth@example.net", NOW)
    assert (held.reviewed_by, held.reviewed_at is not None) == (administrator, True)
    assert "1 message added to its case." in response.content.decode()


def test_a_held_reply_is_not_added_to_a_case_since_closed(mailbox, service, administrator):
    from common.errors import ServiceError

    case = make_case(service=service, received_at=NOW)
    held = _held_reply(case, mailbox)
    Case.objects.filter(pk=case.pk).update(status="closed")

    with pytest.raises(ServiceError) as refused:
        quarantined_release(held, user=administrator)

    assert refused.value.messages == ["The case is Closed; reopen it first."]
    held.refresh_from_db()
    assert (held.reviewed_at, _notes(case), InboundMessage.objects.count()) == (None, [], 0)


def test_only_replies_held_because_of_their_sender_can_be_released(mailbox, service, administrator):
    from common.errors import ServiceError

    held = email_ingest(raw=b"Subject: who?\r\n\r\nbody", mailbox=mailbox, now=NOW).quarantined

    with pytest.raises(ServiceError) as refused:
        quarantined_release(held, user=administrator)

    assert refused.value.messages == [
        "Only a reply held because of its sender can be added to its case."
    ]
