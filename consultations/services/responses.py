"""Taking a response: from a resident online (checked by e-mail where the council asks for one
response per person) or entered by staff from a paper form, a call, an easy-read or
large-print form or a BSL conversation, marked with the way it came.

Nothing is stored unless every answer is acceptable and the consultation is open; the answers
are written in one statement."""

import secrets
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.errors import ServiceError
from councillors.models import Ward
from messaging.models import Method, Purpose, RecipientKind
from messaging.owing import PersonMessage, messages_owe

from ..domain.answers import Checked
from ..domain.people import person_digest
from ..domain.periods import Phase
from ..models import Answer, Consultation, Response, Way
from ..selectors import consultation_phase
from ..tally import tally_add

CLOSED = _("This consultation is closed: it no longer takes responses.")


def _answers(response: Response, answers: Mapping[int, Checked]) -> list[Answer]:
    rows: list[Answer] = []
    for question_id, checked in answers.items():
        if checked.choices:
            rows.extend(
                Answer(response=response, question_id=question_id, choice_id=choice)
                for choice in checked.choices
            )
        elif not checked.empty:
            rows.append(
                Answer(
                    response=response,
                    question_id=question_id,
                    value=checked.value,
                    text=checked.text,
                )
            )
    return rows


def _digest(email: str) -> str:
    return person_digest(email, key=settings.SECRET_KEY)


def confirmation_url(token: str, language: str) -> str:
    site = str(settings.CYSWLLT.get("PUBLIC_URL", "http://localhost:8000"))
    with translation.override(language):
        path = reverse("consultations:confirm", args=[token])
    return site.rstrip("/") + path


def _confirmation_owe(
    *, consultation: Consultation, response: Response, email: str, now: datetime
) -> None:
    """The link that counts the response, to the address given, in the response's language
    (the address is kept only in this message)."""
    assert response.token
    with translation.override(response.language):
        text = render_to_string(
            "consultations/email/confirm.txt",
            {
                "consultation": consultation,
                "url": confirmation_url(response.token, response.language),
                "closes_on": consultation.closes_on,
            },
        ).strip()
    subject, _blank, body = text.partition("\n")
    messages_owe(
        [
            PersonMessage(
                key=f"consultation-response:{response.pk}:check",
                person=None,
                kind=RecipientKind.CUSTOMER,
                purpose=Purpose.CONSULTATION_CHECK,
                method=Method.EMAIL,
                address=email.strip(),
                language=response.language,
                subject=" ".join(subject.split()),
                body=body.strip() + "\n",
            )
        ],
        now=now,
    )


@transaction.atomic
def response_submit(
    *,
    consultation: Consultation,
    answers: Mapping[int, Checked],
    language: str,
    ward: Ward | None,
    email: str = "",
    now: datetime,
) -> Response:
    """A resident's response through the web form. Where one response per person is asked,
    it counts once the link sent to ``email`` is followed; otherwise at once."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation_phase(locked, now=now) != Phase.OPEN:
        raise ServiceError(CLOSED)
    if locked.one_per_person and not email.strip():
        raise ServiceError({"email": _("Enter your e-mail address so we can check it is you.")})
    checking = locked.one_per_person
    response = Response.objects.create(
        consultation=locked,
        token=secrets.token_urlsafe(32) if checking else None,
        person_digest=_digest(email) if checking else "",
        language=language,
        ward=ward,
        way=Way.ONLINE,
        submitted_at=now,
        confirmed_at=None if checking else now,
    )
    Answer.objects.bulk_create(_answers(response, answers))
    if checking:
        _confirmation_owe(consultation=locked, response=response, email=email, now=now)
    else:
        tally_add(response_ids=[response.pk])
    return response


@transaction.atomic
def response_enter(
    *,
    consultation: Consultation,
    answers: Mapping[int, Checked],
    language: str,
    ward: Ward | None,
    way: str,
    actor: User,
    received_on: datetime,
    now: datetime,
) -> Response:
    """A response that came another way, typed in by staff: counted at once. It may be
    entered after the closing date if it was received while open (a letter in the post)."""
    if way == Way.ONLINE or way not in Way.values:
        raise ServiceError({"way": _("Choose how the response came.")})
    if received_on > now:
        raise ServiceError({"received_on": _("The date received cannot be in the future.")})
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation_phase(locked, now=received_on) != Phase.OPEN:
        raise ServiceError({"received_on": CLOSED})
    response = Response.objects.create(
        consultation=locked,
        language=language,
        ward=ward,
        way=way,
        entered_by=actor,
        submitted_at=received_on,
        confirmed_at=now,
    )
    Answer.objects.bulk_create(_answers(response, answers))
    tally_add(response_ids=[response.pk])
    return response


class Confirmed:
    COUNTED = "counted"
    ALREADY = "already"  # this person's response counted before
    CLOSED = "closed"
    UNKNOWN = "unknown"


def response_confirm(*, token: str, now: datetime) -> tuple[str, Consultation | None]:
    """Count the response whose link was followed: once, and only while the consultation is
    open; a person who responded before keeps their first response."""
    response = (
        Response.objects.select_related("consultation").filter(token=token).first()
        if token
        else None
    )
    if response is None:
        return Confirmed.UNKNOWN, None
    consultation = response.consultation
    if consultation_phase(consultation, now=now) != Phase.OPEN:
        return Confirmed.CLOSED, consultation
    try:
        with transaction.atomic():
            updated = Response.objects.filter(pk=response.pk, confirmed_at__isnull=True).update(
                confirmed_at=now, token=None
            )
            if updated:
                tally_add(response_ids=[response.pk])
    except IntegrityError:
        # The unique constraint: another response of theirs counted first.
        Response.objects.filter(pk=response.pk).delete()
        return Confirmed.ALREADY, consultation
    return (Confirmed.COUNTED if updated else Confirmed.ALREADY), consultation


def public_url(consultation: Consultation, language: str) -> str:
    """The consultation's public page, absolute (a text or a letter needs the whole address)."""
    site = str(settings.CYSWLLT.get("PUBLIC_URL", "http://localhost:8000"))
    with translation.override(language):
        path = reverse("consultations:consultation", args=[consultation.pk])
    return site.rstrip("/") + path
