"""The e-mail that tells staff a case was transferred to them or to their team's queue.

Sent by a worker after the transfer commits (``case_transfer`` queues it). A colleague gets it
in their own language; a team mailbox, read by several people, gets it in Welsh then English.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Team, User

from .event_payloads import TEAM, USER, Party, transfer_parties
from .models import CaseEvent, EventKind

BILINGUAL_DIVIDER = "\n\n" + "—" * 20 + "\n\n"


def _recipient(party: Party | None) -> tuple[str, str, list[str]] | None:
    """(address, name to greet, languages) of whoever received the case."""
    if party is None:
        return None
    if party.kind == USER:
        user = User.objects.filter(pk=party.pk, is_active=True).first()
        if user is None or not user.email:
            return None
        return user.email, user.get_full_name() or user.get_username(), [user.preferred_language]
    assert party.kind == TEAM
    team = Team.objects.select_related("manager").filter(pk=party.pk).first()
    if team is None:
        return None
    if team.mailbox:
        return team.mailbox, "", ["cy", "en"]
    manager = team.manager
    if manager is None or not manager.email or not manager.is_active:
        return None
    return (
        manager.email,
        manager.get_full_name() or manager.get_username(),
        [manager.preferred_language],
    )


def transfer_notice(event: CaseEvent, *, name: str, languages: list[str]) -> tuple[str, str]:
    """Subject and body of the notice about ``event``."""
    case = event.case
    actor = event.actor
    subjects, bodies = [], []
    for code in languages:
        with translation.override(code or "en"):
            context = {
                "case": case,
                "event": event,
                "name": name,
                "to_team": "to_team" in event.payload,
                "actor_name": (actor.get_full_name() or actor.get_username()) if actor else "",
                "received_at": timezone.localtime(case.received_at),
            }
            subject = render_to_string("contacts/email/transfer_subject.txt", context)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string("contacts/email/transfer_body.txt", context).strip())
    return " / ".join(subjects), BILINGUAL_DIVIDER.join(bodies) + "\n"


def transfer_notice_send(*, event_id: int) -> bool:
    """Send the notice of one transfer; ``False`` when nobody can be told (no address)."""
    event = (
        CaseEvent.objects.select_related("case__customer", "case__service", "actor")
        .filter(pk=event_id, kind=EventKind.TRANSFERRED)
        .first()
    )
    if event is None:
        return False
    recipient = _recipient(transfer_parties(event.payload)[1])
    if recipient is None:
        return False
    address, name, languages = recipient
    subject, body = transfer_notice(event, name=name, languages=languages)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True
