"""Timeline events keep what happened as a typed payload (contacts/event_payloads.py) instead
of in ``from_status``/``to_status``, which held statuses, milestone states, the holders of a
transferred case (``user:12``, ``team:3``) and a callback's agreed time. Every value moves into
the payload, set-based (one UPDATE per kind), before the two columns go."""

from django.db import migrations, models

STATUS_KINDS = "('status_changed', 'reopened')"
MILESTONE_KINDS = "('milestone_met', 'milestone_due_soon', 'milestone_breached', 'deadline_moved')"
KNOWN = (
    "('created', 'status_changed', 'reopened', 'milestone_met', 'milestone_due_soon', "
    "'milestone_breached', 'deadline_moved', 'transferred', 'callback_arranged')"
)


def party_id(column: str, prefix: str, vendor: str) -> str:
    number = (
        f"substr({column}, 6)::integer"
        if vendor == "postgresql"
        else f"CAST(substr({column}, 6) AS INTEGER)"
    )
    return f"CASE WHEN {column} LIKE '{prefix}:%' THEN {number} END"


def forward_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        build, strip = "jsonb_build_object", "jsonb_strip_nulls({})"
    else:
        # A JSON merge patch drops the members whose value is null.
        build, strip = "json_object", "json_patch('{{}}', {})"
    table = "contacts_caseevent"
    parties = ", ".join(
        f"'{side}_{prefix}', {party_id(side + '_status', prefix, vendor)}"
        for side in ("from", "to")
        for prefix in ("user", "team")
    )
    other = "'from', NULLIF(from_status, ''), 'to', NULLIF(to_status, '')"
    return [
        f"UPDATE {table} SET payload = {build}('status', to_status) "
        "WHERE kind = 'created' AND to_status <> ''",
        f"UPDATE {table} SET payload = {build}('from', from_status, 'to', to_status) "
        f"WHERE kind IN {STATUS_KINDS}",
        f"UPDATE {table} SET payload = {build}('state', to_status) "
        f"WHERE kind IN {MILESTONE_KINDS} AND to_status <> ''",
        f"UPDATE {table} SET payload = {strip.format(f'{build}({parties})')} "
        "WHERE kind = 'transferred'",
        f"UPDATE {table} SET payload = {build}('at', to_status) "
        "WHERE kind = 'callback_arranged' AND to_status <> ''",
        # Nothing else wrote these columns; anything that did keeps its values, under their names.
        f"UPDATE {table} SET payload = {strip.format(f'{build}({other})')} "
        f"WHERE kind NOT IN {KNOWN} AND (from_status <> '' OR to_status <> '')",
    ]


def backward_sql(vendor: str) -> list[str]:
    get = (
        (lambda key: f"coalesce(payload ->> '{key}', '')")
        if vendor == "postgresql"
        else (lambda key: f"coalesce(json_extract(payload, '$.{key}'), '')")
    )

    def party(side: str) -> str:
        return (
            f"CASE WHEN {get(side + '_user')} <> '' THEN 'user:' || {get(side + '_user')} "
            f"WHEN {get(side + '_team')} <> '' THEN 'team:' || {get(side + '_team')} ELSE '' END"
        )

    table = "contacts_caseevent"
    return [
        f"UPDATE {table} SET to_status = {get('status')} WHERE kind = 'created'",
        f"UPDATE {table} SET from_status = {get('from')}, to_status = {get('to')} "
        f"WHERE kind IN {STATUS_KINDS} OR kind NOT IN {KNOWN}",
        f"UPDATE {table} SET to_status = {get('state')} WHERE kind IN {MILESTONE_KINDS}",
        f"UPDATE {table} SET from_status = {party('from')}, to_status = {party('to')} "
        "WHERE kind = 'transferred'",
        f"UPDATE {table} SET to_status = {get('at')} WHERE kind = 'callback_arranged'",
    ]


def forward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for sql in forward_sql(schema_editor.connection.vendor):
            cursor.execute(sql)


def backward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for sql in backward_sql(schema_editor.connection.vendor):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_case_next_due_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="payload",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="caseevent", name="from_status"),
        migrations.RemoveField(model_name="caseevent", name="to_status"),
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "Case created"),
                    ("note", "Note added"),
                    ("status_changed", "Status changed"),
                    ("milestone_met", "Milestone met"),
                    ("milestone_due_soon", "Milestone due soon"),
                    ("milestone_breached", "Milestone breached"),
                    ("extended", "Deadline extended"),
                    ("deadline_moved", "Deadline moved by an office closure"),
                    ("reopened", "Case reopened"),
                    ("transferred", "Case transferred"),
                    ("callback_arranged", "Callback arranged"),
                    ("reply_sent", "Reply sent"),
                    ("letter_ready", "Letter ready to post"),
                    ("message_failed", "Message could not be sent"),
                    ("visitor_arrived", "Visitor arrived"),
                    ("complaint_recorded", "Complaint recorded"),
                    ("member_told", "Member told"),
                    ("complaint_escalated", "Escalated to stage 2"),
                    ("complaint_action", "Follow-up action agreed"),
                    ("ombudsman_recorded", "Ombudsman referral recorded"),
                    ("made_into_complaint", "Made into a complaint"),
                    ("made_from_case", "Made from a service request"),
                ],
                max_length=24,
                verbose_name="kind",
            ),
        ),
    ]
