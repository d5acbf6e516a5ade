"""The analysis counts what was answered with set-based queries, by ward and by language;
officers tag free-text answers with themes; the export is safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from consultations.analysis import Filters, consultation_analysis
from consultations.models import Answer, AnswerTally, Theme
from consultations.selectors import consultation_get
from consultations.tally import tally_rebuild
from councillors.models import Ward

from .helpers import answers_post, consultation, officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(client):
    """Three online responses: two in English (ward Aber), one in Welsh (no ward)."""
    made = consultation()
    aber = Ward.objects.create(code="aber", name="Aber")
    url = reverse("consultations:respond", args=[made.pk])
    client.post(url, {**answers_post(made, scale="4", single=0, multiple=(0, 1)), "ward": aber.pk})
    client.post(
        url,
        {
            **answers_post(made, scale="2", single=1, multiple=(1,), text="=HYPERLINK(1)"),
            "ward": aber.pk,
        },
    )
    client.post(
        "/cy" + url[3:], answers_post(made, scale="4", single=None, multiple=(2,), text="Da")
    )
    translation.activate("en")  # the Welsh request left Welsh active in this thread
    return made, aber


def _tallies() -> list[str]:
    columns = ("question_id", "choice_id", "value", "ward_id", "language", "answered", "n")
    return sorted(str(row) for row in AnswerTally.objects.values_list(*columns))


def _rows(analysis, kind):
    figures = next(f for f in analysis.questions if f.question.kind == kind)
    return figures, [(r.label, r.count, str(r.percent)) for r in figures.rows]


def test_counts_per_question_and_filters(answered, django_assert_max_num_queries):
    made, aber = answered
    made = consultation_get(pk=made.pk)
    with django_assert_max_num_queries(3):
        analysis = consultation_analysis(made, Filters())
    assert analysis.responses == 3
    scale, rows = _rows(analysis, "scale")
    assert rows == [
        ("1", 0, "0.0"),
        ("2", 1, "33.3"),
        ("3", 0, "0.0"),
        ("4", 2, "66.7"),
        ("5", 0, "0.0"),
    ]
    assert str(scale.mean) == "3.3"  # (4 + 2 + 4) / 3
    single, rows = _rows(analysis, "single")
    assert single.answered == 2 and rows == [("Monday", 1, "50.0"), ("Friday", 1, "50.0")]
    multiple, rows = _rows(analysis, "multiple")
    # Three people answered; "Glass" ticked by two of them.
    assert multiple.answered == 3
    assert rows == [("Paper", 1, "33.3"), ("Glass", 2, "66.7"), ("Food", 1, "33.3")]
    # The running counts are what a recount from the answers gives.
    before = _tallies()
    tally_rebuild(consultation=made)
    assert _tallies() == before
    welsh = consultation_analysis(made, Filters(language="cy"))
    assert welsh.responses == 1
    in_aber = consultation_analysis(made, Filters(ward_id=aber.pk))
    assert in_aber.responses == 2


def test_officers_tag_answers_with_themes_and_filter(client, answered):
    made, _aber = answered
    client.force_login(officer())
    client.post(reverse("consultations:theme-new", args=[made.pk]), {"name": "  Cost  "})
    theme = Theme.objects.get(consultation=made)
    assert theme.name == "Cost"
    question = made.questions.get(kind="text")
    texts = list(Answer.objects.filter(question=question).order_by("pk"))
    url = reverse("consultations:answers", args=[made.pk, question.pk])
    assert client.post(url, {"theme": theme.pk, "answers": [texts[0].pk]}).status_code == 302
    assert list(texts[0].themes.all()) == [theme]
    # An answer of another question, or nothing ticked: refused, nothing changes.
    other = Answer.objects.exclude(question=question).first()
    answer = client.post(url, {"theme": theme.pk, "answers": [other.pk]})
    assert answer.status_code == 400 and "Choose at least one answer." in answer.content.decode()
    assert client.post(url, {"theme": theme.pk}).status_code == 400
    analysis = consultation_analysis(consultation_get(pk=made.pk), Filters())
    _figures, rows = _rows(analysis, "text")
    assert rows == [("Cost", 1, "33.3")]
    page = client.get(url + f"?theme={theme.pk}").content.decode()
    assert texts[0].text in page and texts[1].text not in page
    page = client.get(
        reverse("consultations:analysis", args=[made.pk]) + "?language=cy"
    ).content.decode()
    assert "1 response counted" in page
    assert (
        client.get(reverse("consultations:analysis", args=[made.pk]) + "?ward=nope").status_code
        == 400
    )


def test_export_csv_and_xlsx_strip_formulas(client, answered):
    made, _aber = answered
    client.force_login(officer())
    answer = client.get(reverse("consultations:export", args=[made.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Response", "Received", "How it came", "Language", "Ward"]
    assert len(rows) == 4
    assert "'=HYPERLINK(1)" in rows[2]
    assert "Paper; Glass" in rows[1]
    answer = client.get(reverse("consultations:export", args=[made.pk, "xlsx"]) + "?language=en")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    assert all(not (isinstance(v, str) and v.startswith("=")) for row in values for v in row)
