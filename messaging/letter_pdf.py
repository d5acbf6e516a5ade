"""A printed letter as an A4 PDF: the outbox message's text, already rendered, laid out on the
council's letterhead with the address placed for a DL window envelope.

Kept apart from the delivery backend so that samples (and tests) can render a letter without
storing anything.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from common.council import council_name
from contacts.models import Case

from .domain.replies import ReplyLanguage
from .messages import BILINGUAL_DIVIDER, format_date
from .models import OutboundMessage

OUR_REFERENCE = _("Our reference")
DATE = _("Date")
TELEPHONE = _("Telephone")
EMAIL = _("E-mail")
WEBSITE = _("Website")
PAGE_OF = _("Page %(page)s of %(pages)s")
#: Read by English readers on the Welsh first page of a bilingual letter.
ENGLISH_FOLLOWS = _("The English version of this letter starts on page %(page)s.")

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# WeasyPrint reports every layout step at INFO (even on import), which would bury the
# worker's own log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Detail:
    """One row of the reference and contact details: its label (in each language the letter
    is written in) and its values."""

    label: str
    values: list[str]


@dataclass(frozen=True)
class Section:
    """The letter in one language: its heading and paragraphs (each a list of lines)."""

    language: str
    subject: str
    paragraphs: list[list[str]]
    #: The reference and date in this language alone, for a part that starts a new page.
    heading: list[Detail]
    #: The service's contact details in this language alone (large print shows them here).
    contact: list[Detail]


#: The rows of the reference and contact details, in the order a letter shows them.
ROWS = (
    ("reference", OUR_REFERENCE),
    ("date", DATE),
    ("phone", TELEPHONE),
    ("email", EMAIL),
    ("website", WEBSITE),
)
REFERENCE_ROWS = ("reference", "date")
CONTACT_ROWS = ("phone", "email", "website")


def _case(message: OutboundMessage) -> Case:
    """The case a letter is about: only customers' letters are printed (``backends.letters``)."""
    if message.case is None:
        raise LookupError(f"Message {message.pk} is about no case: it has no letter to print")
    return message.case


def letter_pdf(message: OutboundMessage, *, dated: datetime) -> bytes:
    """The letter ``message`` as a PDF, dated ``dated``.

    ``message.case`` should come with its service and customer (``select_related``)."""
    import weasyprint  # loads Pango: only processes that print letters pay for it

    html = render_to_string("letters/letter.html", letter_context(message, dated=dated))
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetching)
    return document.write_pdf()


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict:
    # The letter is self-contained; nothing in a customer's text may make the server fetch.
    raise ValueError(f"Letters load no external resources: {url}")


def letter_languages(message: OutboundMessage) -> list[str]:
    if message.language == ReplyLanguage.BILINGUAL:
        return [ReplyLanguage.WELSH.value, ReplyLanguage.ENGLISH.value]
    return [message.language]


def letter_context(message: OutboundMessage, *, dated: datetime) -> dict:
    languages = letter_languages(message)
    values = {code: detail_values(message, code, dated=dated) for code in languages}
    sections = letter_sections(message, languages=languages, values=values)
    shown = [section.language for section in sections]
    english_follows = []
    if len(sections) > 1:
        # Split around the number, which the PDF engine fills in once the pages are laid out.
        for code in shown:
            before, _page, after = _translated(ENGLISH_FOLLOWS, code).partition("%(page)s")
            english_follows.append({"language": code, "before": before, "after": after})
    reference = _case(message).reference
    return {
        "language": shown[0],
        # A bilingual letter carries both names, in its languages' order.
        "council": " / ".join(dict.fromkeys(council_name(code) for code in shown)),
        "service_names": _service_names(values, shown),
        "address_lines": address_lines(message),
        # Large print has no room beside the address: the contact details follow the text.
        "details": details(
            values, shown, REFERENCE_ROWS if message.large_print else REFERENCE_ROWS + CONTACT_ROWS
        ),
        "sections": sections,
        "reference": reference,
        "large_print": message.large_print,
        "english_follows": english_follows,
        # The first language's footer is the default page's; the second language's pages
        # are named so that they number themselves in their own language.
        "footers": [_page_footer(code) for code in shown],
        "reference_css": mark_safe(css_string(reference)),  # escaped by css_string
    }


