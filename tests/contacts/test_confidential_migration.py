"""Migration contacts 0010 adds ``Case.confidential``: every complaint already stored becomes
confidential, nothing else does, and from then on the database refuses a complaint that is not
(docs/adr/0018)."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import make_case
from tests.migrating import migrate

BEFORE = [("contacts", "0013_voicemail_events")]
AFTER = [("contacts", "0014_case_confidential")]


# serialized_rollback restores the catalogue the flush after a transactional test removes.
@pytest.mark.long
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_complaints_become_confidential_and_stay_so(service):
    complaint = make_case(service=service, kind="complaint")
    enquiry = make_case(service=service)
    migrate(BEFORE)
    try:
        migrate(AFTER)
    finally:
        migrate(None)
    from contacts.models import Case

    flags = dict(Case.objects.values_list("pk", "confidential"))
    assert flags == {complaint.pk: True, enquiry.pk: False}
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=complaint.pk).update(confidential=False)
