"""The standards in public (issue 18 item 4): the Customer Care Standards page, read live
from the catalogue, and the quarterly figures against them, read from the daily table of
``published_fixture`` and checked against the figures counted by hand there."""

from html import unescape

import pytest
from django.utils import timezone

from standards.models import Behaviour, Standard, Target
from tests.performance.html_tables import tables
from tests.performance.published_fixture import TODAY, build_quarter

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/customer-care-standards/performance/"


@pytest.fixture
def quarter(service, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    build_quarter(service=service)


# --- The standards ---------------------------------------------------------------------------


def test_the_standards_page_follows_the_document_in_english(client):
    response = client.get("/en/customer-care-standards/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = [section.label for section, _ in response.context["sections"]]
    assert [str(h) for h in headings[:4]] == ["Telephone", "In writing", "Face to face", "Website"]
    assert "When the customer: E-mails a department" in html
    assert "Acknowledge within 24 hours" in html
    assert "Respond within 10 working days" in html
    assert "greeting the caller bilingually in a polite and courteous manner" in html
    # The catalogue's codes are the council's own: not for the public page.
    assert "EMAIL_DEPARTMENT" not in html and "PHONE_ANSWER" not in html


def test_the_standards_page_in_welsh(client):
    html = client.get("/cy/customer-care-standards/").content.decode()
    assert 'lang="cy"' in html
    assert "Ein Safonau Gofal Cwsmeriaid" in html
    assert "Yn ysgrifenedig" in html
    assert "Pan fydd y cwsmer: Yn anfon e-bost at adran" in html
    assert "Cydnabod o fewn 24 awr" in html
    assert "cyfarch y galwr yn ddwyieithog mewn modd cwrtais a moesgar" in html


def test_an_administrators_change_shows_at_once(client):
    client.get("/en/customer-care-standards/")
    letter = Standard.objects.get(code="LETTER")
    Target.objects.filter(standard=letter).update(amount=7)
    Behaviour.objects.create(
        standard=letter, position=99, text_en="signing it", text_cy="ei lofnodi"
    )
    Standard.objects.filter(code="FAX").update(is_active=False)

    english = client.get("/en/customer-care-standards/").content.decode()
    welsh = client.get("/cy/customer-care-standards/").content.decode()
    assert "Respond within 7 working days" in english and "signing it" in english
    assert "Ymateb o fewn 7 diwrnod gwaith" in welsh and "ei lofnodi" in welsh
    assert "Faxes" not in english  # withdrawn


def test_the_standards_page_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # the standards, their behaviours, their targets
        client.get("/en/customer-care-standards/")


# --- The quarterly figures ---------------------------------------------------------------------


def test_the_last_complete_quarter_by_default_with_the_hand_counted_figures(client, quarter):
    response = client.get(PAGE.format(lang="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "July to September 2026" in html
    found = tables(html)
    assert found["Deadlines met on time, by language"] == [
        ["Language of the contact", "Deadlines due", "Met on time", "Percentage met on time"],
        ["Welsh", "14", "11", "78.6%"],
        ["English", "28", "21", "75.0%"],
        ["Not known", "6", "[u]", "[u]"],
    ]
    assert found["Deadlines met on time, by channel"] == [
        ["Channel", "Deadlines due", "Percentage met on time", "Welsh", "English"],
        ["E-mail", "38", "76.3%", "80.0%", "75.0%"],
        ["Letter", "10", "80.0%", "[u]", "–"],
    ]
    assert found["In writing"] == [
        ["When the customer", "Deadlines due", "Percentage met on time", "Welsh", "English"],
        ["E-mails a department / Acknowledge within 24 hours", "30", "76.7%", "80.0%", "75.0%"],
        ["E-mails a department / Respond within 10 working days", "8", "[u]", "–", "[u]"],
        ["Writes in / Respond within 10 working days", "10", "80.0%", "[u]", "–"],
    ]
    # Each chart is a table of the same figures (charts.css), before its data table.
    assert found["Chart: Deadlines met on time, by channel"] == [
        ["Channel", "Percentage met on time"],
        ["E-mail", "76.3%"],
        ["Letter", "80.0%"],
    ]
    # Welsh against English, two bars a row, each written out with its language.
    assert found["Chart: Deadlines met on time in Welsh and in English, by channel"] == [
        ["Channel", "Welsh", "English"],
        ["E-mail", "Welsh 80.0%", "English 75.0%"],
        ["Letter", "Welsh [u]", "English –"],
    ]
    assert "app-chart__size-76" in html and "app-chart__size-80" in html
    # The summary: 37 of 48.
    assert "77.1%" in html and "78.6%" in html


def test_the_figures_in_welsh(client, quarter):
    response = client.get(PAGE.format(lang="cy") + "?quarter=2026-Q2")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gorffennaf i Fedi 2026" in html
    found = tables(html)
    assert found["Terfynau amser a gyflawnwyd mewn pryd, fesul iaith"][1:] == [
        ["Cymraeg", "14", "11", "78.6%"],
        ["Saesneg", "28", "21", "75.0%"],
        ["Anhysbys", "6", "[u]", "[u]"],
    ]
    assert found["Terfynau amser a gyflawnwyd mewn pryd, fesul sianel"][1:] == [
        ["E-bost", "38", "76.3%", "80.0%", "75.0%"],
        ["Llythyr", "10", "80.0%", "[u]", "–"],
    ]
    assert found[
        "Siart: Terfynau amser a gyflawnwyd mewn pryd yn Gymraeg ac yn Saesneg, fesul sianel"
    ][1] == ["E-bost", "Cymraeg 80.0%", "Saesneg 75.0%"]
    assert found["Yn ysgrifenedig"][1] == [
        "Yn anfon e-bost at adran / Cydnabod o fewn 24 awr",
        "30",
        "76.7%",
        "80.0%",
        "75.0%",
    ]


def test_an_earlier_quarter_can_be_chosen(client, quarter):
    html = client.get(PAGE.format(lang="en") + "?quarter=2026-Q1").content.decode()
    assert "April to June 2026" in html
    # 30 June: one acknowledgement met late of 9, one open past its deadline.
    assert tables(html)["Deadlines met on time, by channel"][1] == [
        "E-mail",
        "10",
        "0.0%",
        "–",
        "0.0%",
    ]
    # The financial year's quarters: 2026-Q2 is July to September 2026.
    assert html.index('value="2026-Q2"') < html.index('value="2026-Q1"')
    assert 'value="2025-Q4"' not in html and 'value="2026-Q3"' not in html


def test_nothing_personal_and_no_internal_codes(client, quarter, service):
    for lang in ("en", "cy"):
        html = client.get(PAGE.format(lang=lang)).content.decode()
        for secret in (
            "EMAIL_DEPARTMENT",
            "LETTER",
            "COMPLAINT",
            "stage2",
            "waste",
            "roads",
            str(service.name_en),
            str(service.name_cy),
            "Roads",
            "Ffyrdd",
        ):
            assert secret not in html, (lang, secret)


@pytest.mark.parametrize(
    "value",
    [
        "2025-Q4",  # before the first figures
        "2026-Q3",  # not over yet
        "2027-Q1",  # to come
        "2026-Q5",
        "2026-q2",  # the value is the offered one, exactly
        "junk",
        "2026-Q2x",
        "'; DROP TABLE x; --",
        "9" * 5000,
        "2026-Q2\x00",
    ],
)
@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Choose a quarter from the list"), ("cy", "Dewiswch chwarter o'r rhestr")],
)
def test_a_quarter_not_offered_is_refused_with_a_translated_error(
    client, quarter, value, lang, message
):
    response = client.get(PAGE.format(lang=lang), {"quarter": value})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert message in html
    assert "govuk-error-summary" in html
    assert response.context["figures"] is None


def test_no_figures_at_all_still_offers_the_last_complete_quarter(client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    response = client.get(PAGE.format(lang="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-Q2"' in html
    assert "No deadlines fell due in this quarter." in html


def test_the_figures_are_read_in_a_fixed_number_of_queries(
    client, quarter, django_assert_num_queries
):
    # The first day held, the catalogue's targets, the quarter's groups.
    with django_assert_num_queries(3):
        client.get(PAGE.format(lang="en"))


def test_only_get_and_head(client):
    assert client.post(PAGE.format(lang="en")).status_code == 405
    assert client.post("/en/customer-care-standards/").status_code == 405
