"""Printed letters: the outbox renders a letter to an A4 PDF in the customer's language, Welsh
first when bilingual, in large print when asked, addressed for a window envelope."""

import re
from datetime import timedelta

import pytest

from contacts.models import Case, CaseEvent, Customer
from messaging.delivery import message_deliver
from messaging.letter_pdf import address_lines, css_string, letter_pdf
from messaging.models import OutboundMessage
from tests.letters import (
    ADDRESS,
    RECEIVED,
    letter_case,
    letter_customer,
    pdf_of,
    pdf_pages,
    pdf_text,
    printed_letter,
    text_runs,
)

pytestmark = pytest.mark.django_db

PRINTED = RECEIVED + timedelta(hours=1)
MM = 72 / 25.4  # points in a millimetre


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_welsh_letter_contact_gets_a_welsh_pdf_in_the_print_queue(service, team):
    case = letter_case(service=service, customer=letter_customer(preferred_language="cy"))

    letter = printed_letter(case, at=PRINTED)

    assert (letter.method, letter.language, letter.recipient, letter.large_print) == (
        "letter",
        "cy",
        ADDRESS,
        False,
    )
    assert re.fullmatch(
        rf"letters/\d{{4}}/\d{{2}}/{case.reference}-case-{case.reference}-acknowledgement\.pdf",
        letter.document.name,
    )
    pdf = pdf_of(letter)
    assert pdf.startswith(b"%PDF-")
    (page,) = pdf_pages(pdf)
    for expected in (
        "Cyngor Sir Enghraifft",
        "Gwastraff ac ailgylchu",
        "Siân Jones\nBryn Awel\n12 Ffordd y Brenin\nRhuthun\nLL15 1AA",
        f"Ein cyfeirnod\n{case.reference}",
        "Dyddiad\nDydd Llun 2 Mawrth 2026",
        f"Eich cyswllt â'r cyngor – cyfeirnod {case.reference}",
        "Annwyl Siân Jones,",
        "erbyn Dydd Llun 16 Mawrth 2026.",
        "Rydym yn croesawu gohebiaeth yn Gymraeg.",
        "Tudalen 1 o 1",
    ):
        assert expected in page
    for english in ("Dear", "Our reference", "Monday", "Page 1"):
        assert english not in page


def test_printing_records_the_letter_on_the_timeline_but_does_not_acknowledge_yet(service):
    case = letter_case(service=service, customer=letter_customer(preferred_language="cy"))

    letter = printed_letter(case, at=PRINTED)

    events = CaseEvent.objects.filter(case=case).exclude(kind="created")
    assert [(e.kind, e.created_at, e.text) for e in events] == [
        ("letter_ready", PRINTED, f"{letter.subject}\n\n{letter.body}")
    ]
    assert Case.objects.get(pk=case.pk).status == "new"
    assert (letter.sent_at, letter.posted_at, letter.posted_by) == (None, None, None)


def test_the_address_sits_in_the_window_of_a_dl_envelope(service):
    letter = printed_letter(letter_case(service=service, customer=letter_customer()), at=PRINTED)

    address = ["Siân Jones", "Bryn Awel", "12 Ffordd y Brenin", "Rhuthun", "LL15 1AA"]
    runs = {run.text: run for run in text_runs(pdf_of(letter)) if run.page == 1}
    # The window of a DL envelope: 20mm from the sheet's left edge, from about 50mm to 90mm
    # down the top third of a sheet folded in three.
    assert [round(runs[line].left / MM, 1) for line in address] == [20.0] * 5
    tops = [runs[line].baseline / MM for line in address]
    assert 52 < tops[0] < tops[-1] < 90
    assert tops == sorted(tops)


