"""The members' outbox (``councillors.MemberMessage``) and the staff alerts
(``contacts.SlaAlert``) move into the one outbox, row for row: nothing is lost, what was sent
stays sent with its time, what was owed is owed again (and sent by the next beat), and what was
given up stays failed. The old tables are dropped by ``councillors.0004`` and ``contacts.0008``,
which run after this. Safe to run twice: a key already moved is left as it is.
"""

from django.db import migrations
from django.utils import timezone

BATCH = 2000
#: The staff alerts' old give-up (``contacts.alerts.MAX_ATTEMPTS``).
ALERT_MAX_ATTEMPTS = 8
#: The beat entries of the senders that the one delivery loop replaces.
RETIRED_BEAT_TASKS = ("contacts.tasks.sla_alerts_send", "councillors.tasks.member_messages_send")


def _batches(queryset):
    batch = []
    for row in queryset.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def member_messages_move(apps, schema_editor):
    MemberMessage = apps.get_model("councillors", "MemberMessage")
    OutboundMessage = apps.get_model("messaging", "OutboundMessage")
    for batch in _batches(MemberMessage.objects.order_by("pk")):
        OutboundMessage.objects.bulk_create(
            [
                OutboundMessage(
                    key=old.key,
                    recipient_kind="member",
                    person_id=old.recipient_id,
                    case_id=old.case_id,
                    purpose="member_notice",
                    method=old.method,
                    language=old.language,
                    recipient=old.address,
                    subject=old.subject,
                    body=old.body,
                    state=old.state,
                    attempts=old.attempts,
                    next_attempt_at=old.next_attempt_at,
                    claimed_at=old.claimed_at,
                    # A worker held it: it may have gone, so a second send shows as a repeat.
                    handed_over_at=old.claimed_at if old.state == "sending" else None,
                    sent_at=old.sent_at,
                    last_error=old.last_error,
                    created_at=old.created_at,
                )
                for old in batch
            ],
            ignore_conflicts=True,
        )


def sla_alerts_move(apps, schema_editor):
    SlaAlert = apps.get_model("contacts", "SlaAlert")
    OutboundMessage = apps.get_model("messaging", "OutboundMessage")
    now = timezone.now()
    alerts = SlaAlert.objects.select_related("recipient", "milestone").order_by("pk")
    for batch in _batches(alerts):
        rows = []
        for old in batch:
            email = old.recipient.email
            if old.sent_at is not None:
                state = "sent"
            elif not email or old.attempts >= ALERT_MAX_ATTEMPTS:
                state = "failed"
            else:
                state = "queued"
            rows.append(
                OutboundMessage(
                    key=(
                        f"sla-alert:{old.milestone_id}:{old.revision}:{old.transition}"
                        f":user:{old.recipient_id}"
                    ),
                    recipient_kind="staff",
                    person_id=old.recipient_id,
                    case_id=old.milestone.case_id,
                    purpose="sla_alert",
                    method="email",
                    language="cy" if old.recipient.preferred_language == "cy" else "en",
                    recipient=email,
                    state=state,
                    attempts=old.attempts,
                    next_attempt_at=old.sent_at or now,
                    # Claimed and never marked sent: it may have gone.
                    handed_over_at=old.claimed_at if state == "queued" else None,
                    sent_at=old.sent_at,
                    last_error="" if state != "failed" else "Not sent by the old alert sender.",
                    created_at=old.created_at,
                )
            )
        OutboundMessage.objects.bulk_create(rows, ignore_conflicts=True)


def retired_beat_entries_remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=RETIRED_BEAT_TASKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_one_outbox_for_every_person"),
        ("councillors", "0003_member_methods_as_the_outbox"),
        ("contacts", "0008_message_sent_again_event"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(member_messages_move, migrations.RunPython.noop),
        migrations.RunPython(sla_alerts_move, migrations.RunPython.noop),
        migrations.RunPython(retired_beat_entries_remove, migrations.RunPython.noop),
    ]
