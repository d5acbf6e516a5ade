"""The officers' analysis of a consultation: for each question, how many gave each answer
(counted responses only), filtered by ward and by the language of the response.

Three set-based queries whatever the number of responses: the total, the running counts
(``tally``: a few hundred rows), and the themes tagged. Nothing loops over responses."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from .domain.figures import bar_size, mean, share
from .models import Answer, AnswerTally, Consultation, Question, QuestionKind, Response


@dataclass(frozen=True)
class Filters:
    ward_id: int | None = None
    language: str | None = None

    def responses(self, consultation: Consultation) -> QuerySet[Response]:
        query = Response.objects.filter(consultation=consultation, confirmed_at__isnull=False)
        if self.ward_id is not None:
            query = query.filter(ward_id=self.ward_id)
        if self.language:
            query = query.filter(language=self.language)
        return query

    def tallies(self, consultation: Consultation) -> QuerySet[AnswerTally]:
        query = AnswerTally.objects.filter(consultation=consultation)
        if self.ward_id is not None:
            query = query.filter(ward_id=self.ward_id)
        if self.language:
            query = query.filter(language=self.language)
        return query

    def tags(self, consultation: Consultation) -> QuerySet[Any]:
        """The themes tagged on counted answers: from the consultation's themes, a few
        thousand rows at most, rather than from its answers."""
        query = Answer.themes.through.objects.filter(
            theme__consultation=consultation, answer__response__confirmed_at__isnull=False
        )
        if self.ward_id is not None:
            query = query.filter(answer__response__ward_id=self.ward_id)
        if self.language:
            query = query.filter(answer__response__language=self.language)
        return query

    def answers(self, consultation: Consultation) -> QuerySet[Answer]:
        query = Answer.objects.filter(
            question__consultation=consultation, response__confirmed_at__isnull=False
        )
        if self.ward_id is not None:
            query = query.filter(response__ward_id=self.ward_id)
        if self.language:
            query = query.filter(response__language=self.language)
        return query


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: Decimal | None

    @property
    def size(self) -> int:
        return bar_size(self.percent)


@dataclass
class QuestionFigures:
    question: Question
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT


@dataclass(frozen=True)
class Analysis:
    responses: int
    questions: list[QuestionFigures]


def consultation_analysis(consultation: Consultation, filters: Filters) -> Analysis:
    """``consultation`` with its questions, choices and themes prefetched (``selectors``)."""
    total = filters.responses(consultation).count()
    counts: dict[tuple[int, int | None, int | None], int] = {}
    answered: dict[int, int] = {}
    for question_id, choice_id, value, is_answered, n in (
        filters.tallies(consultation)
        .values_list("question_id", "choice_id", "value", "answered")
        .annotate(total=Sum("n"))
        .order_by()
    ):
        if is_answered:
            answered[question_id] = n
        else:
            counts[(question_id, choice_id, value)] = n
    themes: dict[tuple[int, int], int] = {
        (question_id, theme_id): n
        for question_id, theme_id, n in filters.tags(consultation)
        .values_list("answer__question_id", "theme_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    figures = []
    for question in consultation.questions.all():
        got = answered.get(question.pk, 0)
        result = QuestionFigures(question=question, answered=got)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            for choice in question.choices.all():
                n = counts.get((question.pk, choice.pk, None), 0)
                result.rows.append(Row(choice.text, n, share(n, got)))
        elif question.kind == QuestionKind.SCALE:
            low, high = question.scale_min or 0, question.scale_max or 0
            by_value = {v: counts.get((question.pk, None, v), 0) for v in range(low, high + 1)}
            for value, n in by_value.items():
                result.rows.append(Row(str(value), n, share(n, got)))
            result.mean = mean(by_value)
        else:
            for theme in consultation.themes.all():
                n = themes.get((question.pk, theme.pk), 0)
                result.rows.append(Row(theme.name, n, share(n, got)))
        figures.append(result)
    return Analysis(responses=total, questions=figures)


def text_answers(
    consultation: Consultation, question: Question, filters: Filters, *, theme_id: int | None
) -> QuerySet[Answer]:
    """The free-text answers of ``question``, newest first, with their themes (paged by the
    view)."""
    query = filters.answers(consultation).filter(question=question).exclude(text="")
    if theme_id is not None:
        query = query.filter(themes__id=theme_id)
    return (
        query.select_related("response").prefetch_related("themes").order_by("-response_id", "-pk")
    )
