"""Migration contacts 0007 moves what ``from_status``/``to_status`` held into each event's
payload, losing nothing: statuses, milestone states, the holders of a transferred case and
a callback's agreed time."""

import pytest
from django.db import connection

from tests.factories import make_case
from tests.migrating import migrate

BEFORE = [("contacts", "0006_case_next_due_at")]
AFTER = [("contacts", "0007_event_payload")]

# kind, from_status, to_status → payload
ROWS = [
    ("created", "", "new", {"status": "new"}),
    ("status_changed", "new", "acknowledged", {"from": "new", "to": "acknowledged"}),
    ("reopened", "resolved", "in_progress", {"from": "resolved", "to": "in_progress"}),
    ("milestone_met", "", "met_late", {"state": "met_late"}),
    ("milestone_due_soon", "", "due_soon", {"state": "due_soon"}),
    ("milestone_breached", "", "breached", {"state": "breached"}),
    ("deadline_moved", "", "pending", {"state": "pending"}),
    ("transferred", "user:12", "team:3", {"from_user": 12, "to_team": 3}),
    ("transferred", "team:4", "user:7", {"from_team": 4, "to_user": 7}),
    ("transferred", "", "user:7", {"to_user": 7}),
    ("callback_arranged", "", "2026-03-02T14:00Z", {"at": "2026-03-02T14:00Z"}),
    ("note", "", "", {}),
    ("extended", "", "", {}),
]


# serialized_rollback restores the catalogue the flush after a transactional test removes.
@pytest.mark.long
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_overloaded_columns_move_into_the_payload(service):
    case = make_case(service=service)
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM contacts_caseevent")
            for index, (kind, before, after, _payload) in enumerate(ROWS):
                cursor.execute(
                    "INSERT INTO contacts_caseevent (id, case_id, kind, created_at, from_status,"
                    " to_status, text) VALUES (%s, %s, %s, %s, %s, %s, '')",
                    [index + 1, case.pk, kind, case.received_at, before, after],
                )
        migrate(AFTER)
    finally:
        migrate()
    from contacts.models import CaseEvent

    payloads = dict(CaseEvent.objects.values_list("id", "payload"))
    assert payloads == {index + 1: row[3] for index, row in enumerate(ROWS)}
