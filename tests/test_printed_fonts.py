"""The printed documents are drawn only in fonts that the Debian packages of the "letters" group
of scripts/debian-packages.txt install: the list the image installs too (issue 20), so that a
letter printed by the container's worker looks as it does here. A font this machine has from
another package (fonts-dejavu-extra's obliques, say) would be missing from the image, where
Pango would quietly draw something else."""

import io
import subprocess
from dataclasses import fields
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from dataprotection.export.letter import covering_letter_pdf
from dataprotection.selectors import PersonRecords
from messaging.domain.replies import ReplyLanguage
from messaging.fax_pdf import fax_pdf
from messaging.letter_pdf import letter_pdf
from messaging.models import OutboundMessage
from tests.letters import RECEIVED, letter_case, letter_customer

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
FONT_FILES = (".ttf", ".otf", ".ttc")


def listed_packages(group: str) -> list[str]:
    """The group's packages, read as the Dockerfile and the scripts read them."""
    listing = subprocess.run(
        [ROOT / "scripts" / "debian-packages", group],
        capture_output=True,
        text=True,
        check=True,
    )
    return listing.stdout.split()


def postscript_names_installed_by(packages: list[str]) -> dict[str, str]:
    """The PostScript name of each font file the packages installed, with the file."""
    names = {}
    for package in packages:
        listing = subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True)
        assert listing.returncode == 0, (
            f"{package} is not installed (scripts/test installs it): {listing.stderr}"
        )
        for path in listing.stdout.splitlines():
            if path.endswith(FONT_FILES) and Path(path).is_file():
                names[postscript_name(TTFont(path, fontNumber=0))] = path
    return names


def postscript_name(font: TTFont) -> str:
    return font["name"].getDebugName(6)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The PostScript names of the fonts embedded in the PDF, read from the font programs
    themselves (WeasyPrint keeps the name table when it subsets them)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                assert program is not None, f"{font['/BaseFont']} is not embedded"
                names.add(postscript_name(TTFont(io.BytesIO(program.get_object().get_data()))))
    return names


@pytest.fixture
def letter(service) -> OutboundMessage:
    """A bilingual letter in large print: both languages' text, headings, bold and the
    footer's page numbers, so every style the letter's stylesheet uses is drawn."""
    case = letter_case(
        service=service,
        customer=letter_customer(preferred_language="", large_print=True),
    )
    message = OutboundMessage.objects.select_related("case__service", "case__customer").get(
        case=case, method="letter"
    )
    message.language = ReplyLanguage.BILINGUAL
    return message


def test_the_letters_group_installs_dejavu_sans():
    fonts = postscript_names_installed_by(listed_packages("letters"))

    # The family templates/letters/ ask for, regular and bold.
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts.keys()


def test_a_letter_uses_only_fonts_the_image_installs(letter):
    installed = postscript_names_installed_by(listed_packages("letters"))

    pdf = letter_pdf(letter, dated=RECEIVED + timedelta(days=1))

    used = embedded_fonts(pdf)
    assert used, "the letter embeds no font"
    assert used <= installed.keys(), f"not from the listed packages: {used - installed.keys()}"
    assert "DejaVuSans" in used


def test_a_fax_uses_only_fonts_the_image_installs(letter):
    installed = postscript_names_installed_by(listed_packages("letters"))
    letter.method = "fax"
    letter.recipient = "01824 706000"

    used = embedded_fonts(fax_pdf(letter, dated=RECEIVED + timedelta(days=1)))

    assert used <= installed.keys(), f"not from the listed packages: {used - installed.keys()}"


def test_a_subject_access_covering_letter_uses_only_fonts_the_image_installs(letter):
    installed = postscript_names_installed_by(listed_packages("letters"))
    records = PersonRecords(**{field.name: [] for field in fields(PersonRecords)})

    pdf = covering_letter_pdf(case=letter.case, records=records, dated=RECEIVED)

    used = embedded_fonts(pdf)
    assert used <= installed.keys(), f"not from the listed packages: {used - installed.keys()}"
