"""A councillor's or clerk's enquiry "through the call centre or by e-mail" (issue 15, item 7;
SPEC §7): an e-mail from their registered address to a department mailbox, or a contact the
contact centre logs with the member chosen (or known by the address typed), becomes their
member enquiry, which they follow like one they raised themselves.

The fixtures (``conftest``): Cllr Jones (Llanfair, e-mail, Welsh), Cllr Evans (Llanfair and
Rhuthun, texts), the clerk of Llanfair Community Council (which copies its councillors in).
"""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from channels_app.inbound.mail import email_ingest
from channels_app.models import Mailbox
from contacts.members import case_submitter
from contacts.models import Case, Customer
from contacts.services import case_resolve
from councillors.models import MemberEnquiry
from councillors.selectors import enquiries_followed
from councillors.services import enquiry_logged_for_member
from messaging.delivery import messages_deliver_owed
from messaging.models import OutboundMessage, Purpose
from tests.channels_app.inbound.dovecot import message
from tests.factories import UserFactory

from .conftest import MONDAY

#: Monday 2 March 2026, 10:00 GMT: 10 working days on is Monday 16 March, 17:00.
RESPOND_BY = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)


@pytest.fixture
def mailbox(service, team) -> Mailbox:
    return Mailbox.objects.create(service=service, address="waste@example.gov.wales")


def emailed(sender: str, **fields) -> Case:
    outcome = email_ingest(raw=message(sender=sender, **fields), now=MONDAY)
    assert outcome.result == "created" and outcome.case is not None
    return outcome.case


def member_notices(case: Case) -> list[tuple[str, str, str]]:
    return sorted(
        OutboundMessage.objects.filter(case=case, purpose=Purpose.MEMBER_NOTICE).values_list(
            "key", "recipient", "language"
        )
    )


# --- The department mailboxes ---------------------------------------------------------------


def test_an_email_from_a_councillors_registered_address_is_their_enquiry(
    mailbox, cllr_jones, llanfair
):
    case = emailed(
        "Huw Jones <CLLR-Jones@Example.gov.wales>",
        subject="Fly-tipping on Lôn Goch",
        body="Mrs Hughes says bags have been by the gate for a week.",
    )

    assert (case.kind, case.submitted_by, case.service) == (
        "councillor_enquiry",
        cllr_jones,
        mailbox.service,
    )
    assert (case.channel, case.contact_type) == ("email", "department")
    # The councillors' standard: respond within 10 working days.
    assert [(m.kind, m.due_at) for m in case.milestones.all()] == [("respond", RESPOND_BY)]
    enquiry = MemberEnquiry.objects.get(case=case)
    assert (enquiry.ward, enquiry.community_council, enquiry.on_behalf_of) == (
        llanfair,  # the councillor's only ward
        None,
        "resident",
    )
    # The mailbox's acknowledgement answers them: no second message to say it was logged.
    owed = OutboundMessage.objects.filter(case=case).values_list("purpose", "recipient")
    assert list(owed) == [("acknowledgement", "cllr-jones@example.gov.wales")]


