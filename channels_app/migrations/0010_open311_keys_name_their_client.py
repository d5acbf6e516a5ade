# Each Open311 client reads back only the requests it sent (docs/adr/0018), so a request's
# submission id, and the source key made from it, start with the client's user id:
# "open311-<user id>-<hash>". The requests stored before name their client only by username in
# their channel details: those are looked up once here and the keys rewritten, a client's rows
# in batches. A request whose client no longer exists keeps its old key, which no client reads.

from django.db import migrations

OLD_PREFIX = "webform:open311-"
BATCH = 1000


def keys_name_their_client(apps, schema_editor):
    Case = apps.get_model("contacts", "Case")
    User = apps.get_model("accounts", "User")
    reports = Case.objects.filter(channel="webform", source_key__startswith=OLD_PREFIX)
    usernames = set(reports.values_list("channel_details__client", flat=True).distinct())
    clients = dict(
        User.objects.filter(username__in=usernames - {None}).values_list("username", "pk")
    )
    for username, client_id in clients.items():
        prefix = f"open311-{client_id}-"
        batch = []
        for case in reports.filter(channel_details__client=username).only(
            "pk", "source_key", "channel_details"
        ):
            old = case.source_key[len(OLD_PREFIX) :]
            if old.startswith(f"{client_id}-"):
                continue  # already in the new form
            case.source_key = f"webform:{prefix}{old}"
            case.channel_details = {**case.channel_details, "submission_id": prefix + old}
            batch.append(case)
            if len(batch) == BATCH:
                Case.objects.bulk_update(batch, ["source_key", "channel_details"])
                batch = []
        Case.objects.bulk_update(batch, ["source_key", "channel_details"])


class Migration(migrations.Migration):
    # channels_app 0009 already needs the cases and users it reads; naming contacts or accounts
    # here too would reorder the older migrations of the plan (messaging's table renames would
    # run before complaints 0003 reads the templates under their old table).
    dependencies = [("channels_app", "0009_outbox_and_templates_move_to_messaging")]

    # Keys in the new form are still unique and still say the same report: nothing to undo.
    operations = [migrations.RunPython(keys_name_their_client, migrations.RunPython.noop)]
