"""Reads of consultations: the public lists, one consultation with its questions, the staff
list. The analysis and the export have their own modules (``analysis``, ``exports``)."""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .domain.people import person_digest
from .domain.periods import Period, Phase, phase
from .models import Answer, Choice, Consultation, Question, Response


def consultation_phase(consultation: Consultation, *, now: datetime | None = None) -> Phase:
    return phase(
        published=consultation.published_at is not None,
        period=Period(consultation.opens_on, consultation.closes_on),
        today=timezone.localdate(now or timezone.now()),
    )


def published_consultations(*, now: datetime) -> dict[Phase, list[Consultation]]:
    """The public list, by phase: open (closing soonest first), coming, closed (latest first)."""
    today = timezone.localdate(now)
    published = Consultation.objects.filter(published_at__isnull=False)
    return {
        Phase.OPEN: list(
            published.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "pk")
        ),
        Phase.COMING: list(published.filter(opens_on__gt=today).order_by("opens_on", "pk")),
        Phase.CLOSED: list(
            published.filter(closes_on__lt=today).order_by("-closes_on", "pk")[:100]
        ),
    }


def _with_questions(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return queryset.prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ).order_by("position", "pk"),
        ),
        "wards",
        "services",
        "themes",
    )


def published_consultation_get(*, pk: int) -> Consultation | None:
    return _with_questions(Consultation.objects.filter(published_at__isnull=False, pk=pk)).first()


def consultation_get(*, pk: int) -> Consultation | None:
    return _with_questions(Consultation.objects.filter(pk=pk)).first()


def consultations_for_staff() -> list[Consultation]:
    return list(
        Consultation.objects.annotate(
            counted=Count("responses", filter=Q(responses__confirmed_at__isnull=False))
        ).order_by("-opens_on", "-pk")[:200]
    )


def responses_of_people(*, emails: list[str]) -> tuple[list[Response], list[Answer]]:
    """The consultation responses given under any of ``emails`` (those asked to be one per
    person keep the address's digest, ``domain.people``), and their answers: what a subject
    access request finds (docs/adr/0034). Two queries."""
    digests = sorted({d for d in (person_digest(e, key=settings.SECRET_KEY) for e in emails) if d})
    if not digests:
        return [], []
    responses = list(
        Response.objects.filter(person_digest__in=digests).order_by("submitted_at", "pk")
    )
    answers = list(
        Answer.objects.filter(response__in=[r.pk for r in responses]).order_by("response_id", "pk")
    )
    return responses, answers
