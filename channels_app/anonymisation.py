"""Taking the personal data out of a batch of cases' incoming messages (docs/adr/0030): who
sent it and what it said go; the channel, the times and the link to the case stay."""

from collections.abc import Sequence

from channels_app.models import InboundMessage, QuarantinedMessage


def case_inbound_anonymise(*, case_ids: Sequence[int]) -> int:
    ids = list(case_ids)
    QuarantinedMessage.objects.filter(case_id__in=ids).update(raw=b"", detail="")
    return InboundMessage.objects.filter(case_id__in=ids).update(
        sender="", subject="", body="", body_html=""
    )