def _service_names(values: dict[str, dict[str, str]], languages: list[str]) -> list[tuple]:
    """``(language, name)`` for each language whose name differs from the ones before."""
    names: dict[str, str] = {}
    for code in languages:
        names.setdefault(values[code]["service"], code)
    return [(code, name) for name, code in names.items() if name]


def detail_values(message: OutboundMessage, code: str, *, dated: datetime) -> dict[str, str]:
    """What the letterhead and details say in language ``code``."""
    service = _case(message).service
    with translation.override(code):  # modeltranslation reads the active language
        return {
            "service": service.name,
            "reference": _case(message).reference,
            "date": format_date(dated, code),
            "phone": service.phone,
            "email": service.email,
            "website": service.website,
        }


def details(values: dict[str, dict[str, str]], languages: list[str], rows: tuple) -> list[Detail]:
    """Rows labelled in every language of ``languages``, each value once."""
    shown = []
    for key, label in ROWS:
        if key not in rows:
            continue
        row_values = _distinct(values[code][key] for code in languages)
        if row_values:
            labels = " / ".join(_translated(label, code) for code in languages)
            shown.append(Detail(labels, row_values))
    return shown


def _distinct(values: Iterable[str]) -> list[str]:
    """The values given, each once, in order: Welsh and English often share a number."""
    return list(dict.fromkeys(value for value in values if value))


def letter_sections(
    message: OutboundMessage, *, languages: list[str], values: dict[str, dict[str, str]]
) -> list[Section]:
    """The letter's text by language. A bilingual message holds the Welsh text, then the
    English, divided as ``messages.render`` divides them; a text that does not divide so (an
    administrator's own wording) stays whole rather than being cut in the wrong place."""
    bodies = message.body.split(BILINGUAL_DIVIDER.strip())
    subjects = message.subject.split(" / ")
    if len(languages) == 1 or len(bodies) != len(languages):
        bodies, languages = [message.body], languages[:1]
    if len(subjects) != len(languages):
        subjects = [message.subject] * len(languages)
    return [
        Section(
            language=code,
            subject=subject.strip(),
            paragraphs=paragraphs(body),
            heading=details(values, [code], REFERENCE_ROWS),
            contact=details(values, [code], CONTACT_ROWS),
        )
        for code, subject, body in zip(languages, subjects, bodies, strict=True)
    ]


def paragraphs(text: str) -> list[list[str]]:
    return [
        [line.strip() for line in block.strip().splitlines()]
        for block in _PARAGRAPH_BREAK.split(text.strip())
        if block.strip()
    ]


def address_lines(message: OutboundMessage) -> list[str]:
    """The name and postal address as Royal Mail reads them: one part to a line, the postcode
    last. Addresses typed on one line are split at their commas."""
    case = _case(message)
    customer = case.customer
    address = message.recipient.strip()
    parts = address.splitlines() if "\n" in address else address.split(",")
    lines = [part.strip() for part in parts if part.strip()]
    if customer and customer.address.strip() == address:
        postcode = customer.postcode
    else:
        postcode = (case.channel_details or {}).get("postcode", "")
    postcode = postcode.strip().upper()
    if postcode and _squashed(postcode) not in _squashed(address):
        lines.append(postcode)
    if customer and customer.name.strip():
        lines.insert(0, customer.name.strip())
    return lines


def _squashed(text: str) -> str:
    return "".join(text.split()).upper()


def _translated(text: object, code: str) -> str:
    with translation.override(code):
        return str(text)


def _page_footer(code: str) -> SafeString:
    """The CSS ``content`` of the page-number footer in language ``code``."""
    text = _translated(PAGE_OF, code)
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    pieces = re.split(r"(%\(pages?\)s)", text)
    content = " ".join(counters.get(piece) or css_string(piece) for piece in pieces if piece)
    return mark_safe(content)  # each literal part went through css_string


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot close the string or the style element."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n' or ord(ch) < 32 else ch for ch in text)
    return f'"{escaped}"'
