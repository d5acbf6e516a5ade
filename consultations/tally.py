"""The running counts the analysis reads (``models.AnswerTally``): added to in the
transaction that counts a response, one statement however many answers; rebuilt from the
answers in one statement (after a bulk load, or to check them).

Why not count the answers on each page view: 50,000 responses are some 250,000 answer rows,
and grouping them all on every view of the page, filtered by ward and language, costs 150–350
ms on this machine when it is busy; the tally is a few hundred rows (docs/adr/0034)."""

from collections.abc import Sequence

from django.db import connection

from .models import Consultation, Response

_COUNTED = """
    SELECT r.consultation_id, a.question_id, a.choice_id, a.value, r.ward_id, r.language,
           false AS answered, count(*) AS n
    FROM consultations_answer a JOIN consultations_response r ON r.id = a.response_id
    WHERE {where}
    GROUP BY r.consultation_id, a.question_id, a.choice_id, a.value, r.ward_id, r.language
    UNION ALL
    SELECT r.consultation_id, a.question_id, NULL, NULL, r.ward_id, r.language,
           true, count(DISTINCT a.response_id)
    FROM consultations_answer a JOIN consultations_response r ON r.id = a.response_id
    WHERE {where}
    GROUP BY r.consultation_id, a.question_id, r.ward_id, r.language
"""
_INSERT = """
    INSERT INTO consultations_answertally
        (consultation_id, question_id, choice_id, value, ward_id, language, answered, n)
"""


def tally_add(*, response_ids: Sequence[int]) -> None:
    """Count the answers of ``response_ids`` (just counted, never counted before)."""
    if not response_ids:
        return
    if connection.vendor != "postgresql":
        # The demo's SQLite keeps no unique constraint over columns that may be NULL, so there
        # is no row to add to: its consultations' counts are made again (a demo's few rows).
        consultation_ids = (
            Response.objects.filter(pk__in=list(response_ids))
            .values_list("consultation_id", flat=True)
            .distinct()
        )
        for consultation in Consultation.objects.filter(pk__in=list(consultation_ids)):
            tally_rebuild(consultation=consultation)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT
            + _COUNTED.format(where="r.id = ANY(%s)")
            + " ON CONFLICT ON CONSTRAINT one_tally_per_answer_ward_language"
            " DO UPDATE SET n = consultations_answertally.n + EXCLUDED.n",
            [list(response_ids), list(response_ids)],
        )


def tally_rebuild(*, consultation: Consultation) -> None:
    """The counts again from every counted response of ``consultation``."""
    where = "r.consultation_id = %s AND r.confirmed_at IS NOT NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM consultations_answertally WHERE consultation_id = %s", [consultation.pk]
        )
        cursor.execute(_INSERT + _COUNTED.format(where=where), [consultation.pk, consultation.pk])
