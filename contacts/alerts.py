"""Sending the e-mails the SLA sweep owes to staff.

An alert is claimed before it is sent and marked sent after, so two workers never send the same
one; a claim left by a worker that died is taken over once it is ``CLAIM_TIMEOUT`` old.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import SlaAlert

CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 8
BATCH_SIZE = 100


def sla_alerts_claim(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    with transaction.atomic():
        ids = list(
            SlaAlert.objects.select_for_update(skip_locked=True)
            .filter(
                Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
                sent_at__isnull=True,
                attempts__lt=MAX_ATTEMPTS,
            )
            .order_by("id")
            .values_list("id", flat=True)[:limit]
        )
        SlaAlert.objects.filter(id__in=ids).update(claimed_at=now, attempts=F("attempts") + 1)
    return ids


def sla_alerts_send(*, now: datetime | None = None) -> int:
    """Send every claimable alert; returns how many went out."""
    now = now or timezone.now()
    ids = sla_alerts_claim(now=now)
    alerts = (
        SlaAlert.objects.filter(id__in=ids)
        .select_related("recipient", "milestone__case__service", "milestone__target")
        .order_by("id")
    )
    sent = 0
    for alert in alerts:
        if not alert.recipient.email:
            SlaAlert.objects.filter(pk=alert.pk).update(sent_at=now)
            continue
        subject, body = alert_message(alert)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [alert.recipient.email])
        SlaAlert.objects.filter(pk=alert.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        sent += 1
    return sent


def alert_message(alert: SlaAlert) -> tuple[str, str]:
    """Subject and body in the recipient's own language."""
    milestone = alert.milestone
    case = milestone.case
    with translation.override(alert.recipient.preferred_language or "en"):
        context = {
            "alert": alert,
            "case": case,
            "milestone": milestone,
            "recipient": alert.recipient,
            "due_at": timezone.localtime(milestone.due_at) if milestone.due_at else None,
        }
        subject = render_to_string("contacts/email/sla_alert_subject.txt", context).strip()
        body = render_to_string("contacts/email/sla_alert_body.txt", context)
    return " ".join(subject.split()), body
