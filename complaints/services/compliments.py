"""Compliments: recorded against the officer or team praised and passed on to them and their
manager through messaging's outbox, in the same transaction. A compliment logged as a case
(by an advisor, through the public form) goes into the register when the case is made, and to
the service's complaints officers too, who keep the register."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, Service, Team, User
from common.errors import ServiceError
from contacts.models import Case, CaseKind
from messaging.models import Method, Purpose, RecipientKind
from messaging.owing import PersonMessage, messages_owe
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
    and pass it on to the officer and their manager (``compliment_pass_on``)."""
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
        raise ServiceError(errors)
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
    compliment_pass_on(compliment=compliment, now=now)
    return compliment


def compliment_from_case(
    *, case: Case, actor: User | None, now: datetime, rules_version: str
) -> Compliment | None:
    """Registered with ``contacts.hooks.case_created``: a compliment logged as a case goes
    into the compliments register, inside the transaction that makes the case, and is passed
    on. It praises the officer the case was given to and their team, or the team whose queue
    it went to. When it went to neither, it names nobody: the service's complaints officers,
    who are told of every compliment logged as a case, read whom it praises and pass it on.

    Passed on once: the register holds one compliment per case, so a second call, or one
    made at the same time in another transaction, finds it and owes nothing."""
    if case.kind != CaseKind.COMPLIMENT:
        return None
    owner = (
        case.owner if case.owner is not None and case.owner.service_id == case.service_id else None
    )
    team = case.team or (owner.team if owner is not None else None)
    customer = case.customer
    fields = {
        "service": case.service,
        "officer": owner,
        "team": team,
        "channel": case.channel,
        "received_at": case.received_at,
        "text": case.description.strip() or case.summary.strip(),
        "from_name": customer.name.strip() if customer is not None else "",
        "recorded_by": actor,
    }
    try:
        # Its own savepoint: a compliment another transaction recorded for this case first
        # refuses the insert without spoiling the caller's transaction.
        with transaction.atomic():
            compliment = Compliment.objects.create(case=case, **fields)
    except IntegrityError:
        return Compliment.objects.get(case=case)
    compliment_pass_on(compliment=compliment, now=now)
    return compliment


def _recipients(compliment: Compliment) -> list[User]:
    """The officer praised and their team's manager (or the team's manager when a team was);
    for a compliment logged as a case, the service's complaints officers as well (the
    standard: "forwarding the details to your service complaints officer")."""
    people = [compliment.officer] if compliment.officer else []
    team = compliment.team
    if team is not None and team.manager is not None:
        people.append(team.manager)
    if compliment.case_id is not None:
        people += User.objects.filter(
            role=Role.COMPLAINTS_OFFICER, team__service_id=compliment.service_id
        ).order_by("pk")
    unique = {person.pk: person for person in people if person.is_active and person.email}
    return list(unique.values())


def _keeps_the_register(person: User, compliment: Compliment) -> bool:
    """Told as the complaints officer who keeps the register, not as the officer praised."""
    return person.role == Role.COMPLAINTS_OFFICER and person != compliment.officer


def compliment_pass_on(*, compliment: Compliment, now: datetime) -> int:
    """Owe the compliment to whoever it concerns, in each one's language, through messaging's
    outbox: written with the compliment, delivered once. Returns how many are owed."""
    rows = []
    for person in _recipients(compliment):
        language = person.preferred_language or "en"
        with translation.override(language):
            context = {
                "compliment": compliment,
                "name": person.get_full_name(),
                "keeper": _keeps_the_register(person, compliment),
            }
            subject = " ".join(
                render_to_string("complaints/email/compliment_subject.txt", context).split()
            )
            body = render_to_string("complaints/email/compliment_body.txt", context)
        rows.append(
            PersonMessage(
                key=f"compliment:{compliment.pk}:user:{person.pk}",
                person=person,
                kind=RecipientKind.STAFF,
                purpose=Purpose.COMPLIMENT,
                method=Method.EMAIL,
                address=person.email,
                language=language,
                subject=subject,
                body=body,
            )
        )
    messages_owe(rows, now=now)
    compliment.passed_on_at = now
    compliment.save(update_fields=["passed_on_at", "modified_at"])
    return len(rows)
