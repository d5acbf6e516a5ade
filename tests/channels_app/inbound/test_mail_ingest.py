"""An e-mail to a department mailbox becomes one case, or goes on the case it answers; what
cannot be taken as it is waits in quarantine. Nothing is lost."""

from datetime import UTC, datetime

import pytest

from channels_app.inbound.mail import email_ingest
from channels_app.models import InboundMessage, QuarantinedMessage
from contacts.models import Attachment, Case, CaseEvent, Customer
from messaging.models import OutboundMessage
from tests.factories import make_case

from .dovecot import message
from .samples import eml, names
from .test_mime import multipart

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday


def test_an_email_opens_a_department_case_with_its_milestones_and_acknowledgement(mailbox):
    outcome = email_ingest(raw=eml("department_email"), now=NOW)

    case = outcome.case
    assert outcome.result == "created"
    assert (case.channel, case.contact_type, case.kind, case.service) == (
        "email",
        "department",
        "enquiry",
        mailbox.service,
    )
    assert case.summary == "Bin not collected"
    assert case.description == "My bin was not collected on Tuesday."
    assert case.language == "en"
    assert case.source_key == "email:<one@example.com>"
    assert case.channel_details == {
        "contact_type": "department",
        "from_address": "ann@example.com",
        "to_address": "waste@example.gov.wales",
        "subject": "Bin not collected",
        "message_id": "<one@example.com>",
        "automatic": False,
    }
    assert {(m.kind, m.due_at) for m in case.milestones.all()} == {
        ("acknowledge", datetime(2026, 3, 3, 10, 0, tzinfo=UTC)),
        ("respond", datetime(2026, 3, 16, 17, 0, tzinfo=UTC)),
    }
    (ack,) = OutboundMessage.objects.filter(case=case)
    assert (ack.purpose, ack.method, ack.recipient) == (
        "acknowledgement",
        "email",
        "ann@example.com",
    )
    record = InboundMessage.objects.get()
    assert (record.case, record.opened_case, record.mailbox) == (case, True, mailbox)


def test_the_same_message_id_twice_makes_one_case(mailbox):
    first = email_ingest(raw=message(message_id="<twice@example.com>"), now=NOW)
    second = email_ingest(raw=message(message_id="<twice@example.com>", body="again"), now=NOW)

    assert (first.result, second.result) == ("created", "duplicate")
    assert second.case == first.case
    assert Case.objects.count() == 1
    assert OutboundMessage.objects.count() == 1
    assert InboundMessage.objects.count() == 1


def test_welsh_words_make_a_welsh_case_when_the_customer_has_no_preference(mailbox):
    outcome = email_ingest(
        raw=message(subject="Bin", body="Bore da, mae'r bin heb ei gasglu eto. Diolch yn fawr."),
        now=NOW,
    )

    assert outcome.case.language == "cy"


def test_a_recorded_preference_wins_over_the_words(mailbox):
    customer = Customer.objects.create(name="Ann", email="ANN@example.com", preferred_language="cy")

    outcome = email_ingest(raw=message(), now=NOW)

    assert (outcome.case.customer, outcome.case.language) == (customer, "cy")


def test_a_reference_in_the_subject_adds_the_message_to_that_open_case(mailbox, service):
    case = make_case(service=service, received_at=NOW)
    case.status = "awaiting_customer"
    case.save(update_fields=["status"])

    outcome = email_ingest(
        raw=message(subject=f"Re: {case.reference} acknowledgement", body="The bin is green."),
        now=NOW,
    )

    assert (outcome.result, outcome.case.pk) == ("threaded", case.pk)
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.status == "in_progress"
    note = CaseEvent.objects.get(case=case, kind="note")
    assert (note.text, note.actor) == ("The bin is green.", None)
    assert OutboundMessage.objects.filter(case=case).count() == 1  # only the first acknowledgement


def test_in_reply_to_an_earlier_message_adds_to_its_case(mailbox):
    first = email_ingest(raw=message(message_id="<first@example.com>"), now=NOW)

    reply = email_ingest(
        raw=message(
            subject="Another thing",
            body="And the recycling box.",
            message_id="<second@example.com>",
            headers={"In-Reply-To": "<first@example.com>"},
        ),
        now=NOW,
    )
    replayed = email_ingest(
        raw=message(
            message_id="<second@example.com>", headers={"In-Reply-To": "<first@example.com>"}
        ),
        now=NOW,
    )

    assert (reply.result, reply.case) == ("threaded", first.case)
    assert (replayed.result, replayed.case) == ("duplicate", first.case)
    assert CaseEvent.objects.filter(case=first.case, kind="note").count() == 1
    assert Case.objects.count() == 1


