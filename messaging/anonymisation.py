"""Taking the personal data out of a batch of cases' messages (docs/adr/0030), set-based: the
recipient, subject, body and printable letter go; the purpose, method, language, state and
times stay (what the reports and the evaluation count)."""

from collections.abc import Sequence

from contacts.services.anonymisation import files_delete_on_commit
from messaging.models import OutboundMessage


def case_messages_anonymise(*, case_ids: Sequence[int]) -> int:
    messages = OutboundMessage.objects.filter(case_id__in=list(case_ids))
    documents = [name for name in messages.values_list("document", flat=True) if name]
    files_delete_on_commit(OutboundMessage, documents, field="document")
    return messages.update(recipient="", subject="", body="", last_error="", document="")