def test_the_councillor_follows_it_to_its_completion(
    client, service, team, advisor, mailbox, cllr_jones
):
    case = emailed(f"Huw <{cllr_jones.email}>", subject="Streetlight out on Ffordd Las")

    assert list(enquiries_followed(cllr_jones)) == [case]
    client.force_login(cllr_jones)
    listing = client.get("/en/my-enquiries/").content.decode()
    assert case.reference in listing
    page = client.get(f"/en/enquiries/{case.reference}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Streetlight out on Ffordd Las" in text
    assert "Monday 16 March 2026" in text  # "To be answered by"

    case_resolve(case=case, actor=advisor, note="Lamp replaced.", now=MONDAY)

    keys = [key for key, _to, _language in member_notices(case)]
    assert f"enquiry-completion:{case.pk}:0:user:{cllr_jones.pk}" in keys
    assert "Lamp replaced." in client.get(f"/en/enquiries/{case.reference}/").content.decode()


def test_an_email_from_a_clerks_address_is_their_councils_enquiry_copied_to_its_councillors(
    mailbox, clerk, council, cllr_jones, cllr_evans, cllr_other
):
    case = emailed(f"The Clerk <{clerk.email}>", subject="Bus shelter glass broken")

    # A clerk's enquiry is an enquiry, with the e-mail standard's acknowledgement.
    assert (case.kind, case.submitted_by) == ("enquiry", clerk)
    assert {m.kind for m in case.milestones.all()} == {"acknowledge", "respond"}
    enquiry = MemberEnquiry.objects.get(case=case)
    assert (enquiry.community_council, enquiry.ward) == (council, None)
    assert set(enquiry.copied.all()) == {cllr_jones, cllr_evans}  # Llanfair's councillors
    assert [key.split(":")[0] for key, _to, _language in member_notices(case)] == [
        "enquiry-copied",
        "enquiry-copied",
    ]
    assert OutboundMessage.objects.get(purpose=Purpose.ACKNOWLEDGEMENT).recipient == clerk.email
    assert list(enquiries_followed(clerk)) == [case]
    assert list(enquiries_followed(cllr_jones)) == [case]
    assert list(enquiries_followed(cllr_other)) == []


def test_an_address_that_is_no_single_members_stays_the_customers(
    mailbox, cllr_jones, cllr_other, advisor
):
    """Staff, a retired member and an address two members share are not recognised; nor is an
    auto-reply from a member's address."""
    cllr_other.email = cllr_jones.email
    cllr_other.save(update_fields=["email"])
    retired = UserFactory(role=Role.COUNCILLOR, team=None, email="old@example.gov.wales")
    retired.is_active = False
    retired.save(update_fields=["is_active"])

    for sender in (cllr_jones.email, advisor.email, retired.email, "ann@example.com"):
        case = emailed(sender)
        assert (case.kind, case.submitted_by) == ("enquiry", None)
    cllr_other.email = "other@example.gov.wales"
    cllr_other.save(update_fields=["email"])
    automatic = emailed(cllr_jones.email, headers={"Auto-Submitted": "auto-replied"})
    assert (automatic.kind, automatic.submitted_by) == ("enquiry", None)
    assert not MemberEnquiry.objects.exists()


def test_the_same_email_twice_makes_one_enquiry_told_once(
    mailbox, clerk, council, cllr_jones, cllr_evans
):
    raw = message(sender=clerk.email, message_id="<twice@example.gov.wales>")
    first = email_ingest(raw=raw, now=MONDAY)
    second = email_ingest(raw=raw, now=MONDAY)

    assert (first.result, second.result) == ("created", "duplicate")
    assert MemberEnquiry.objects.count() == 1
    assert len(member_notices(first.case)) == 2  # the council's two councillors copied in
    # The hook run again (a retried job) finds the record and owes nothing more.
    enquiry_logged_for_member(case=first.case, actor=None, now=MONDAY, rules_version="x")
    assert MemberEnquiry.objects.count() == 1
    assert len(member_notices(first.case)) == 2


def test_a_reply_from_a_councillor_goes_on_the_case_it_answers(mailbox, cllr_jones):
    case = emailed(cllr_jones.email, subject="Gully blocked")
    outcome = email_ingest(
        raw=message(sender=cllr_jones.email, subject=f"Re: {case.reference} Gully blocked"),
        now=MONDAY,
    )
    assert (outcome.result, outcome.case) == ("threaded", case)
    assert Case.objects.count() == 1


# --- The one recognition, asked by every way in --------------------------------------------


def test_a_member_chosen_makes_their_enquiry_and_a_complaint_is_refused(cllr_jones, clerk):
    assert case_submitter(kind="enquiry", member=cllr_jones).kind == "councillor_enquiry"
    assert case_submitter(kind="service_request", member=cllr_jones).kind == "councillor_enquiry"
    assert case_submitter(kind="service_request", member=clerk).kind == "service_request"
    with pytest.raises(Exception) as refused:
        case_submitter(kind="complaint", member=clerk)
    assert refused.value.message_dict == {
        "member": [
            "A councillor's or clerk's contact is logged as an enquiry or a service request: "
            "choose one of those, or no councillor or clerk."
        ]
    }


def test_a_member_recognised_by_address_complaining_is_an_ordinary_customer(cllr_jones):
    """A councillor may complain about their own bin: recognised, but not their enquiry."""
    by_address = case_submitter(kind="complaint", addresses=["", cllr_jones.email.upper()])
    assert (by_address.member, by_address.kind) == (None, "complaint")
    found = case_submitter(kind="enquiry", addresses=["", cllr_jones.email.upper()])
    assert (found.member, found.kind) == (cllr_jones, "councillor_enquiry")


# --- The staff form (the contact centre) ----------------------------------------------------

PHONE_CALL = {
    "contact_type": "answered",
    "caller_number": "01824 706000",
    "kind": "enquiry",
    "summary": "Fly-tipping on Lôn Goch",
    "description": "For Mrs Hughes at Tŷ Gwyn.",
    "language": "en",
    "assign_to": "me",
}


def test_the_contact_centre_logs_a_call_for_a_councillor(client, advisor, cllr_jones, llanfair):
    client.force_login(advisor)
    page = client.get("/en/log-contact/phone/").content.decode()
    assert "On behalf of a councillor or clerk" in page
    assert (
        f'<option value="{cllr_jones.pk}">Huw {cllr_jones.last_name} (County councillor)</option>'
        in page
    )

    response = client.post(
        "/en/log-contact/phone/",
        {
            **PHONE_CALL,
            "member": str(cllr_jones.pk),
            "customer_name": "Megan Hughes",
            "customer_phone": "01824 700000",
            "customer": "new",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (case.kind, case.submitted_by, case.customer.name) == (
        "councillor_enquiry",
        cllr_jones,
        "Megan Hughes",
    )
    assert MemberEnquiry.objects.get(case=case).ward == llanfair
    # Told it was logged as theirs, in Welsh, by e-mail; the resident has no address.
    assert member_notices(case) == [
        (f"enquiry-logged:{case.pk}:user:{cllr_jones.pk}", cllr_jones.email, "cy")
    ]
    assert messages_deliver_owed(now=timezone.now()) == 1
    (notice,) = mail.outbox
    assert notice.subject == f"{case.reference}: mae eich ymholiad wedi'i gofnodi"
    assert "Fly-tipping on Lôn Goch" in notice.body
    assert "o dan Fy ymholiadau" in notice.body
    banner = client.get(response["Location"]).content.decode()
    assert f"It is the enquiry of Huw {cllr_jones.last_name}, who can follow it." in banner
    assert list(enquiries_followed(cllr_jones)) == [case]


def test_the_contact_centre_knows_a_clerk_by_the_address_typed(client, advisor, clerk, council):
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/email/",
        {
            **PHONE_CALL,
            "contact_type": "department",
            "from_address": clerk.email,
            "to_address": "waste@example.gov.wales",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert (case.kind, case.submitted_by) == ("enquiry", clerk)
    assert MemberEnquiry.objects.get(case=case).community_council == council


@pytest.mark.parametrize(
    ("language", "kind", "member", "error"),
    [
        (
            "en",
            "complaint",
            "cllr",
            "A councillor&#x27;s or clerk&#x27;s contact is logged as an enquiry or a service "
            "request",
        ),
        (
            "cy",
            "complaint",
            "cllr",
            "Caiff cyswllt cynghorydd neu glerc ei gofnodi fel ymholiad neu gais am wasanaeth",
        ),
        ("en", "enquiry", "staff", "Select the councillor or clerk from the list"),
        ("cy", "enquiry", "nobody", "Dewiswch y cynghorydd neu&#x27;r clerc o&#x27;r rhestr"),
    ],
)
def test_a_member_the_form_cannot_take_is_refused_and_nothing_is_logged(
    client, advisor, cllr_jones, language, kind, member, error
):
    client.force_login(advisor)
    chosen = {"cllr": str(cllr_jones.pk), "staff": str(advisor.pk), "nobody": "99999"}[member]
    response = client.post(
        f"/{language}/log-contact/phone/", {**PHONE_CALL, "kind": kind, "member": chosen}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert error in text
    assert 'href="#id_member"' in text
    assert not Case.objects.exists() and not Customer.objects.exists()
    assert not OutboundMessage.objects.exists()
