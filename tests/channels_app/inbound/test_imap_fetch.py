"""The beat job fetches department mailboxes from a real IMAP server (Dovecot): each message
makes one case, fetched messages are marked seen, and fetching twice or at once doubles
nothing."""

import pytest
from django.core.cache import cache

from channels_app.inbound.imap import lock_key, mailbox_fetch, mailboxes_fetch
from channels_app.models import Mailbox, QuarantinedMessage
from contacts.models import Case, CaseEvent

from .dovecot import message

pytestmark = pytest.mark.django_db


def test_a_fetch_makes_a_case_per_message_and_marks_them_seen(imap_mailbox, dovecot):
    dovecot.deliver(message(subject="Bin one", message_id="<m1@example.com>"))
    dovecot.deliver(message(subject="Bin two", message_id="<m2@example.com>"))

    report = mailbox_fetch(imap_mailbox)

    assert (report.skipped, report.counts) == (False, {"created": 2})
    assert sorted(Case.objects.values_list("summary", flat=True)) == ["Bin one", "Bin two"]
    assert dovecot.seen() == 2
    imap_mailbox.refresh_from_db()
    assert imap_mailbox.last_fetched_at is not None


def test_a_second_fetch_reads_only_new_mail(imap_mailbox, dovecot):
    dovecot.deliver(message(message_id="<m1@example.com>"))
    mailbox_fetch(imap_mailbox)
    dovecot.deliver(message(subject="Re: more", message_id="<m3@example.com>"))

    report = mailbox_fetch(imap_mailbox)

    assert report.counts == {"created": 1}
    assert Case.objects.count() == 2


def test_the_same_message_delivered_twice_makes_one_case(imap_mailbox, dovecot):
    raw = message(message_id="<again@example.com>")
    dovecot.deliver(raw)
    dovecot.deliver(raw)

    report = mailbox_fetch(imap_mailbox)

    assert report.counts == {"created": 1, "duplicate": 1}
    assert Case.objects.count() == 1
    assert dovecot.seen() == 2


def test_a_reply_quoting_the_reference_goes_on_the_case(imap_mailbox, dovecot):
    dovecot.deliver(message(message_id="<m1@example.com>"))
    mailbox_fetch(imap_mailbox)
    case = Case.objects.get()
    dovecot.deliver(message(subject=f"Re: {case.reference}", body="Still not collected."))

    assert mailbox_fetch(imap_mailbox).counts == {"threaded": 1}
    assert CaseEvent.objects.get(case=case, kind="note").text == "Still not collected."


def test_unreadable_mail_is_quarantined_and_marked_seen(imap_mailbox, dovecot):
    dovecot.deliver(b"Subject: nobody sent this\r\n\r\nbody\r\n")

    report = mailbox_fetch(imap_mailbox)

    assert report.counts == {"quarantined": 1}
    assert dovecot.seen() == 1
    assert Case.objects.count() == 0


def test_a_fetch_already_running_for_the_mailbox_is_not_repeated(imap_mailbox, dovecot):
    dovecot.deliver(message())
    cache.set(lock_key(imap_mailbox), "another-worker", 60)
    try:
        report = mailbox_fetch(imap_mailbox)
    finally:
        cache.delete(lock_key(imap_mailbox))

    assert (report.skipped, report.counts) == (True, {})
    assert Case.objects.count() == 0
    assert dovecot.seen() == 0


def test_the_beat_job_fetches_every_active_mailbox_and_survives_a_broken_one(
    imap_mailbox, dovecot, service
):
    Mailbox.objects.create(
        service=service,
        address="broken@example.gov.wales",
        host="127.0.0.1",
        port=1,  # nothing listens there
        use_ssl=False,
        username="x",
        password="y",
    )
    Mailbox.objects.create(service=service, address="push-only@example.gov.wales")
    dovecot.deliver(message())

    reports = mailboxes_fetch()

    assert [(r.mailbox, r.counts) for r in reports] == [("waste@example.gov.wales", {"created": 1})]
    assert Case.objects.count() == 1


