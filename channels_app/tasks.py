"""Celery tasks: thin adapters over the delivery services."""

from typing import cast

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .webforms.uploads import pending_uploads_purge as purge

#: One fetch of every mailbox runs at most this long (killed then); at the soft limit, a little
#: earlier, it stops cleanly between messages. Each mailbox's lock lasts the hard limit
#: (inbound/imap.py), so it never outlives a killed fetch.
FETCH_SECONDS = cast(int, settings.CYSWLLT["INBOUND_FETCH_SECONDS"])


@shared_task(
    name="channels_app.tasks.mailboxes_fetch",
    ignore_result=True,
    soft_time_limit=max(FETCH_SECONDS - max(FETCH_SECONDS // 10, 1), 1),
    time_limit=FETCH_SECONDS,
)
def mailboxes_fetch() -> int:
    """Accept the department mailboxes' new mail (safe to run twice or at once)."""
    from .inbound.imap import mailboxes_fetch as fetch  # imap-tools only where it is needed

    return sum(report.total for report in fetch())


@shared_task(name="channels_app.tasks.pending_uploads_purge", ignore_result=True)
def pending_uploads_purge() -> int:
    """Remove files added to contact forms that were never sent."""
    return purge(now=timezone.now())
