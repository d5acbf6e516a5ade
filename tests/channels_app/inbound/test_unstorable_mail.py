"""Every e-mail that cannot be stored as it stands is stored cleaned or quarantined whole: never
a 500, never lost (issue 16, finding 7). A NUL (which PostgreSQL's text cannot hold) is left
out of what is stored and kept in the quarantine's raw bytes; a message that is only a file
keeps the file."""

from datetime import UTC, datetime

import pytest
from django.db import DataError

from channels_app.inbound.mail import email_ingest
from channels_app.models import InboundMessage, QuarantinedMessage
from contacts.models import Attachment, Case, CaseEvent
from tests.factories import make_case

from .dovecot import message
from .samples import unusual

pytestmark = pytest.mark.django_db

URL = "/api/v1/inbound/email/"
MIME = "message/rfc822"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_a_nul_in_the_message_id_makes_a_case_without_it(mail_api, mailbox):
    response = mail_api.post(URL, unusual("nul_in_message_id"), content_type=MIME)

    case = Case.objects.get()
    assert (response.status_code, response.json()["result"]) == (201, "created")
    assert case.source_key == "email:<nulone@example.com>"
    assert case.channel_details["message_id"] == "<nulone@example.com>"


def test_a_nul_in_the_subject_of_a_reply_is_left_out(mail_api, mailbox, service):
    case = make_case(service=service)
    raw = message(subject=f"Re: {case.reference} bin\x00day", body="Still\x00 waiting")

    response = mail_api.post(URL, raw, content_type=MIME)

    assert (response.status_code, response.json()["result"]) == (200, "threaded")
    record = InboundMessage.objects.get()
    assert (record.case, record.subject, record.body) == (
        case,
        f"Re: {case.reference} binday",
        "Still waiting",
    )
    assert QuarantinedMessage.objects.count() == 0


def test_what_the_database_refuses_is_quarantined_whole_not_answered_500(
    mail_api, mailbox, service, monkeypatch
):
    from channels_app.inbound import pipeline

    def refusing(**kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(pipeline, "case_add_inbound", refusing)
    case = make_case(service=service)
    raw = message(subject=f"Re: {case.reference}", body="More about my bin.")

    response = mail_api.post(URL, raw, content_type=MIME)

    held = QuarantinedMessage.objects.get()
    assert (response.status_code, response.json()) == (
        202,
        {"result": "quarantined", "reference": None, "quarantine_id": held.pk},
    )
    assert (held.reason, held.detail, bytes(held.raw), held.mailbox) == (
        "not_stored",
        "Could not be stored: DataError.",
        raw,
        mailbox,
    )
    assert InboundMessage.objects.count() == 0  # the half-done work was rolled back
    assert not CaseEvent.objects.filter(case=case, kind="note").exists()


def test_a_message_that_is_only_a_file_keeps_the_file(mailbox, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    outcome = email_ingest(raw=unusual("scanned_letter"), now=NOW)

    assert (outcome.result, outcome.case.summary) == ("created", "Scanned letter")
    (attachment,) = Attachment.objects.filter(case=outcome.case)
    assert (attachment.filename, attachment.content_type) == ("llythyr.pdf", "application/pdf")
    assert QuarantinedMessage.objects.count() == 0


def test_a_nameless_file_is_named_by_its_type(mailbox, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    raw = (
        unusual("scanned_letter")
        .replace(b'; name="llythyr.pdf"', b"")
        .replace(b'Content-Disposition: attachment; filename="llythyr.pdf"\r\n', b"")
    )

    outcome = email_ingest(raw=raw, now=NOW)

    (attachment,) = Attachment.objects.filter(case=outcome.case)
    assert (attachment.filename, attachment.content_type) == ("attachment.pdf", "application/pdf")
