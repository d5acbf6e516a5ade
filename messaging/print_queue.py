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
from contacts.models import CaseEvent, EventKind
from contacts.services import CLOCK_SKEW

from .delivery import record_sent_on_case
from .domain.replies import ReplyMethod
from .models import DeliveryState, OutboundMessage, RecipientKind


def letters_visible_to(user: User) -> QuerySet[OutboundMessage]:
    """Staff handle their own service's letters and administrators every one. Councillors and
    clerks never see the council's post, even about the enquiries they raised."""
    letters = OutboundMessage.objects.filter(
        method=ReplyMethod.LETTER, recipient_kind=RecipientKind.CUSTOMER
    )
    if user.is_administrator:
        return letters
    if user.role in STAFF_ROLES and user.service_id:
        return letters.filter(case__service_id=user.service_id)
    return letters.none()


def letters_to_post(*, user: User) -> QuerySet[OutboundMessage]:
    """The letters waiting to be posted, oldest first (the order they are owed in)."""
    return (
        letters_visible_to(user)
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
    only those still waiting are moved.
    """
    now = now or timezone.now()
    at = at or now
    _check_posted_at(at, now)
    waiting = list(
        OutboundMessage.objects.select_for_update()
        .filter(pk__in=list(message_ids), method=ReplyMethod.LETTER, state=DeliveryState.TO_POST)
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

    A letter that has not been printed yet cannot have been posted."""
    if letters_mark_posted(message_ids=[message_id], by=by, at=at, now=now):
        return True
    state = OutboundMessage.objects.filter(pk=message_id).values_list("state", flat=True).first()
    if state in (DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.FAILED):
        raise ServiceError(
            {"posted_at": _("This letter has not been printed yet, so it cannot be posted.")}
        )
    return False