def test_an_unknown_language_gets_a_bilingual_letter_welsh_first(service):
    case = letter_case(service=service)  # no customer: no preference known
    letter = printed_letter(case, at=PRINTED)

    assert letter.language == "cy+en"
    welsh, english = pdf_pages(pdf_of(letter))
    assert "Bryn Awel\n12 Ffordd y Brenin\nRhuthun\nLL15 1AA" in welsh
    assert "Cyngor Sir Enghraifft / Example County Council" in welsh
    assert f"Ein cyfeirnod / Our reference\n{case.reference}" in welsh
    assert "Dyddiad / Date\nDydd Llun 2 Mawrth 2026\nMonday 2 March 2026" in welsh
    assert (
        "Mae'r fersiwn Saesneg o'r llythyr hwn yn dechrau ar dudalen 2.\n"
        "The English version of this letter starts on page 2."
    ) in welsh
    assert "Annwyl gwsmer," in welsh
    assert "Tudalen 1 o 2" in welsh
    assert "Dear customer," not in welsh
    assert f"Our reference: {case.reference}\nDate: Monday 2 March 2026" in english
    assert f"Your contact with the council – reference {case.reference}" in english
    assert "Dear customer," in english
    assert "We will send you a full response by Monday 16 March 2026." in english
    assert "Page 2 of 2" in english
    assert "Annwyl" not in english
    text = pdf_text(pdf_of(letter))
    assert text.index("Annwyl gwsmer,") < text.index("Dear customer,")


def test_a_customer_who_needs_large_print_gets_16pt_text_throughout(service):
    large = printed_letter(
        letter_case(
            service=service, customer=letter_customer(preferred_language="en", large_print=True)
        ),
        at=PRINTED,
    )
    standard = printed_letter(
        letter_case(
            service=service,
            customer=letter_customer(name="Ann Hughes", preferred_language="en"),
            received_at=RECEIVED + timedelta(minutes=5),
        ),
        at=PRINTED,
    )

    assert (large.large_print, standard.large_print) == (True, False)
    large_runs, standard_runs = text_runs(pdf_of(large)), text_runs(pdf_of(standard))
    assert min(run.points for run in large_runs) == 16.0
    assert min(run.points for run in standard_runs) < 12.0  # the details beside the address
    assert [r.points for r in large_runs if r.text.startswith("Dear ")] == [16.0]
    assert [r.points for r in standard_runs if r.text.startswith("Dear ")] == [12.0]
    assert {r.points for r in large_runs if r.text.startswith("Your contact with")} == {20.0}
    assert len(pdf_pages(pdf_of(large))) > len(pdf_pages(pdf_of(standard))) == 1


def test_a_failed_rendering_is_retried_and_leaves_no_letter(service, monkeypatch):
    case = letter_case(service=service, customer=letter_customer())
    letter = OutboundMessage.objects.get(case=case)

    def broken(message, *, dated):
        raise OSError("no fonts")

    monkeypatch.setattr("messaging.backends.letters.letter_pdf", broken)
    assert message_deliver(message_id=letter.pk, now=PRINTED) is False

    letter.refresh_from_db()
    assert (letter.state, letter.document.name, letter.last_error) == ("queued", "", "no fonts")
    assert not CaseEvent.objects.filter(case=case, kind="letter_ready").exists()


def test_the_customer_s_text_is_printed_as_text_never_as_markup(service):
    case = letter_case(service=service, customer=letter_customer(name="<b>Ann</b>"))
    letter = OutboundMessage.objects.select_related("case__service", "case__customer").get(
        case=case
    )
    letter.language = "en"
    letter.subject = "</style><h1>Subject</h1>"
    letter.body = 'Dear <img src="http://example.com/x.png">,\n\n<script>alert(1)</script>'

    text = pdf_text(letter_pdf(letter, dated=PRINTED))

    assert "<b>Ann</b>" in text
    assert "</style><h1>Subject</h1>" in text
    assert 'Dear <img src="http://example.com/x.png">,' in text
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize(
    ("recipient", "postcode", "details", "expected"),
    [
        ("1 High Street\nRuthin", "LL15 1AA", {}, ["Ann", "1 High Street", "Ruthin", "LL15 1AA"]),
        (
            "1 High Street, Ruthin, LL15 1AA",
            "ll15 1aa",
            {},
            ["Ann", "1 High Street", "Ruthin", "LL15 1AA"],
        ),
        (
            "1 High Street, Ruthin",
            "",
            {"postcode": "ll151aa"},
            ["Ann", "1 High Street", "Ruthin", "LL151AA"],
        ),
    ],
)
def test_the_address_has_one_part_to_a_line_and_the_postcode_last(
    recipient, postcode, details, expected
):
    customer = Customer(name="Ann", address=recipient if postcode else "", postcode=postcode)
    message = OutboundMessage(
        case=Case(customer=customer, channel_details=details), recipient=recipient
    )

    assert address_lines(message) == expected


def test_css_strings_cannot_close_the_string_or_the_style_element():
    assert css_string('Tudalen "1" </style>\\') == '"Tudalen \\22 1\\22  \\3c /style\\3e \\5c "'