def test_an_unknown_or_closed_reference_opens_a_new_case(mailbox, service):
    closed = make_case(service=service, received_at=NOW)
    Case.objects.filter(pk=closed.pk).update(status="closed")

    unknown = email_ingest(raw=message(subject="Re: CYS-2026-999999"), now=NOW)
    after_closed = email_ingest(raw=message(subject=f"Re: {closed.reference}"), now=NOW)

    assert (unknown.result, after_closed.result) == ("created", "created")
    assert Case.objects.count() == 3


def test_an_auto_reply_is_recorded_but_not_acknowledged(mailbox):
    outcome = email_ingest(raw=eml("auto_reply"), now=NOW)

    assert outcome.result == "created"
    assert outcome.case.channel_details["automatic"] is True
    assert OutboundMessage.objects.count() == 0


def test_a_bounce_is_recorded_but_not_acknowledged(mailbox):
    outcome = email_ingest(raw=eml("bounce"), now=NOW)

    assert outcome.case.channel_details["automatic"] is True
    assert OutboundMessage.objects.count() == 0


def test_attachments_are_stored_on_the_case(mailbox, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    raw = multipart(html="<p>Llun</p>", text="Llun", attachment=b"%PDF-1.4\n%fake pdf\n")
    raw = raw.replace(b"Subject:", b"Subject: x\r\nX-Ignore:", 1)

    outcome = email_ingest(raw=raw, now=NOW)

    (attachment,) = Attachment.objects.filter(case=outcome.case)
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "llun.pdf",
        "application/pdf",
        19,
    )
    assert QuarantinedMessage.objects.count() == 0


def test_an_oversized_attachment_leaves_the_case_and_quarantines_the_message(
    mailbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 10
    raw = multipart(html="<p>Llun</p>", text="Llun", attachment=b"%PDF-1.4\n%fake pdf\n")

    outcome = email_ingest(raw=raw, now=NOW)

    assert outcome.result == "created"
    assert Attachment.objects.count() == 0
    held = QuarantinedMessage.objects.get()
    assert (held.reason, held.case, held.detail, bytes(held.raw)) == (
        "attachment_refused",
        outcome.case,
        "llun.pdf must be smaller than 10\xa0bytes.",
        raw,
    )


@pytest.mark.parametrize(
    ("raw", "reason", "detail"),
    [
        (b"Subject: who sent this?\r\n\r\nbody", "malformed", "No sender's address."),
        (b"\x00\xff" * 10, "malformed", "No sender's address."),
        (b"", "malformed", "Empty."),
    ],
)
def test_what_cannot_be_read_is_quarantined_whole(mailbox, raw, reason, detail):
    outcome = email_ingest(raw=raw, mailbox=mailbox, now=NOW)

    held = outcome.quarantined
    assert (outcome.result, outcome.case) == ("quarantined", None)
    assert (held.reason, held.detail, bytes(held.raw), held.size, held.mailbox) == (
        reason,
        detail,
        raw,
        len(raw),
        mailbox,
    )
    assert Case.objects.count() == 0


def test_an_oversized_message_is_quarantined(mailbox, settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "INBOUND_EMAIL_MAX_BYTES": 100}
    raw = message(body="x" * 200)

    outcome = email_ingest(raw=raw, now=NOW)

    assert (outcome.quarantined.reason, outcome.quarantined.detail) == (
        "too_large",
        f"{len(raw)} bytes; the limit is 100.",
    )


def test_mail_to_no_known_mailbox_is_quarantined(mailbox):
    outcome = email_ingest(raw=message(to="someone@example.org"), now=NOW)

    assert (outcome.quarantined.reason, outcome.quarantined.detail) == (
        "no_service",
        "No department mailbox among someone@example.org.",
    )
    assert Case.objects.count() == 0


def test_script_in_the_html_never_reaches_the_case(mailbox):
    raw = multipart(html='<p>Bin</p><script>alert("x")</script><img src=x onerror=alert(1)>')
    raw = raw.replace(b"<multi-1@example.com>", b"<script-1@example.com>")

    outcome = email_ingest(raw=raw, now=NOW)

    record = InboundMessage.objects.get(case=outcome.case)
    assert outcome.case.description == "Bin"
    assert record.body_html == '<p>Bin</p><img src="x">'


@pytest.mark.parametrize("sample", names("eml"))
def test_every_sample_email_makes_one_case_of_the_mailboxs_service(mailbox, sample):
    first = email_ingest(raw=eml(sample), now=NOW)
    again = email_ingest(raw=eml(sample), now=NOW)

    assert (first.result, again.result, again.case) == ("created", "duplicate", first.case)
    assert (first.case.service, first.case.channel) == (mailbox.service, "email")
    assert InboundMessage.objects.get().body == first.case.description


def test_a_welsh_sample_makes_a_welsh_case(mailbox):
    case = email_ingest(raw=eml("welsh_multipart"), now=NOW).case

    assert (case.language, case.summary, case.channel_details["from_address"]) == (
        "cy",
        "Bin heb ei gasglu",
        "sian@example.com",
    )
