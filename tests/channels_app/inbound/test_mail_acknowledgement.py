"""End to end: an e-mail delivered to Dovecot, fetched by the beat job's task, becomes a case
whose acknowledgement a real Celery worker sends through a real SMTP server — and an auto-reply
fetched the same way gets none."""

import pytest
from django.conf import settings

from channels_app.tasks import mailboxes_fetch
from contacts.models import Case
from messaging.models import OutboundMessage
from tests.worker_process import running_worker, wait_for

from .dovecot import message

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]


def test_fetched_mail_is_acknowledged_by_smtp_in_its_language(
    imap_mailbox, dovecot, smtp_inbox, tmp_path
):
    inbox, port = smtp_inbox
    dovecot.deliver(
        message(
            sender="Siân <sian@example.com>",
            subject="Bin heb ei gasglu",
            body="Bore da, mae'r bin heb ei gasglu eto. Diolch yn fawr.",
        )
    )
    dovecot.deliver(message(sender="robot@example.com", headers={"Auto-Submitted": "auto-replied"}))

    with running_worker(tmp_path, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port)) as worker:
        assert mailboxes_fetch.apply().get() == 2
        case = Case.objects.get(channel_details__from_address="sian@example.com")
        assert wait_for(lambda: len(inbox.messages) == 1), worker.output()
        assert wait_for(lambda: OutboundMessage.objects.get(case=case).state == "sent"), (
            worker.output()
        )

    (received,) = inbox.messages
    text = received.get_body(preferencelist=("plain",)).get_content()
    assert received["To"] == "sian@example.com"
    assert case.reference in received["Subject"]
    assert case.language == "cy"
    assert "Rydym yn croesawu gohebiaeth yn Gymraeg" in text
    assert "Dear customer" not in text
    robot = Case.objects.get(channel_details__from_address="robot@example.com")
    assert OutboundMessage.objects.filter(case=robot).count() == 0
    assert case.milestones.get(kind="acknowledge").state == "met"
