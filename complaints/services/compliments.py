"""Compliments: recorded against the officer or team praised and passed on to them and their
manager by a worker once stored."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Service, Team, User
from common.jobs import enqueue
from contacts.models import Case
from standards.channels import Channel

from ..models import Compliment

BILINGUAL_DIVIDER = "\n\n" + "—" * 20 + "\n\n"


@transaction.atomic
def compliment_record(
    *,
    service: Service,
    channel: str,
    received_at: datetime,
    text: str,
    actor: User,
    officer: User | None = None,
    team: Team | None = None,
    from_name: str = "",
    case: Case | None = None,
    now: datetime | None = None,
) -> Compliment:
    """Record a compliment (``case``: the contact it came in as, when it was logged as one)
    and pass it on to the officer and their manager once stored."""
    from ..tasks import compliment_pass_on

    now = now or timezone.now()
    errors = {}
    if officer is None and team is None:
        errors["officer"] = _("Choose the officer or the team praised.")
    if officer is not None and officer.service_id != service.pk:
        errors["officer"] = _("Choose a member of staff of the service.")
    if team is not None and team.service_id != service.pk:
        errors["team"] = _("Choose a team of the service.")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the compliment came in.")
    if not text.strip():
        errors["text"] = _("Write what they said.")
    if timezone.is_naive(received_at) or received_at > now:
        errors["received_at"] = _("The date received cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    compliment = Compliment.objects.create(
        service=service,
        officer=officer,
        team=team if team is not None else (officer.team if officer else None),
        channel=channel,
        received_at=received_at,
        text=text.strip(),
        from_name=from_name.strip(),
        case=case,
        recorded_by=actor,
    )
    enqueue(compliment_pass_on, compliment.pk)
    return compliment


def _recipients(compliment: Compliment) -> list[User]:
    """The officer praised and their team's manager (or the team's manager when a team was)."""
    people = [compliment.officer] if compliment.officer else []
    team = compliment.team
    if team is not None and team.manager is not None:
        people.append(team.manager)
    unique = {person.pk: person for person in people if person.is_active and person.email}
    return list(unique.values())


def compliment_pass_on_send(*, compliment_id: int, now: datetime | None = None) -> int:
    """E-mail the compliment to whoever it concerns, once: a second run, or two at once, find
    it passed on already (or locked) and send nothing. Returns how many were e-mailed."""
    now = now or timezone.now()
    with transaction.atomic():
        compliment = (
            Compliment.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("officer", "team__manager", "service")
            .filter(pk=compliment_id, passed_on_at__isnull=True)
            .first()
        )
        if compliment is None:
            return 0
        sent = 0
        for person in _recipients(compliment):
            with translation.override(person.preferred_language or "en"):
                context = {"compliment": compliment, "name": person.get_full_name()}
                subject = " ".join(
                    render_to_string("complaints/email/compliment_subject.txt", context).split()
                )
                body = render_to_string("complaints/email/compliment_body.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
            sent += 1
        compliment.passed_on_at = now
        compliment.save(update_fields=["passed_on_at", "modified_at"])
    return sent
