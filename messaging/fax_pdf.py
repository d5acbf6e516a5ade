"""A fax in the corporate fax template: a cover sheet with the council's bilingual heading,
who it is to and from, the reference, the date and the number of pages, then the reply laid
out as a letter (``letter_pdf``).

The reply is laid out first, so that the cover can say how many pages follow it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from common.council import council_name

from .letter_pdf import _no_fetching, _translated, detail_values, letter_context
from .models import OutboundMessage

FAX = _("Fax")
TO = _("To")
FROM = _("From")
REFERENCE = _("Our reference")
DATE = _("Date")
PAGES = _("Number of pages, including this one")
FAX_NUMBER = _("Fax number")
TELEPHONE = _("Telephone")
#: The cover sheet is always in both languages, Welsh first: the reply follows it in the
#: customer's own language.
COVER_LANGUAGES = ("cy", "en")


@dataclass(frozen=True)
class CoverRow:
    label: str
    value: str


def fax_pdf(message: OutboundMessage, *, dated: datetime) -> bytes:
    """The fax ``message`` (its case with service and customer) as one PDF: cover, then reply."""
    import weasyprint  # loads Pango: only processes that send faxes pay for it

    context = letter_context(message, dated=dated)
    context["address_lines"] = recipient_lines(message)
    reply = weasyprint.HTML(
        string=render_to_string("letters/letter.html", context), url_fetcher=_no_fetching
    ).render()
    pages = len(reply.pages) + 1
    cover = weasyprint.HTML(
        string=render_to_string("letters/fax_cover.html", cover_context(message, dated, pages)),
        url_fetcher=_no_fetching,
    ).render()
    return cover.copy([*cover.pages, *reply.pages]).write_pdf()


def _both(text: object) -> str:
    return " / ".join(dict.fromkeys(_translated(text, code) for code in COVER_LANGUAGES))


def recipient_lines(message: OutboundMessage) -> list[str]:
    """Whom the fax is for, where a letter has the postal address."""
    customer = message.case.customer if message.case else None
    name = [customer.name.strip()] if customer and customer.name.strip() else []
    return [*name, f"{_both(FAX_NUMBER)}: {message.recipient}"]


def cover_context(message: OutboundMessage, dated: datetime, pages: int) -> dict:
    values = {code: detail_values(message, code, dated=dated) for code in COVER_LANGUAGES}
    services = " / ".join(dict.fromkeys(values[code]["service"] for code in COVER_LANGUAGES))
    customer = message.case.customer if message.case else None
    to = [customer.name.strip()] if customer and customer.name.strip() else []
    rows = [
        CoverRow(_both(TO), ", ".join([*to, message.recipient])),
        CoverRow(_both(FROM), services),
        CoverRow(_both(TELEPHONE), values["cy"]["phone"]),
        CoverRow(_both(REFERENCE), values["cy"]["reference"]),
        CoverRow(_both(DATE), " / ".join(dict.fromkeys(values[c]["date"] for c in values))),
        CoverRow(_both(PAGES), str(pages)),
    ]
    return {
        "councils": list(dict.fromkeys(council_name(code) for code in COVER_LANGUAGES)),
        "title": _both(FAX),
        "rows": [row for row in rows if row.value],
        "subject": message.subject,
    }
