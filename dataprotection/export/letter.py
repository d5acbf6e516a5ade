"""The export's covering letter as a PDF (WeasyPrint, as the printed letters in messaging):
in the requester's language, or in both, Welsh first, when it is not known (SPEC §5)."""

import logging
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.council import council_name
from contacts.models import Case
from messaging.messages import format_date

from ..selectors import PersonRecords

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

#: What the letter counts, in the order it lists them.
GROUPS = (
    ("customers", _("Customer records")),
    ("cases", _("Cases")),
    ("events", _("Timeline entries")),
    ("messages", _("Messages to you")),
    ("letters", _("Letters")),
    ("attachments", _("Documents")),
    ("complaints", _("Complaint records")),
    ("member_enquiries", _("Councillors' enquiries")),
    ("reads", _("Records of staff reading your records")),
    ("consultation_responses", _("Consultation responses")),
    ("consultation_answers", _("Your answers to consultations")),
)


def letter_languages(case: Case) -> list[str]:
    language = case.language or (case.customer.preferred_language if case.customer else "")
    return [language] if language in ("cy", "en") else ["cy", "en"]


def covering_letter_pdf(*, case: Case, records: PersonRecords, dated: datetime) -> bytes:
    import weasyprint  # loads Pango: only the processes that make exports pay for it

    sections = []
    for code in letter_languages(case):
        with translation.override(code):
            sections.append(
                {
                    "language": code,
                    "council": council_name(code),
                    "date": format_date(dated, code),
                    "received": format_date(case.received_at, code),
                    "counts": [(str(label), len(getattr(records, name))) for name, label in GROUPS],
                }
            )
    html = render_to_string(
        "dataprotection/covering_letter.html",
        {
            "sections": sections,
            "reference": case.reference,
            "name": case.customer.name if case.customer else "",
        },
    )
    return weasyprint.HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"The covering letter loads no external resources: {url}")
