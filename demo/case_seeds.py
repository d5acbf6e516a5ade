"""How a demo case is described: its customer, when it was received, its channel details and
what staff did with it (the cases themselves are in ``demo.case_data``)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from accounts.models import User
from standards.domain.calendar import WorkingCalendar

from .reference import DEMO_SOURCE_PREFIX


@dataclass(frozen=True)
class CustomerSeed:
    name: str
    email: str
    phone: str
    address: str
    postcode: str
    language: str  # "" when not known


# fmt: off
CUSTOMERS = {
    "gwenllian": CustomerSeed("Gwenllian Parry", "gwenllian.parry@example.com", "01234 560101",
                              "3 Heol y Bryn, Llanfair", "LL99 1AB", "cy"),
    "john": CustomerSeed("John Davies", "john.davies@example.com", "01234 560102",
                         "14 Heol y Bryn, Llanfair", "LL99 1AD", "en"),
    "elin": CustomerSeed("Elin Morgan", "elin.morgan@example.com", "07700 900102",
                         "Fflat 2, 8 Stryd Fawr, Llanfair", "LL99 2CD", "cy"),
    "peter": CustomerSeed("Peter Walsh", "peter.walsh@example.com", "01234 560104",
                          "21 Ffordd y Castell, Llanfair", "LL99 3EF", "en"),
    "ifan": CustomerSeed("Ifan Jenkins", "ifan.jenkins@example.com", "07700 900105",
                         "Bryn Awel, Lôn Goch, Pentre", "LL98 4GH", "cy"),
    "lisa": CustomerSeed("Lisa Hughes", "lisa.hughes@example.com", "07700 900106",
                         "5 Clos y Dderwen, Llanfair", "LL99 5JK", "en"),
    "rhodri": CustomerSeed("Rhodri ap Siôn", "rhodri.apsion@example.com", "07700 900107",
                           "11 Stryd y Farchnad, Llanfair", "LL99 2LM", "cy"),
    "karen": CustomerSeed("Karen Williams", "karen.williams@example.com", "01234 560108",
                          "27 Maes yr Ysgol, Pentre", "LL98 6NP", "en"),
    "mererid": CustomerSeed("Mererid Owen", "mererid.owen@example.com", "01234 560109",
                            "Tŷ Gwyn, Heol yr Eglwys, Llanfair", "LL99 7QR", "cy"),
    "tom": CustomerSeed("Tom Bennett", "tom.bennett@example.com", "07700 900110",
                        "2 Rhes y Capel, Llanfair", "LL99 8ST", "en"),
    "margaret": CustomerSeed("Margaret Evans", "", "01234 560111",
                             "Flat 6, Llys Glas, Ffordd y Parc, Llanfair", "LL99 9UV", "en"),
    "dewi": CustomerSeed("Dewi Rowlands", "", "01234 560112",
                         "Penrhiw, Ffordd Uchaf, Pentre", "LL98 1WX", "cy"),
    "hywel": CustomerSeed("Hywel Thomas", "hywel.thomas@example.org", "01234 560113",
                          "Thomas a'i Fab, Cyfreithwyr, 4 Sgwâr y Dref, Llanfair", "LL99 1YZ",
                          "en"),
    "nia": CustomerSeed("Nia Roberts", "nia.roberts@example.com", "07700 900114",
                        "9 Cae Mawr, Llanfair", "LL99 3AB", "cy"),
    "daniel": CustomerSeed("Daniel Hughes", "daniel.hughes@example.com", "07700 900115",
                           "c/o 40 Stryd Fawr, Llanfair", "LL99 2CD", "en"),
    "angharad": CustomerSeed("Angharad Jones", "angharad.jones@example.com", "01234 560116",
                             "17 Heol y Felin, Pentre", "LL98 2EF", "cy"),
    "brian": CustomerSeed("Brian Cooper", "brian.cooper@example.com", "01234 560117",
                          "7 Maes y Llan, Llanfair", "LL99 4GH", "en"),
    "ceri": CustomerSeed("Ceri Griffiths", "ceri.griffiths@example.com", "07700 900118",
                         "Hafod, Lôn Las, Pentre", "LL98 3JK", "cy"),
    "alun": CustomerSeed("Alun Pritchard", "alun.pritchard@example.com", "07700 900119",
                         "33 Heol yr Orsaf, Llanfair", "LL99 5LM", "cy"),
    "julie": CustomerSeed("Julie Morgan", "julie.morgan@example.com", "07700 900120",
                          "19 Lôn Las, Pentre", "LL98 3JL", "en"),
    "gwyneth": CustomerSeed("Gwyneth Davies", "gwyneth.davies@example.com", "01234 560121",
                            "6 Heol y Felin, Pentre", "LL98 2EG", "cy"),
    "sian": CustomerSeed("Siân Bethan Williams", "sian.bethan@example.com", "07700 900122",
                         "12 Bro Deg, Llanfair", "LL99 6NP", "cy"),
    "owen": CustomerSeed("Owen Price", "owen.price@example.com", "07700 900123",
                         "4 Glan yr Afon, Llanfair", "LL99 7QS", "en"),
    "eirlys": CustomerSeed("Eirlys Bowen", "", "01234 560124",
                           "Bwthyn y Capel, Lôn y Capel, Pentre", "LL98 4RT", "cy"),
    "keith": CustomerSeed("Keith Lewis", "", "01234 560125",
                          "22 Ffordd y Parc, Llanfair", "LL99 9UW", "en"),
    # A town council writing in, whose language preference nobody has asked yet.
    "town-council": CustomerSeed("Cyngor Tref Llanfair / Llanfair Town Council",
                                 "clerc@llanfair-tc.example.org", "01234 598765",
                                 "Neuadd y Dref, Sgwâr y Dref, Llanfair", "LL99 1YZ", ""),
}
# fmt: on


@dataclass(frozen=True)
class DaysAgo:
    """Received on the ``n``-th working day before the latest one, at a local time."""

    n: int
    at: str  # "HH:MM"


@dataclass(frozen=True)
class Ago:
    """Received this long before now."""

    hours: float


@dataclass(frozen=True)
class Later:
    """A moment after receipt: minutes later, or on the ``working_days``-th working day after
    the date of receipt at a local time."""

    minutes: int = 0
    working_days: int = 0
    at: str = ""


@dataclass(frozen=True)
class Step:
    action: str  # acknowledge, respond, resolve, close, meet, note, late
    when: Later
    text: str = ""
    milestone: str = ""
    minutes: int = 0  # how late ("late")


@dataclass(frozen=True)
class Context:
    """What a case's channel details are built from."""

    seq: int
    received_at: datetime
    now: datetime
    calendar: WorkingCalendar
    customer: CustomerSeed
    users: dict[str, User]
    mailboxes: dict[str, str]

    @property
    def source_id(self) -> str:
        return f"{DEMO_SOURCE_PREFIX}{self.seq:02d}"

    def next_working_day_at(self, at: str) -> str:
        day = self.calendar.next_working_day(timezone.localdate(self.now))
        return local_at(day, at).isoformat()


Details = Callable[[Context], dict[str, Any]]


@dataclass(frozen=True)
class CaseSeed:
    channel: str
    kind: str
    service: str
    owner: str
    customer: str
    language: str
    received: DaysAgo | Ago
    summary: str
    description: str
    details: Details
    steps: tuple[Step, ...] = ()
    submitted_by: str = ""
    #: Need to know (docs/adr/0018): read only by the service's own staff.
    confidential: bool = False


def iso_minute(moment: datetime) -> str:
    return moment.replace(second=0, microsecond=0).isoformat()


def local_at(day: date, at: str) -> datetime:
    hour, minute = (int(part) for part in at.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
