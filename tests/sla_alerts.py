"""The deadline alerts owed to staff about a milestone, read from the one outbox (``messaging``)."""

from messaging.models import OutboundMessage, Purpose


def milestone_alerts(milestone, transition: str | None = None) -> list[tuple[int, str, str]]:
    """(revision, transition, recipient's username) of each alert owed about ``milestone``,
    sorted; the key names them: ``sla-alert:<milestone>:<revision>:<transition>:user:<id>``."""
    alerts = OutboundMessage.objects.filter(
        purpose=Purpose.SLA_ALERT, key__startswith=f"sla-alert:{milestone.pk}:"
    ).select_related("person")
    found = []
    for alert in alerts:
        _kind, _milestone, revision, kind, *_rest = alert.key.split(":")
        if transition is None or kind == transition:
            username = alert.person.username if alert.person else ""
            found.append((int(revision), kind, username))
    return sorted(found)
