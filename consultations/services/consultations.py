"""Officers' changes to a consultation: its texts and dates, its questions, publishing it, and
its closing report. Each refuses with a translated ``ServiceError`` and changes nothing."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Service, User
from common.errors import ServiceError
from common.jobs import enqueue
from councillors.models import Ward

from ..domain.periods import Period, Phase
from ..models import CHOICE_KINDS, Choice, Consultation, Question, QuestionKind
from ..selectors import consultation_phase
from ..tasks import consultation_openings

#: The translated fields an officer writes (both languages of each).
TEXT_FIELDS = ("title", "why", "proposal", "groups", "how_to_ask")
REQUIRED_TEXTS = ("title", "why", "proposal")
OUTCOME_FIELDS = ("what_we_asked", "what_we_found", "what_difference")
LANGUAGES = ("cy", "en")


def _check_period(opens_on: date, closes_on: date) -> None:
    if not Period(opens_on, closes_on).valid():
        raise ServiceError(
            {"closes_on": _("The closing date must be on or after the opening date.")}
        )


def _texts(texts: dict[str, str], fields: Iterable[str]) -> dict[str, str]:
    return {
        f"{field}_{code}": (texts.get(f"{field}_{code}") or "").strip()
        for field in fields
        for code in LANGUAGES
    }


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    texts: dict[str, str],
    opens_on: date,
    closes_on: date,
    alternatives: Sequence[str],
    one_per_person: bool,
    wards: Iterable[Ward],
    services: Iterable[Service],
) -> Consultation:
    _check_period(opens_on, closes_on)
    consultation = Consultation.objects.create(
        **_texts(texts, TEXT_FIELDS),
        opens_on=opens_on,
        closes_on=closes_on,
        alternatives=list(alternatives),
        one_per_person=one_per_person,
    )
    consultation.wards.set(list(wards))
    consultation.services.set(list(services))
    return consultation


@transaction.atomic
def consultation_change(
    *,
    consultation: Consultation,
    actor: User,
    texts: dict[str, str],
    opens_on: date,
    closes_on: date,
    alternatives: Sequence[str],
    one_per_person: bool,
    wards: Iterable[Ward],
    services: Iterable[Service],
    now: datetime | None = None,
) -> Consultation:
    """Change what it says and when it runs. Once it has opened, the e-mail check cannot be
    switched (responses already taken were counted under the other rule)."""
    _check_period(opens_on, closes_on)
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    started = consultation_phase(locked, now=now) in (Phase.OPEN, Phase.CLOSED)
    if started and one_per_person != locked.one_per_person:
        raise ServiceError(
            {"one_per_person": _("Responses are already being taken: this cannot change now.")}
        )
    for field, value in _texts(texts, TEXT_FIELDS).items():
        setattr(locked, field, value)
    locked.opens_on, locked.closes_on = opens_on, closes_on
    locked.alternatives = list(alternatives)
    locked.one_per_person = one_per_person
    locked.save()
    locked.wards.set(list(wards))
    locked.services.set(list(services))
    return locked


@transaction.atomic
def question_add(
    *,
    consultation: Consultation,
    kind: str,
    texts: dict[str, str],
    required: bool,
    choices_cy: Sequence[str] = (),
    choices_en: Sequence[str] = (),
    scale_min: int | None = None,
    scale_max: int | None = None,
) -> Question:
    """A question, added at the end. Not once responses are taken: every response must have
    been asked the same questions."""
    if consultation.responses.exists():
        raise ServiceError(_("Responses have been given: the questions cannot change now."))
    if kind in CHOICE_KINDS:
        if len(choices_cy) != len(choices_en):
            raise ServiceError(
                {
                    "choices_cy": _(
                        "Give each choice in both languages, one a line, in the same order."
                    )
                }
            )
        if len(choices_en) < 2:
            raise ServiceError({"choices_en": _("Give at least two choices.")})
    if kind == QuestionKind.SCALE:
        if scale_min is None or scale_max is None or scale_min >= scale_max:
            raise ServiceError({"scale_max": _("The highest value must be above the lowest.")})
    else:
        scale_min = scale_max = None
    position = consultation.questions.count()
    question = Question.objects.create(
        consultation=consultation,
        position=position,
        kind=kind,
        required=required,
        scale_min=scale_min,
        scale_max=scale_max,
        **_texts(texts, ("text", "hint", "scale_min_label", "scale_max_label")),
    )
    if kind in CHOICE_KINDS:
        Choice.objects.bulk_create(
            Choice(question=question, position=i, text_cy=cy.strip(), text_en=en.strip())
            for i, (cy, en) in enumerate(zip(choices_cy, choices_en, strict=True))
        )
    return question


@transaction.atomic
def question_remove(*, question: Question) -> None:
    if question.consultation.responses.exists():
        raise ServiceError(_("Responses have been given: the questions cannot change now."))
    question.delete()


@transaction.atomic
def consultation_publish(*, consultation: Consultation, actor: User, now: datetime) -> Consultation:
    """Show it to the public. Its wards' councillors are told when it opens (the job
    ``tasks.consultation_openings``, asked for now in case it opens today)."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.published_at is not None:
        return locked
    if not locked.questions.exists():
        raise ServiceError(_("Add at least one question before publishing."))
    missing = [f for f, v in _texts(locked.__dict__, REQUIRED_TEXTS).items() if not v]
    if missing:
        raise ServiceError(_("Write the title, why and what is proposed in both languages."))
    locked.published_at, locked.published_by = now, actor
    locked.save(update_fields=["published_at", "published_by", "modified_at"])
    enqueue(consultation_openings)
    return locked


@transaction.atomic
def outcome_publish(
    *, consultation: Consultation, actor: User, texts: dict[str, Any], now: datetime
) -> Consultation:
    """The closing report, in both languages, once the consultation has closed."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation_phase(locked, now=now) != Phase.CLOSED:
        raise ServiceError(_("The outcome can be published once the consultation has closed."))
    values = _texts(texts, OUTCOME_FIELDS)
    errors = {
        field: _("Write this in both languages.") for field, value in values.items() if not value
    }
    if errors:
        raise ServiceError(errors)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.outcome_published_at = locked.outcome_published_at or now
    locked.save()
    return locked
