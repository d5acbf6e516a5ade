"""The print queue: letters rendered to PDF and waiting for staff to post them.

A letter counts as sent, and meets the acknowledgement milestone, when it is posted, not when it
is printed: the customer cannot read a letter that is still on the office printer.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import STAFF_ROLES, User
from common.errors import ServiceError
from contacts import policies
from contacts.models import CaseEvent, EventKind
from contacts.selectors import case_visible_to
from contacts.services import CLOCK_SKEW

from .delivery import record_sent_on_case
from .domain.replies import ReplyMethod
from .models import DeliveryState, OutboundMessage, RecipientKind


def _letters(user: User) -> QuerySet[OutboundMessage]:
    """Customers' letters, for staff and administrators. Councillors and clerks never see the
    council's post, even about the enquiries they raised."""
    letters = OutboundMessage.objects.filter(
        method=ReplyMethod.LETTER, recipient_kind=RecipientKind.CUSTOMER
    )
    if user.is_administrator or user.role in STAFF_ROLES:
        return letters
    return letters.none()


def letters_visible_to(user: User) -> QuerySet[OutboundMessage]:
    """The letters about cases ``user`` may open: a letter carries the customer's name and
    address and what the council told them, so it follows the one policy
    (``case_visible_to``): a complaint's letters only to those who handle it, never to anyone
    named in it."""
    return _letters(user).filter(case__in=case_visible_to(user))


def letters_postable_by(user: User) -> QuerySet[OutboundMessage]:
    """Of the letters ``user`` may open, those of cases they may work (``can_work``: their own
    service's): their print queue, and the only letters they may mark posted."""
    return _letters(user).filter(case__in=policies.workable(case_visible_to(user), user=user))


def letters_to_post(*, user: User) -> QuerySet[OutboundMessage]:
    """The letters waiting in ``user``'s print queue, oldest first (the order they are owed in)."""
    return (
        letters_postable_by(user)
        .filter(state=DeliveryState.TO_POST)
        .select_related("case__service", "posted_by")
        .order_by("created_at", "id")
    )


def letter_get(*, user: User, message_id: int) -> OutboundMessage | None:
    return (
        letters_visible_to(user)
        .select_related("case__service", "posted_by")
        .filter(pk=message_id)
        .first()
    )


def letter_filename(letter: OutboundMessage) -> str:
    """The name a downloaded letter is saved under: the case's reference first, for sorting."""
    reference = letter.case.reference if letter.case else "letter"
    return f"{reference}-{letter.purpose}-{letter.pk}.pdf"


def _printed_at() -> Subquery:
    """When the letter was printed: the first "letter ready" entry on its case's timeline since
    the letter was owed. Another letter of the same case printed in between can only make this
    earlier, so a true posting time is never refused."""
    return Subquery(
        CaseEvent.objects.filter(
            case_id=OuterRef("case_id"),
            kind=EventKind.LETTER_READY,
            created_at__gte=OuterRef("created_at"),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )


def _check_posted_at(at: datetime, now: datetime) -> None:
    if timezone.is_naive(at):
        raise ServiceError({"posted_at": _("Give the time with its UTC offset.")})
    if at > now + CLOCK_SKEW:
        raise ServiceError({"posted_at": _("The time of posting cannot be in the future.")})


@transaction.atomic
def letters_mark_posted(
    *,
    message_ids: Iterable[int],
    by: User,
    at: datetime | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Record that these letters went in the post at ``at`` (now if not given); the ids of the
    letters this call moved from the print queue to sent.

    Letters already posted, or not printed yet, are left as they are, so that the same request
    made twice, or by two people at once, records each posting once: the rows are locked and
    only those still waiting are moved. Letters outside ``by``'s print queue
    (``letters_postable_by``) are as good as none.
    """
    now = now or timezone.now()
    at = at or now
    _check_posted_at(at, now)
    postable = letters_postable_by(by).filter(pk__in=list(message_ids))
    waiting = list(
        OutboundMessage.objects.select_for_update()
        .filter(pk__in=postable.values("pk"), state=DeliveryState.TO_POST)
        .annotate(printed_at=_printed_at())
        .only("pk", "case_id", "author_id", "purpose", "subject", "body", "created_at")
        .order_by("pk")  # one lock order for everyone: no deadlock between two batches
    )
    for letter in waiting:
        if at < (letter.printed_at or letter.created_at):
            raise ServiceError({"posted_at": _("A letter cannot be posted before it was printed.")})
    # Still conditional: the rows are locked, but the update must never move a letter twice.
    OutboundMessage.objects.filter(
        pk__in=[letter.pk for letter in waiting], state=DeliveryState.TO_POST
    ).update(state=DeliveryState.SENT, posted_at=at, posted_by=by, sent_at=at)
    for letter in waiting:
        record_sent_on_case(letter, sent_at=at)
    return [letter.pk for letter in waiting]


def letter_mark_posted(
    *, message_id: int, by: User, at: datetime | None = None, now: datetime | None = None
) -> bool:
    """Record that one letter went in the post; ``False`` when it had been recorded already.

    Only a letter of ``by``'s print queue, and only once it has been printed."""
    state = letters_postable_by(by).filter(pk=message_id).values_list("state", flat=True).first()
    if state is None:
        raise ServiceError(_("Only letters in your print queue can be marked as posted."))
    if state not in (DeliveryState.TO_POST, DeliveryState.SENT):
        raise ServiceError(
            {"posted_at": _("This letter has not been printed yet, so it cannot be posted.")}
        )
    return bool(letters_mark_posted(message_ids=[message_id], by=by, at=at, now=now))
