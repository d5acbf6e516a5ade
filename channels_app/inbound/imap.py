"""Fetching department mailboxes over IMAP (imap-tools), for the beat job.

Each unseen message is read without marking it (``BODY.PEEK``), accepted (``email_ingest``
commits its case), and only then flagged \\Seen: a fetch that dies half-way reads the rest next
time, and a message read twice still makes one case (Message-ID). One fetch per mailbox at a
time: a lock in the cache (Redis in production) makes a second, overlapping run skip it. The
lock lasts ``CYSWLLT_INBOUND_FETCH_SECONDS``, the Celery task's hard time limit, so a fetch
killed at that limit leaves no lock behind it; at the soft limit (``SoftTimeLimitExceeded``)
the batch under way is rolled back, left unseen for the next run, and the fetch stops.
"""

import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from imap_tools import AND, MailBox, MailBoxUnencrypted, MailMessageFlags

from ..models import Mailbox
from .mail import email_accept, email_ingest
from .records import Result

log = logging.getLogger(__name__)

#: Messages read per IMAP command and stored per transaction.
BATCH = 50
_UID = re.compile(rb"UID (\d+)")


@dataclass
class FetchReport:
    mailbox: str
    skipped: bool = False  # another fetch of this mailbox was running
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def lock_key(mailbox: Mailbox) -> str:
    return f"inbound:mailbox:{mailbox.pk}:fetching"


def fetch_seconds() -> int:
    """The longest a fetch runs (the task's hard time limit), and so how long a lock lasts: a
    worker killed at the limit frees its mailbox by then."""
    return cast(int, settings.CYSWLLT["INBOUND_FETCH_SECONDS"])


def mailbox_fetch(
    mailbox: Mailbox, *, limit: int | None = None, now: datetime | None = None
) -> FetchReport:
    """Accept the mailbox's unseen mail (at most ``limit`` messages)."""
    report = FetchReport(mailbox.address)
    token = uuid.uuid4().hex
    if not cache.add(lock_key(mailbox), token, fetch_seconds()):
        report.skipped = True
        return report
    try:
        with _connect(mailbox) as client:
            uids = client.uids(AND(seen=False))
            if limit is not None:
                uids = uids[:limit]
            for start in range(0, len(uids), BATCH):
                done = _accept_batch(client, mailbox, uids[start : start + BATCH], report, now)
                # Only once the batch's cases are committed: a crash before reads them again.
                if done:
                    client.flag(done, MailMessageFlags.SEEN, True)
        Mailbox.objects.filter(pk=mailbox.pk).update(last_fetched_at=timezone.now())
    finally:
        if cache.get(lock_key(mailbox)) == token:
            cache.delete(lock_key(mailbox))
    if report.counts.get(Result.QUARANTINED):
        log.warning(
            "%s: %d message(s) quarantined", mailbox.address, report.counts[Result.QUARANTINED]
        )
    return report


def _accept_batch(
    client: MailBox | MailBoxUnencrypted,
    mailbox: Mailbox,
    uids: list[str],
    report: FetchReport,
    now: datetime | None,
) -> list[str]:
    """Accept a batch of messages in one transaction (one commit, not one per message); the
    uids of those accepted.

    Optimistically the whole batch at once, with no savepoint per message (two round trips
    each); if any message fails, the batch is rolled back and accepted again one message at a
    time, each in its own savepoint, so that one bad message costs only itself."""
    messages = list(_fetch_raw(client, uids))
    try:
        with transaction.atomic():
            results = [
                (uid, email_ingest(raw=raw, mailbox=mailbox, now=now).result)
                for uid, raw in messages
            ]
    except SoftTimeLimitExceeded:  # time is up: the batch stays unseen for the next run
        raise
    except Exception:
        return _accept_one_by_one(messages, mailbox, report, now)
    for _uid, result in results:
        report.counts[result] = report.counts.get(result, 0) + 1
    return [uid for uid, _result in results]


def _accept_one_by_one(
    messages: list[tuple[str, bytes]], mailbox: Mailbox, report: FetchReport, now: datetime | None
) -> list[str]:
    done: list[str] = []
    with transaction.atomic():
        for uid, raw in messages:
            try:
                # What cannot be stored is quarantined whole (email_accept), so it is seen.
                result = email_accept(raw=raw, mailbox=mailbox, now=now).result
            except SoftTimeLimitExceeded:
                raise
            except Exception:
                # Not even quarantined (the database is away): left unseen, so the next fetch
                # tries it again; the rest go on.
                log.exception("%s: message %s could not be accepted", mailbox.address, uid)
                report.counts["failed"] = report.counts.get("failed", 0) + 1
                continue
            report.counts[result] = report.counts.get(result, 0) + 1
            done.append(uid)
    return done


def _connect(mailbox: Mailbox) -> MailBox | MailBoxUnencrypted:
    box_class = MailBox if mailbox.use_ssl else MailBoxUnencrypted
    box = box_class(mailbox.host, mailbox.port)
    return box.login(mailbox.username, mailbox.password, initial_folder=mailbox.folder)


def _fetch_raw(
    client: MailBox | MailBoxUnencrypted, uids: list[str]
) -> Iterator[tuple[str, bytes]]:
    """(uid, raw bytes) of each message, in one command, leaving them unseen."""
    status, data = client.client.uid("FETCH", ",".join(uids), "(UID BODY.PEEK[])")
    if status != "OK":
        log.warning("IMAP FETCH of %s failed: %s", ",".join(uids), status)
        return
    for item in data:
        if not isinstance(item, tuple) or len(item) < 2:
            continue
        match = _UID.search(item[0])
        if match:
            yield match.group(1).decode(), item[1]


def mailboxes_fetch(*, now: datetime | None = None) -> list[FetchReport]:
    """Every active mailbox with an IMAP server; one failing mailbox does not stop the rest."""
    reports = []
    for mailbox in Mailbox.objects.filter(is_active=True).exclude(host="").order_by("pk"):
        try:
            reports.append(mailbox_fetch(mailbox, now=now))
        except SoftTimeLimitExceeded:
            log.warning("Fetching mail stopped at the time limit, at %s", mailbox.address)
            break
        except Exception:
            log.exception("Fetching %s failed", mailbox.address)
    return reports