def test_a_message_that_fails_costs_only_itself_and_waits_in_quarantine(
    imap_mailbox, dovecot, monkeypatch
):
    """The batch is rolled back and accepted again one message at a time: the others are
    stored once, and the failing one is quarantined whole (not lost, not fetched forever)."""
    from channels_app.inbound import imap, mail

    real_ingest = mail.email_ingest

    def failing_on_the_second(*, raw, **kwargs):
        if b"<broken@example.com>" in raw:
            raise RuntimeError("a bug in one message's handling")
        return real_ingest(raw=raw, **kwargs)

    monkeypatch.setattr(imap, "email_ingest", failing_on_the_second)
    monkeypatch.setattr(mail, "email_ingest", failing_on_the_second)
    broken = message(subject="Broken", message_id="<broken@example.com>")
    dovecot.deliver(message(subject="Bin one", message_id="<m1@example.com>"))
    dovecot.deliver(broken)
    dovecot.deliver(message(subject="Bin three", message_id="<m3@example.com>"))

    report = mailbox_fetch(imap_mailbox)

    assert report.counts == {"created": 2, "quarantined": 1}
    assert sorted(Case.objects.values_list("summary", flat=True)) == ["Bin one", "Bin three"]
    held = QuarantinedMessage.objects.get()
    assert (held.reason, held.detail, held.mailbox) == (
        "not_stored",
        "Could not be stored: RuntimeError.",
        imap_mailbox,
    )
    assert b"Subject: Broken" in bytes(held.raw)
    assert dovecot.seen() == 3


def test_a_message_that_cannot_even_be_quarantined_stays_unseen(imap_mailbox, dovecot, monkeypatch):
    from channels_app.inbound import imap

    real_ingest = imap.email_ingest
    real_accept = imap.email_accept

    def failing(real):
        def call(*, raw, **kwargs):
            if b"<broken@example.com>" in raw:
                raise RuntimeError("the database is away")
            return real(raw=raw, **kwargs)

        return call

    monkeypatch.setattr(imap, "email_ingest", failing(real_ingest))
    monkeypatch.setattr(imap, "email_accept", failing(real_accept))
    dovecot.deliver(message(subject="Bin one", message_id="<m1@example.com>"))
    dovecot.deliver(message(subject="Broken", message_id="<broken@example.com>"))

    report = mailbox_fetch(imap_mailbox)

    assert report.counts == {"created": 1, "failed": 1}
    assert QuarantinedMessage.objects.count() == 0
    assert dovecot.seen() == 1


def test_the_fetch_task_has_a_time_limit_and_its_locks_last_no_longer(
    imap_mailbox, dovecot, monkeypatch, settings
):
    from channels_app import tasks

    fetch_seconds = settings.CYSWLLT["INBOUND_FETCH_SECONDS"]
    timeouts = []
    real_add = cache.add

    def recording_add(key, value, timeout=None, **kwargs):
        timeouts.append(timeout)
        return real_add(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "add", recording_add)

    mailbox_fetch(imap_mailbox)

    assert (tasks.mailboxes_fetch.time_limit, tasks.mailboxes_fetch.soft_time_limit) == (
        fetch_seconds,
        fetch_seconds - fetch_seconds // 10,
    )
    assert timeouts == [fetch_seconds]


def test_at_the_soft_time_limit_the_fetch_stops_leaving_the_batch_unseen(
    imap_mailbox, dovecot, monkeypatch
):
    """The batch under way is rolled back, not retried message by message nor counted failed:
    the next run reads it again, and the mailbox is not left locked."""
    from celery.exceptions import SoftTimeLimitExceeded

    from channels_app.inbound import imap, mail

    real_ingest = mail.email_ingest

    def time_up_at_the_second(*, raw, **kwargs):
        if b"<m2@example.com>" in raw:
            raise SoftTimeLimitExceeded()
        return real_ingest(raw=raw, **kwargs)

    monkeypatch.setattr(imap, "email_ingest", time_up_at_the_second)
    monkeypatch.setattr(mail, "email_ingest", time_up_at_the_second)
    dovecot.deliver(message(subject="Bin one", message_id="<m1@example.com>"))
    dovecot.deliver(message(subject="Bin two", message_id="<m2@example.com>"))

    reports = mailboxes_fetch()

    assert reports == []
    assert (Case.objects.count(), QuarantinedMessage.objects.count()) == (0, 0)
    assert dovecot.seen() == 0
    assert cache.get(lock_key(imap_mailbox)) is None
