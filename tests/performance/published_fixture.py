"""Daily-table rows of a hand-counted quarter (July to September 2026) for the public page.

    day         standard / kind              channel  language  service  met  late  open
    2026-07-01  EMAIL_DEPARTMENT acknowledge email    cy        waste      8     1     1
    2026-08-15  EMAIL_DEPARTMENT acknowledge email    en        waste     10     2     1
    2026-08-15  EMAIL_DEPARTMENT acknowledge email    en        roads      5     1     1
    2026-09-30  EMAIL_DEPARTMENT respond     email    en        waste      6     2     0
    2026-07-10  LETTER respond               letter   cy        waste      3     1     0
    2026-07-10  LETTER respond               letter   (none)    waste      5     0     1
    left out (a measure only, no target, other quarters):
    2026-08-01  VISIT_RECEPTION seen         visit    en        waste     50     0     0  measured
    2026-08-01  COMPLAINT stage2_acknowledge email    en        waste      0     7     0  no target
    2026-06-30  EMAIL_DEPARTMENT acknowledge email    en        waste      0     9     1  Q2
    2026-10-01  EMAIL_DEPARTMENT acknowledge email    cy        waste      0     0     5  Q4

By hand, July to September:
    e-mail: 29 met of 38 due = 76.3 %; Welsh 8/10 = 80.0 %; English 21/28 = 75.0 %
    letter: 8 of 10 = 80.0 %; Welsh 4 due: [u]; English none: –
    acknowledge (e-mails a department): 23/30 = 76.7 %; Welsh 80.0 %; English 15/20 = 75.0 %
    respond (e-mails a department): 8 due: [u]; Welsh –; English [u]
    reply (writes in): 80.0 %; Welsh [u]; English –
    overall: 37 of 48 = 77.1 %; Welsh 11/14 = 78.6 %; English 21/28 = 75.0 %; not known 6: [u]
"""

from datetime import UTC, date, datetime

from performance.models import DailyMilestoneStat
from standards.models import Standard
from tests.factories import ServiceFactory

TODAY = date(2026, 12, 7)  # the last complete quarter is July to September 2026

ROWS = [
    ("2026-07-01", "EMAIL_DEPARTMENT", "acknowledge", "email", "cy", "waste", 8, 1, 1),
    ("2026-08-15", "EMAIL_DEPARTMENT", "acknowledge", "email", "en", "waste", 10, 2, 1),
    ("2026-08-15", "EMAIL_DEPARTMENT", "acknowledge", "email", "en", "roads", 5, 1, 1),
    ("2026-09-30", "EMAIL_DEPARTMENT", "respond", "email", "en", "waste", 6, 2, 0),
    ("2026-07-10", "LETTER", "respond", "letter", "cy", "waste", 3, 1, 0),
    ("2026-07-10", "LETTER", "respond", "letter", "", "waste", 5, 0, 1),
    ("2026-08-01", "VISIT_RECEPTION", "seen", "visit", "en", "waste", 50, 0, 0),
    ("2026-08-01", "COMPLAINT", "stage2_acknowledge", "email", "en", "waste", 0, 7, 0),
    ("2026-06-30", "EMAIL_DEPARTMENT", "acknowledge", "email", "en", "waste", 0, 9, 1),
    ("2026-10-01", "EMAIL_DEPARTMENT", "acknowledge", "email", "cy", "waste", 0, 0, 5),
]


def build_quarter(*, service) -> None:
    roads = ServiceFactory(code="roads", name_en="Roads", name_cy="Ffyrdd")
    services = {"waste": service, "roads": roads}
    standards = {s.code: s for s in Standard.objects.all()}
    DailyMilestoneStat.objects.bulk_create(
        DailyMilestoneStat(
            day=date.fromisoformat(day),
            standard=standards[code],
            kind=kind,
            channel=channel,
            service=services[service_code],
            language=language,
            total=met + late + open_ + 3,  # and 3 not yet due, counted nowhere
            met=met,
            met_late=late,
            breached=open_,
            durations=[3600] * (met + late),
            refreshed_at=datetime(2026, 12, 7, 6, 0, tzinfo=UTC),
        )
        for day, code, kind, channel, language, service_code, met, late, open_ in ROWS
    )
