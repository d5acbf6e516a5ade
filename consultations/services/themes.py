"""Officers tag free-text answers with themes: one statement however many answers."""

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from common.errors import ServiceError

from ..models import Answer, Consultation, QuestionKind, Theme


@transaction.atomic
def theme_add(*, consultation: Consultation, name: str) -> Theme:
    name = " ".join(name.split())
    if not name:
        raise ServiceError({"name": _("Enter the theme.")})
    try:
        with transaction.atomic():
            return Theme.objects.create(consultation=consultation, name=name)
    except IntegrityError:
        raise ServiceError({"name": _("There is a theme of that name already.")}) from None


@transaction.atomic
def answers_tag(
    *, consultation: Consultation, answer_ids: Sequence[int], theme_id: int, remove: bool = False
) -> int:
    """Tag (or untag) the chosen free-text answers of ``consultation`` with one of its themes;
    answers of another consultation, or not free text, are not touched."""
    theme = Theme.objects.filter(consultation=consultation, pk=theme_id).first()
    if theme is None:
        raise ServiceError({"theme": _("Choose one of this consultation's themes.")})
    answers = list(
        Answer.objects.filter(
            pk__in=list(answer_ids),
            question__consultation=consultation,
            question__kind=QuestionKind.TEXT,
        ).values_list("pk", flat=True)
    )
    if not answers:
        raise ServiceError({"answers": _("Choose at least one answer.")})
    through = Answer.themes.through
    if remove:
        through.objects.filter(theme=theme, answer_id__in=answers).delete()
    else:
        through.objects.bulk_create(
            [through(answer_id=pk, theme=theme) for pk in answers], ignore_conflicts=True
        )
    return len(answers)
