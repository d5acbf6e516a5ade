"""Migration channels_app 0010: an Open311 request stored before names its client by user id
in its submission id and source key, so that each client reads back its own requests."""

import pytest

from tests.factories import make_case
from tests.migrating import migrate

BEFORE = [("channels_app", "0009_outbox_and_templates_move_to_messaging")]
AFTER = [("channels_app", "0010_open311_keys_name_their_client")]
HASH = "0123456789abcdef0123456789abcdef01234567"


def report(service, *, client: str, key: str):
    details = {"form": "open311", "submission_id": key, "client": client}
    return make_case(service=service, channel="webform", details=details)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_keys_name_their_client(service, integration):
    old = report(service, client=integration.username, key=f"open311-{HASH}")
    new = report(service, client=integration.username, key=f"open311-{integration.pk}-{HASH[::-1]}")
    gone = report(service, client="a-client-since-removed", key=f"open311-{HASH[:-1]}9")
    other_form = make_case(
        service=service, channel="webform", details={"form": "general", "submission_id": "s-1"}
    )
    migrate(BEFORE)
    try:
        migrate(AFTER)
    finally:
        migrate(None)
    from contacts.models import Case

    keys = dict(Case.objects.values_list("pk", "source_key"))
    assert keys == {
        old.pk: f"webform:open311-{integration.pk}-{HASH}",
        new.pk: f"webform:open311-{integration.pk}-{HASH[::-1]}",
        gone.pk: f"webform:open311-{HASH[:-1]}9",
        other_form.pk: "webform:s-1",
    }
    old.refresh_from_db()
    assert old.channel_details["submission_id"] == f"open311-{integration.pk}-{HASH}"
