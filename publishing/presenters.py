"""What the publishing pages say about languages and durations, in the reader's language."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.models import MilestoneState

from .models import PublicationRequest
from .selectors import ReportRow
from .services import ENGLISH, MILESTONE_OF


def language_name(language: str) -> str:
    return _("Welsh") if language == "cy" else _("English")


def duration_text(span: timedelta) -> str:
    """ "3 hours 5 minutes", "2 days 1 hour": whole minutes, the two largest units."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        ngettext("%(count)d day", "%(count)d days", days) % {"count": days} if days else "",
        ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours} if hours else "",
        ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        if minutes and not days
        else "",
    ]
    shown = [part for part in parts if part]
    return " ".join(shown) or ngettext("%(count)d minute", "%(count)d minutes", 0) % {"count": 0}


@dataclass(frozen=True)
class ReportLine:
    row: ReportRow
    first_language: str
    second_language: str
    took: str


def report_lines(rows: list[ReportRow]) -> list[ReportLine]:
    return [
        ReportLine(
            row=row,
            first_language=language_name(row.first_language),
            second_language=language_name("en" if row.first_language == "cy" else "cy"),
            took=duration_text(row.took),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PageRow:
    """One language's page of a request: owed or not, due when, published where."""

    language: str
    needed: bool
    due_at: datetime | None
    published_at: datetime | None
    url: str
    waiting_for_english: bool  # an emergency's Welsh version, before the English is out
    state: str  # the milestone's state label, "" when not needed


def page_rows(publication: PublicationRequest) -> list[PageRow]:
    milestones = {m.kind: m for m in publication.case.milestones.all()}
    rows = []
    for language, kind in MILESTONE_OF.items():
        milestone = milestones.get(kind)
        rows.append(
            PageRow(
                language=language_name(language),
                needed=milestone is not None,
                due_at=milestone.due_at if milestone else None,
                published_at=milestone.met_at if milestone else None,
                url=publication.english_url if language == ENGLISH else publication.welsh_url,
                waiting_for_english=bool(
                    milestone and milestone.is_open and milestone.due_at is None
                ),
                state=str(MilestoneState(milestone.state).label) if milestone else "",
            )
        )
    return rows
