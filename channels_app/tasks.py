"""Celery tasks: thin adapters over the delivery services."""

from celery import shared_task
from django.utils import timezone

from .webforms.uploads import pending_uploads_purge as purge


@shared_task(name="channels_app.tasks.mailboxes_fetch", ignore_result=True)
def mailboxes_fetch() -> int:
    """Accept the department mailboxes' new mail (safe to run twice or at once)."""
    from .inbound.imap import mailboxes_fetch as fetch  # imap-tools only where it is needed

    return sum(report.total for report in fetch())


@shared_task(name="channels_app.tasks.pending_uploads_purge", ignore_result=True)
def pending_uploads_purge() -> int:
    """Remove files added to contact forms that were never sent."""
    return purge(now=timezone.now())
