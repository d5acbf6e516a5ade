"""The quarterly figures the public sees: how the council did against its published standards.

Read from the evaluation's daily table of milestones (``DailyMilestoneStat``, ADR 0011) and
never from cases: one aggregate over the quarter's rows, grouped by standard, milestone kind,
channel and language (a hundred or so groups), then summed here by channel, by standard and
by language. Nothing on it names a person, a service, an officer or a catalogue code: rows are
named by channel, by the standard's own words ("when the customer ...") and its target's, in
the reader's language.

Only the promises the published standards make are counted: a milestone kind counts for a
standard when the standard is active and one of its targets has a deadline (not "measured,
no deadline"), so a complaint's stage-2 milestones (the complaints policy's, not a standard's)
and a reception drop-in's wait (measured only) are left out.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Min, Sum

from complaints.domain.rules import Quarter
from contacts.models import LanguagePreference
from standards.channels import Channel
from standards.models import RuleChoice, Section, Target

from ..domain.published import Met, Published
from ..domain.quarters import last_day
from ..models import DailyMilestoneStat


@dataclass(frozen=True)
class Row:
    """One line of a table: a channel or a standard's target, in both languages and all."""

    label: str
    detail: str  # the target's words, under a standard's; "" for a channel
    all: Published
    welsh: Published
    english: Published


@dataclass(frozen=True)
class LanguageRow:
    label: str
    figures: Published


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    overall: Row
    by_language: list[LanguageRow]
    by_channel: list[Row]
    by_section: list[tuple[str, list[Row]]]

    @property
    def language_bars(self) -> list[tuple[str, Published]]:
        return [(row.label, row.figures) for row in self.by_language]

    @property
    def channel_bars(self) -> list[tuple[str, Published]]:
        return [(row.label, row.all) for row in self.by_channel]


def first_figures_day() -> date | None:
    """The earliest day the daily table holds (read from the front of its unique index)."""
    return DailyMilestoneStat.objects.aggregate(first=Min("day"))["first"]


def _row(label: str, detail: str, by_language: dict[str, Met]) -> Row:
    total = sum(by_language.values(), Met())
    return Row(
        label=label,
        detail=detail,
        all=Published.of(total),
        welsh=Published.of(by_language.get(LanguagePreference.WELSH.value, Met())),
        english=Published.of(by_language.get(LanguagePreference.ENGLISH.value, Met())),
    )


def quarter_figures(quarter: Quarter) -> QuarterFigures:
    targets = {
        (target.standard_id, target.milestone): target
        for target in Target.objects.filter(standard__is_active=True)
        .exclude(rule=RuleChoice.MEASURED)
        .select_related("standard")
    }
    groups = (
        DailyMilestoneStat.objects.filter(day__gte=quarter.starts_on, day__lte=last_day(quarter))
        .values("standard_id", "kind", "channel", "language")
        .annotate(met=Sum("met"), met_late=Sum("met_late"), breached=Sum("breached"))
        .order_by()
    )
    by_channel: dict[str, dict[str, Met]] = defaultdict(lambda: defaultdict(Met))
    by_target: dict[tuple[int, str], dict[str, Met]] = defaultdict(lambda: defaultdict(Met))
    by_language: dict[str, Met] = defaultdict(Met)
    for group in groups:
        key = (group["standard_id"], group["kind"])
        if key not in targets:
            continue
        figures = Met(group["met"], group["met_late"], group["breached"])
        language = group["language"]
        by_channel[group["channel"]][language] += figures
        by_target[key][language] += figures
        by_language[language] += figures

    sections: dict[str, list[Row]] = defaultdict(list)
    ordered = sorted(
        (t for key, t in targets.items() if key in by_target),
        key=lambda t: (t.standard.position, t.standard.code, t.pk),
    )
    for target in ordered:
        sections[target.standard.section].append(
            _row(
                target.standard.event,
                target.description,
                by_target[(target.standard_id, target.milestone)],
            )
        )
    return QuarterFigures(
        quarter=quarter,
        overall=_row("", "", by_language),
        by_language=[
            LanguageRow(str(language.label), Published.of(by_language.get(language.value, Met())))
            for language in LanguagePreference
        ],
        by_channel=[
            _row(str(channel.label), "", by_channel[channel.value])
            for channel in Channel
            if channel.value in by_channel
        ],
        by_section=[
            (str(section.label), sections[section.value])
            for section in Section
            if section.value in sections
        ],
    )
