"""A consultation's counted responses as CSV or XLSX, one row per response and one column per
question, with the same filters as the analysis. Every cell a person wrote is made safe for
spreadsheet programs (``common.csv_cells``, ``common.export_text``).

Three streamed queries, merged in order of the response: responses, answers, themes tagged."""

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from django.http import HttpResponse
from django.utils.translation import gettext as _

from common.csv_cells import csv_cell

from .analysis import Filters
from .models import Answer, Consultation, QuestionKind, Way
from .xlsx import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 5000


def _headings(consultation: Consultation) -> list[str]:
    headings = [_("Response"), _("Received"), _("How it came"), _("Language"), _("Ward")]
    for question in consultation.questions.all():
        headings.append(question.text)
        if question.kind == QuestionKind.TEXT:
            headings.append(_("Themes: %(question)s") % {"question": question.text})
    return headings


def export_rows(consultation: Consultation, filters: Filters) -> Iterator[list[object]]:
    """``consultation`` with its questions and choices prefetched."""
    questions = list(consultation.questions.all())
    column = {}
    at = 5
    for question in questions:
        column[question.pk] = at
        at += 2 if question.kind == QuestionKind.TEXT else 1
    width = at
    choices = {c.pk: c.text for q in questions for c in q.choices.all()}
    ways = {value: str(label) for value, label in Way.choices}
    languages = {"cy": _("Welsh"), "en": _("English")}
    themes: dict[int, list[str]] = defaultdict(list)
    for answer_id, name in (
        Answer.themes.through.objects.filter(answer__in=filters.answers(consultation))
        .values_list("answer_id", "theme__name")
        .order_by("answer_id", "theme__name")
    ):
        themes[answer_id].append(name)
    answers = (
        filters.answers(consultation)
        .values_list("response_id", "pk", "question_id", "choice_id", "value", "text")
        .order_by("response_id", "question_id", "choice_id")
        .iterator(chunk_size=CHUNK)
    )
    pending = next(answers, None)
    for pk, submitted_at, way, language, ward in (
        filters.responses(consultation)
        .values_list("pk", "submitted_at", "way", "language", "ward__name")
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    ):
        row: list[object] = [
            pk,
            submitted_at.date(),
            ways.get(way, way),
            languages.get(language, language),
            ward or "",
        ]
        row.extend([""] * (width - 5))
        while pending is not None and pending[0] <= pk:
            response_id, answer_id, question_id, choice_id, value, text = pending
            if response_id == pk and question_id in column:
                place = column[question_id]
                if choice_id is not None:
                    label = choices.get(choice_id, "")
                    row[place] = f"{row[place]}; {label}" if row[place] else label
                elif value is not None:
                    row[place] = value
                else:
                    row[place] = text
                    row[place + 1] = "; ".join(themes.get(answer_id, ()))
            pending = next(answers, None)
        yield row


def consultation_csv(consultation: Consultation, filters: Filters) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in _headings(consultation)])
    for row in export_rows(consultation, filters):
        writer.writerow([csv_cell(v) if v != "" else "" for v in row])
    # A byte-order mark so that spreadsheet programs read the Welsh letters (ŵ, ŷ) right.
    return ("\ufeff" + buffer.getvalue()).encode()


def consultation_xlsx(consultation: Consultation, filters: Filters) -> bytes:
    return xlsx_bytes(
        title=_("Responses"),
        headings=_headings(consultation),
        rows=export_rows(consultation, filters),
    )


def export_response(
    consultation: Consultation, filters: Filters, *, extension: str
) -> HttpResponse:
    name = f"consultation-{consultation.pk}-responses.{extension}"
    if extension == "csv":
        response = HttpResponse(
            consultation_csv(consultation, filters), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(consultation_xlsx(consultation, filters), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
