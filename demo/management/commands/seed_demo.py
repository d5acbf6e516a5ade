"""``manage.py seed_demo``: a small council to look around in on a first run.

It makes four services with their teams, a user for every role, three wards, the closure days
between Christmas and New Year, an API token, and about two dozen cases on all eight channels,
received over the last fifteen working days.

Cases are made the way every channel makes them, through ``parse_details`` and
``case_create``, and then worked through the case services, so their milestones, timelines
and SLA states are real. The SLA sweep then runs once, so some milestones show as breached or
due soon.

Running it again changes nothing: reference data is matched by code or username and written
only when missing or different, and the demo cases (which carry channel message ids) are made
only when none of them exists yet.

The demo users share a published password, so the command refuses any database but the
embedded SQLite file unless given ``--allow-server-database``.
"""

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token

from accounts.models import Absence, Role, Service, Team, User
from contacts import services as case_services
from contacts.channel_details import parse_details
from contacts.models import Case, Customer, Milestone
from contacts.services.closures import closure_day_add
from contacts.sla import sla_sweep
from councillors.models import Ward
from demo.complaints import seed_complaints
from demo.councillors import seed_councillors
from demo.evaluation import seed_evaluation
from standards.domain.calendar import WorkingCalendar
from standards.models import ClosureDay
from standards.selectors import working_calendar

DEMO_PASSWORD = "cyswllt-demo"
INTEGRATION_USERNAME = "integration"
#: Every demo case that arrives with a channel message id carries this in it.
DEMO_SOURCE_PREFIX = "cyswllt-demo-"
#: How far back the demo cases were received.
WORKING_DAYS_BACK = 15


# --- Reference data -----------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceSeed:
    code: str
    name_cy: str
    name_en: str
    email: str
    phone: str
    team_code: str
    team_cy: str
    team_en: str
    mailbox: str


# fmt: off
SERVICES = (
    ServiceSeed(
        "customer-services", "Gwasanaethau Cwsmeriaid", "Customer Services",
        "cyswllt@example.gov.wales", "01234 567000",
        "contact-centre", "Canolfan Gyswllt", "Contact Centre",
        "canolfan.gyswllt@example.gov.wales",
    ),
    ServiceSeed(
        "waste-recycling", "Gwastraff ac Ailgylchu", "Waste and Recycling",
        "gwastraff@example.gov.wales", "01234 567100",
        "waste-collections", "Casgliadau Gwastraff", "Waste Collections",
        "casgliadau@example.gov.wales",
    ),
    ServiceSeed(
        "highways", "Priffyrdd", "Highways",
        "priffyrdd@example.gov.wales", "01234 567200",
        "highways-maintenance", "Cynnal a Chadw Priffyrdd", "Highways Maintenance",
        "cynnal.priffyrdd@example.gov.wales",
    ),
    ServiceSeed(
        "housing", "Tai", "Housing",
        "tai@example.gov.wales", "01234 567300",
        "housing-options", "Opsiynau Tai", "Housing Options",
        "opsiynau.tai@example.gov.wales",
    ),
)
# fmt: on


@dataclass(frozen=True)
class UserSeed:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str  # team code, "" for none
    job_title: str
    phone: str
    language: str


#: Job titles in Welsh, for the bilingual signatures (the English ones are in ``USERS``).
JOB_TITLES_CY = {
    "admin": "Gweinyddwr systemau",
    "manager": "Rheolwr gwasanaethau cwsmeriaid",
    "manager-waste": "Rheolwr casgliadau gwastraff",
    "manager-highways": "Rheolwr cynnal a chadw priffyrdd",
    "manager-housing": "Rheolwr opsiynau tai",
    "advisor": "Cynghorydd gwasanaethau cwsmeriaid",
    "advisor-waste": "Swyddog gwasanaethau gwastraff",
    "advisor-highways": "Arolygydd priffyrdd",
    "advisor-housing": "Swyddog opsiynau tai",
    "complaints": "Swyddog cwynion, gwastraff ac ailgylchu",
    "councillor": "Cynghorydd sir",
    "clerk": "Clerc Cyngor Tref Llanfair",
}

# fmt: off
USERS = (
    UserSeed("admin", "Eleri", "Vaughan", Role.ADMINISTRATOR, "",
             "Systems administrator", "01234 567010", "cy"),
    UserSeed("manager", "Siân", "Pritchard", Role.MANAGER, "contact-centre",
             "Customer services manager", "01234 567001", "cy"),
    UserSeed("manager-waste", "Mark", "Jenkins", Role.MANAGER, "waste-collections",
             "Waste collections manager", "01234 567101", "en"),
    UserSeed("manager-highways", "Gareth", "Llywelyn", Role.MANAGER, "highways-maintenance",
             "Highways maintenance manager", "01234 567201", "cy"),
    UserSeed("manager-housing", "Rachel", "Thompson", Role.MANAGER, "housing-options",
             "Housing options manager", "01234 567301", "en"),
    UserSeed("advisor", "Dafydd", "Hughes", Role.ADVISOR, "contact-centre",
             "Customer services advisor", "01234 567002", "cy"),
    UserSeed("advisor-waste", "Emma", "Clarke", Role.ADVISOR, "waste-collections",
             "Waste services officer", "01234 567102", "en"),
    UserSeed("advisor-highways", "Rhys", "Bowen", Role.ADVISOR, "highways-maintenance",
             "Highways inspector", "01234 567202", "cy"),
    UserSeed("advisor-housing", "Sarah", "Mitchell", Role.ADVISOR, "housing-options",
             "Housing options officer", "01234 567302", "en"),
    UserSeed("complaints", "Catrin", "Lloyd", Role.COMPLAINTS_OFFICER, "waste-collections",
             "Complaints officer, waste and recycling", "01234 567103", "cy"),
    UserSeed("councillor", "Huw", "Roberts", Role.COUNCILLOR, "",
             "County councillor", "07700 900201", "cy"),
    UserSeed("clerk", "Helen", "Price", Role.CLERK, "",
             "Clerk to Llanfair Town Council", "01234 598765", "en"),
)
# fmt: on

#: The roles that work in the Django admin (the administrator is also a superuser).
# The Django admin is the administrators' tool (their role opens it: accounts/backends.py);
# staff work cases through the API and, later, the staff pages.
ADMIN_SITE_ROLES = frozenset({Role.ADMINISTRATOR})

WARDS = (
    ("canol-y-dref", "Canol y Dref", "Town Centre"),
    ("glan-yr-afon", "Glan yr Afon", "Riverside"),
    ("bryn-celyn", "Bryn Celyn", "Holly Hill"),
)

CLOSURES = (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31))
CLOSURE_REASON_CY = "Swyddfeydd ar gau rhwng y Nadolig a'r Flwyddyn Newydd"
CLOSURE_REASON_EN = "Offices closed between Christmas and New Year"


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


# --- Cases --------------------------------------------------------------------------------


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
    action: str  # acknowledge, respond, resolve, close, meet, note
    when: Later
    text: str = ""
    milestone: str = ""


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
        return _local(day, at).isoformat()


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


def _iso(moment: datetime) -> str:
    return moment.replace(second=0, microsecond=0).isoformat()


# Each row: channel, kind, service, owner, customer, language of the contact, when received;
# summary and description; the channel details as the channel would send them; what staff did.
# fmt: off
CASES = (
    CaseSeed(
        "phone", "enquiry", "customer-services", "advisor", "gwenllian", "cy", DaysAgo(12, "10:05"),
        "Dyddiadau casglu biniau dros y Nadolig",
        "Mae Mrs Parry eisiau gwybod pryd y caiff ei biniau eu casglu dros y Nadolig.",
        lambda c: {"contact_type": "answered", "caller_number": c.customer.phone,
                   "call_id": c.source_id, "handled_in_welsh": True},
        (Step("resolve", Later(minutes=9), "Wedi rhoi'r dyddiadau casglu dros y ffôn."),
         Step("close", Later(working_days=1, at="09:00"))),
    ),
    CaseSeed(
        "phone", "service_request", "waste-recycling", "advisor-waste", "john", "en",
        DaysAgo(3, "17:40"),
        "Missed bin collection, 14 Heol y Bryn",
        "Voicemail: the black bin was not emptied on Tuesday. First missed collection this year.",
        lambda c: {"contact_type": "voicemail", "caller_number": c.customer.phone,
                   "call_id": c.source_id},
    ),
    CaseSeed(
        "phone", "enquiry", "housing", "advisor-housing", "elin", "cy", DaysAgo(6, "12:30"),
        "Cyngor am y gofrestr dai",
        "Neges llais: mae Ms Morgan eisiau gwybod ble mae hi ar y gofrestr dai.",
        lambda c: {"contact_type": "voicemail", "caller_number": c.customer.phone,
                   "call_id": c.source_id},
        (Step("acknowledge", Later(working_days=2, at="10:15")),
         Step("resolve", Later(working_days=3, at="14:00"),
              "Wedi ffonio Ms Morgan ac esbonio'r band a roddwyd iddi.")),
    ),
    CaseSeed(
        "phone", "enquiry", "highways", "advisor-highways", "peter", "en", DaysAgo(5, "11:00"),
        "When will Ffordd y Castell be resurfaced?",
        "Caller asked for the resurfacing date; the inspector was out, so a callback was agreed.",
        lambda c: {"contact_type": "callback", "caller_number": c.customer.phone,
                   "call_id": c.source_id,
                   "callback_at": _iso(c.received_at + timedelta(hours=2))},
        (Step("meet", Later(minutes=118), milestone="callback"),
         Step("resolve", Later(minutes=126),
              "Explained the resurfacing programme: work starts in the spring.")),
    ),
    CaseSeed(
        "phone", "enquiry", "customer-services", "advisor", "ifan", "cy", Ago(hours=1),
        "Ymholiad am fil treth y cyngor",
        "Mae Mr Jenkins eisiau trafod ei fil; bydd y tîm treth yn ei ffonio'n ôl.",
        lambda c: {"contact_type": "callback", "caller_number": c.customer.phone,
                   "call_id": c.source_id, "handled_in_welsh": True,
                   "callback_at": _iso(c.now + timedelta(hours=2))},
    ),
    CaseSeed(
        "text", "service_request", "waste-recycling", "advisor-waste", "lisa", "en",
        Ago(hours=20),
        "Replacement food waste caddy",
        "Text: 'Our food caddy was taken by the crew by mistake, can we have a new one?'",
        lambda c: {"from_number": c.customer.phone, "message_id": c.source_id},
    ),
    CaseSeed(
        "text", "service_request", "highways", "advisor-highways", "rhodri", "cy",
        DaysAgo(8, "08:15"),
        "Golau stryd wedi diffodd ar Stryd y Farchnad",
        "Neges destun: mae'r golau stryd y tu allan i rif 11 wedi diffodd ers wythnos.",
        lambda c: {"from_number": c.customer.phone, "message_id": c.source_id},
        (Step("acknowledge", Later(minutes=170)),
         Step("resolve", Later(working_days=2, at="11:30"), "Y contractwr wedi newid y bwlb.")),
    ),
    CaseSeed(
        "email", "enquiry", "housing", "advisor-housing", "karen", "en", DaysAgo(14, "09:20"),
        "Housing register: how long is the wait for a two-bedroom house?",
        "Ms Williams asks how long families in band B wait for a two-bedroom house in Pentre.",
        lambda c: {"contact_type": "department", "from_address": c.customer.email,
                   "to_address": c.mailboxes["housing-options"],
                   "subject": "Housing register question",
                   "message_id": f"<{c.source_id}@mail.example.com>"},
        (Step("acknowledge", Later(minutes=240)),
         Step("note", Later(working_days=5, at="10:00"),
              "Waiting for the lettings team to confirm the figures.")),
    ),
    CaseSeed(
        "email", "service_request", "customer-services", "advisor", "mererid", "cy",
        DaysAgo(10, "15:45"),
        "Cais am fathodyn glas",
        "Mae Mrs Owen yn gofyn am ffurflen gais am fathodyn glas i'w mam.",
        lambda c: {"contact_type": "department", "from_address": c.customer.email,
                   "to_address": c.mailboxes["contact-centre"], "subject": "Bathodyn glas",
                   "message_id": f"<{c.source_id}@mail.example.com>"},
        (Step("acknowledge", Later(minutes=65)),),
    ),
    CaseSeed(
        "email", "enquiry", "highways", "advisor-highways", "tom", "en", DaysAgo(4, "13:10"),
        "Dropped kerb application",
        "Mr Bennett asks whether he needs planning permission as well as a dropped kerb licence.",
        lambda c: {"contact_type": "officer", "from_address": c.customer.email,
                   "to_address": c.users["advisor-highways"].email, "subject": "Dropped kerb",
                   "message_id": f"<{c.source_id}@mail.example.com>"},
        (Step("respond", Later(working_days=1, at="10:30")),
         Step("resolve", Later(working_days=1, at="10:35"))),
    ),
    CaseSeed(
        "letter", "complaint", "housing", "manager-housing", "margaret", "en",
        DaysAgo(13, "10:00"),
        "Complaint: damp repairs in council flat not carried out",
        "Mrs Evans reported damp in her bedroom in the spring; the repair was promised twice "
        "and has not been done.",
        lambda c: {"postal_address": c.customer.address, "postcode": c.customer.postcode,
                   "dated": (timezone.localdate(c.received_at) - timedelta(days=3)).isoformat()},
        (Step("respond", Later(working_days=6, at="15:00"),
              "Phoned Mrs Evans; the surveyor's visit is booked."),),
    ),
    CaseSeed(
        "letter", "enquiry", "customer-services", "advisor", "dewi", "cy", DaysAgo(7, "09:00"),
        "Gostyngiad treth gyngor i berson sengl",
        "Mae Mr Rowlands yn gofyn a yw'n gymwys am y gostyngiad person sengl.",
        lambda c: {"postal_address": c.customer.address, "postcode": c.customer.postcode},
    ),
    CaseSeed(
        "fax", "enquiry", "housing", "advisor-housing", "hywel", "en", DaysAgo(11, "14:20"),
        "Solicitor asks us to confirm tenancy dates for a client",
        "Thomas a'i Fab ask us to confirm the start and end dates of a former tenancy; "
        "the client's signed consent is attached.",
        lambda c: {"fax_number": "01234 560199"},
        (Step("respond", Later(working_days=5, at="11:00")),
         Step("resolve", Later(working_days=5, at="11:10"))),
    ),
    CaseSeed(
        "visit", "enquiry", "customer-services", "advisor", "nia", "cy", DaysAgo(2, "11:30"),
        "Sachau ailgylchu ychwanegol",
        "Daeth Ms Roberts i'r dderbynfa i nôl sachau ailgylchu.",
        lambda c: {"contact_type": "reception", "location": "Swyddfeydd y Cyngor, Llanfair",
                   "expected_wait_minutes": 10},
        (Step("resolve", Later(minutes=14), "Wedi rhoi dwy rolyn o sachau."),),
    ),
    CaseSeed(
        "visit", "service_request", "housing", "advisor-housing", "daniel", "en",
        DaysAgo(3, "13:50"),
        "Housing options appointment",
        "Mr Hughes has been given notice by his landlord and needs advice.",
        lambda c: {"contact_type": "appointment", "location": "Council Offices, Llanfair",
                   "scheduled_at": _iso(c.received_at + timedelta(minutes=10))},
        (Step("meet", Later(minutes=14), milestone="seen"),
         Step("resolve", Later(minutes=55), "Prevention plan agreed; follow-up in two weeks.")),
    ),
    CaseSeed(
        "visit", "enquiry", "customer-services", "advisor", "angharad", "cy", DaysAgo(1, "10:25"),
        "Apwyntiad i drafod cais am fathodyn glas",
        "Daeth Mrs Jones i'w hapwyntiad i gwblhau cais am fathodyn glas.",
        lambda c: {"contact_type": "appointment", "location": "Swyddfeydd y Cyngor, Llanfair",
                   "scheduled_at": _iso(c.received_at + timedelta(minutes=5))},
        (Step("meet", Later(minutes=17), milestone="seen"),
         Step("resolve", Later(minutes=45), "Cais wedi'i gwblhau a'i anfon.")),
    ),
    CaseSeed(
        "visit", "service_request", "highways", "advisor-highways", "brian", "en",
        DaysAgo(2, "09:40"),
        "Site visit: tree roots lifting the pavement outside 7 Maes y Llan",
        "Mr Cooper uses a wheelchair and cannot get past; an inspector will visit.",
        lambda c: {"contact_type": "officer_visit", "location": "7 Maes y Llan, Llanfair",
                   "scheduled_at": c.next_working_day_at("10:00")},
    ),
    CaseSeed(
        "visit", "feedback", "waste-recycling", "complaints", "ceri", "cy", DaysAgo(5, "14:00"),
        "Awgrym: casglu gwastraff gardd bob wythnos yn yr haf",
        "Galwodd Mr Griffiths heb apwyntiad i awgrymu casgliadau wythnosol yn yr haf.",
        lambda c: {"contact_type": "unannounced", "location": "Swyddfeydd y Cyngor, Llanfair"},
    ),
    CaseSeed(
        "webform", "service_request", "highways", "advisor-highways", "alun", "cy",
        Ago(hours=21),
        "Twll yn y ffordd ar Heol yr Orsaf",
        "Twll dwfn ger y groesfan, tua 30 cm ar draws.",
        lambda c: {"form": "report-a-pothole", "submission_id": c.source_id},
    ),
    CaseSeed(
        "webform", "complaint", "waste-recycling", "complaints", "julie", "en",
        DaysAgo(12, "19:30"),
        "Complaint: bins missed three weeks running on Lôn Las",
        "Ms Morgan reported the first missed collection; it has happened twice more since.",
        lambda c: {"form": "complaint", "submission_id": c.source_id},
        (Step("note", Later(working_days=2, at="11:00"), "Crew logs requested from the depot."),),
    ),
    CaseSeed(
        "webform", "compliment", "waste-recycling", "complaints", "gwyneth", "cy",
        DaysAgo(4, "16:10"),
        "Canmoliaeth i griw casglu Heol y Felin",
        "Mae Mrs Davies eisiau diolch i'r criw am helpu ei chymydog oedrannus.",
        lambda c: {"form": "compliment", "submission_id": c.source_id},
        (Step("resolve", Later(working_days=1, at="09:30"),
              "Wedi pasio'r ganmoliaeth i reolwr y criw."),),
    ),
    CaseSeed(
        "social", "enquiry", "customer-services", "advisor", "sian", "cy", DaysAgo(1, "20:15"),
        "Oriau agor y ganolfan hamdden dros y Nadolig",
        "Neges ar Facebook yn holi am oriau agor y ganolfan hamdden.",
        lambda c: {"platform": "facebook", "handle": "sian.bethan.williams",
                   "post_id": c.source_id,
                   "url": f"https://www.facebook.com/example/posts/{c.source_id}"},
        (Step("respond", Later(working_days=1, at="10:20")),
         Step("resolve", Later(working_days=1, at="10:25"))),
    ),
    CaseSeed(
        "social", "service_request", "highways", "advisor-highways", "owen", "en",
        DaysAgo(3, "12:00"),
        "Street light out on the riverside cycle path",
        "Post on X: the light by the footbridge has been out for a week.",
        lambda c: {"platform": "x", "handle": "@owenprice_cycles", "post_id": c.source_id},
    ),
    CaseSeed(
        "email", "councillor_enquiry", "highways", "manager-highways", "eirlys", "cy",
        DaysAgo(6, "10:30"),
        "Ymholiad y Cynghorydd: draen wedi blocio ar Lôn y Capel",
        "Ar ran Mrs Bowen: mae dŵr yn llifo i'w gardd bob tro mae'n bwrw glaw.",
        lambda c: {"contact_type": "department", "from_address": c.users["councillor"].email,
                   "to_address": c.mailboxes["highways-maintenance"],
                   "subject": "Draen Lôn y Capel",
                   "message_id": f"<{c.source_id}@mail.example.gov.wales>"},
        (Step("acknowledge", Later(minutes=120)),),
        submitted_by="councillor",
    ),
    CaseSeed(
        "phone", "councillor_enquiry", "housing", "advisor-housing", "keith", "en",
        DaysAgo(2, "15:00"),
        "Councillor enquiry: adaptations for Mr Lewis's home",
        "Cllr Roberts asks when the grab rail the occupational therapist recommended will be "
        "fitted.",
        lambda c: {"contact_type": "answered", "caller_number": c.users["councillor"].phone,
                   "call_id": c.source_id},
        submitted_by="councillor",
    ),
    CaseSeed(
        "email", "service_request", "waste-recycling", "advisor-waste", "town-council", "en",
        DaysAgo(5, "11:15"),
        "Llanfair Town Council: extra dog-waste bins by the community hall",
        "The town council asks for two more dog-waste bins on the path by the community hall.",
        lambda c: {"contact_type": "department", "from_address": c.users["clerk"].email,
                   "to_address": c.mailboxes["waste-collections"], "subject": "Dog-waste bins",
                   "message_id": f"<{c.source_id}@llanfair-tc.example.org>"},
        (Step("acknowledge", Later(minutes=90)),
         Step("respond", Later(working_days=2, at="14:00")),
         Step("resolve", Later(working_days=2, at="14:05"), "Two bins ordered.")),
        submitted_by="clerk",
    ),
)
# fmt: on

#: Channels on which staff log the contact themselves (the others arrive on their own).
LOGGED_BY_STAFF = frozenset({"phone", "letter", "fax", "visit"})


def _local(day: date, at: str) -> datetime:
    hour, minute = (int(part) for part in at.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _email(first_name: str, last_name: str) -> str:
    return _ascii(f"{first_name}.{last_name}".replace(" ", "")).lower() + "@example.gov.wales"


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """The row matching ``lookup`` with ``values``, written only when missing or different."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = _assign(obj, values)
    if changed:
        obj.save(update_fields=changed)
    return obj


def _assign(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the fields whose value differs; the names to save (with timestamps and, for a
    translated field, its untranslated column)."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    fields = {f.name for f in obj._meta.concrete_fields}
    extra = {name[:-3] for name in changed if name[-3:] in ("_cy", "_en")} & fields
    if changed and "modified_at" in fields:
        extra.add("modified_at")
    return changed + sorted(extra - set(changed))


class Command(BaseCommand):
    help = (
        "Create demo services, teams, users (password 'cyswllt-demo'), wards, closure days, an "
        "API token and about two dozen cases. Safe to run again: it changes nothing then."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-server-database",
            action="store_true",
            help="Seed a database other than the embedded SQLite file. The demo users have a "
            "published password: never use this on a live system.",
        )

    def handle(self, *args: Any, allow_server_database: bool = False, **options: Any) -> None:
        if connection.vendor != "sqlite" and not allow_server_database:
            raise CommandError(
                "seed_demo creates users with a published password. It runs on the embedded "
                "SQLite database; pass --allow-server-database to seed this "
                f"{connection.vendor} database anyway."
            )
        now = timezone.now()
        # The untranslated column of a modeltranslation field mirrors the default language.
        with translation.override("en"), transaction.atomic():
            teams = self._services()
            users = self._users(teams)
            token = self._token()
            self._wards(users["councillor"])
            self._closures(now)
            self._absences(users, now)
            created = self._cases(users, teams, now)
            seed_councillors(now=now)
            sweep = sla_sweep(now=now) if created else None
            seed_complaints(now=now)
            seed_evaluation(now=now)
        # Written after the commit: output that fails (a closed pipe) cannot undo the seeding.
        with translation.override("en"):
            self._report(created, sweep, users, token)

    # --- reference data -------------------------------------------------------------------

    def _services(self) -> dict[str, Team]:
        teams: dict[str, Team] = {}
        for seed in SERVICES:
            service = _upsert(
                Service,
                {"code": seed.code},
                {
                    "name_cy": seed.name_cy,
                    "name_en": seed.name_en,
                    "email": seed.email,
                    "phone": seed.phone,
                    "website_cy": f"https://www.example.gov.wales/cy/{seed.code}",
                    "website_en": f"https://www.example.gov.wales/en/{seed.code}",
                },
            )
            teams[seed.team_code] = _upsert(
                Team,
                {"code": seed.team_code},
                {
                    "service": service,
                    "name_cy": seed.team_cy,
                    "name_en": seed.team_en,
                    "mailbox": seed.mailbox,
                },
            )
        return teams

    def _users(self, teams: dict[str, Team]) -> dict[str, User]:
        users: dict[str, User] = {}
        for seed in USERS:
            users[seed.username] = self._user(
                seed.username,
                {
                    "first_name": seed.first_name,
                    "last_name": seed.last_name,
                    "email": _email(seed.first_name, seed.last_name),
                    "role": seed.role,
                    "team": teams[seed.team] if seed.team else None,
                    "job_title": seed.job_title,
                    "job_title_en": seed.job_title,
                    "job_title_cy": JOB_TITLES_CY[seed.username],
                    "phone": seed.phone,
                    "preferred_language": seed.language,
                    "is_active": True,
                    "is_staff": seed.role in ADMIN_SITE_ROLES,
                    "is_superuser": False,
                },
                password=DEMO_PASSWORD,
            )
            if seed.role == Role.MANAGER:
                _upsert(Team, {"pk": teams[seed.team].pk}, {"manager": users[seed.username]})
        return users

    def _user(self, username: str, values: dict[str, Any], *, password: str | None) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **values)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            return user
        changed = _assign(user, values)
        if password and not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        return user

    def _token(self) -> Token:
        integration = self._user(
            INTEGRATION_USERNAME,
            {
                "first_name": "Integration",
                "last_name": "API",
                "email": "integration@example.gov.wales",
                "role": Role.ADMINISTRATOR,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
            },
            password=None,  # signs in with its token only
        )
        token, _ = Token.objects.get_or_create(user=integration)
        return token

    def _wards(self, councillor: User) -> None:
        for code, name_cy, name_en in WARDS:
            ward = _upsert(Ward, {"code": code}, {"name_cy": name_cy, "name_en": name_en})
            # add() would insert-or-ignore, which still moves SQLite's id sequence.
            if not ward.councillors.filter(pk=councillor.pk).exists():
                ward.councillors.add(councillor)

    def _absences(self, users: dict[str, User], now: datetime) -> None:
        """The highways inspector is on leave this week, so that e-mail addressed to him is
        answered with the out-of-office reply."""
        today = timezone.localdate(now)
        _upsert(
            Absence,
            {"user": users["advisor-highways"]},
            {
                "starts_on": today,
                "ends_on": today + timedelta(days=4),
                "cover": users["manager-highways"],
                "urgent_contact": "01234 567200",
            },
        )

    def _closures(self, now: datetime) -> None:
        for day in CLOSURES:
            if not ClosureDay.objects.filter(date=day).exists():
                closure_day_add(
                    day=day, reason_cy=CLOSURE_REASON_CY, reason_en=CLOSURE_REASON_EN, now=now
                )

    # --- cases ----------------------------------------------------------------------------

    def _cases(self, users: dict[str, User], teams: dict[str, Team], now: datetime) -> list[Case]:
        if Case.objects.filter(source_key__contains=DEMO_SOURCE_PREFIX).exists():
            return []
        calendar = working_calendar()
        today = timezone.localdate(now)
        latest = today if calendar.is_working_day(today) else calendar.previous_working_day(today)
        days = [latest]
        while len(days) < WORKING_DAYS_BACK:
            days.append(calendar.previous_working_day(days[-1]))
        services = {team.code: team.service for team in teams.values()}
        service_of = {seed.code: services[seed.team_code] for seed in SERVICES}
        mailboxes = {team.code: team.mailbox for team in teams.values()}
        customers: dict[str, Customer] = {}
        created = []
        for seq, seed in enumerate(CASES, start=1):
            if isinstance(seed.received, DaysAgo):
                received_at = _local(days[seed.received.n], seed.received.at)
            else:
                received_at = now - timedelta(hours=seed.received.hours)
            received_at = min(received_at, now - timedelta(minutes=10)).replace(microsecond=0)
            customer_seed = CUSTOMERS[seed.customer]
            context = Context(seq, received_at, now, calendar, customer_seed, users, mailboxes)
            details = parse_details(seed.channel, seed.details(context))
            customer = customers.get(seed.customer) or Customer(
                name=customer_seed.name,
                email=customer_seed.email,
                phone=customer_seed.phone,
                address=customer_seed.address,
                postcode=customer_seed.postcode,
                preferred_language=customer_seed.language,
            )
            owner = users[seed.owner]
            submitter = users[seed.submitted_by] if seed.submitted_by else None
            logged_by = submitter or (owner if seed.channel in LOGGED_BY_STAFF else None)
            case = case_services.case_create(
                channel=seed.channel,
                details=details,
                kind=seed.kind,
                service=service_of[seed.service],
                summary=seed.summary,
                description=seed.description,
                received_at=received_at,
                customer=customer,
                language=seed.language,
                owner=owner,
                submitted_by=submitter,
                actor=logged_by,
                # Logged a few minutes after it arrived, as it would have been.
                now=min(received_at + timedelta(minutes=3), now),
            ).case
            customers[seed.customer] = case.customer
            for step in seed.steps:
                at = self._moment(step.when, received_at, calendar, now)
                self._apply(step, case, owner, at)
            created.append(case)
        return created

    @staticmethod
    def _moment(
        when: Later, received_at: datetime, calendar: WorkingCalendar, now: datetime
    ) -> datetime:
        if when.at:
            day = timezone.localdate(received_at)
            if when.working_days:
                day = calendar.add_working_days(day, when.working_days)
            moment = _local(day, when.at)
        else:
            moment = received_at + timedelta(minutes=when.minutes)
        return max(min(moment, now - timedelta(minutes=1)), received_at)

    @staticmethod
    def _apply(step: Step, case: Case, actor: User, at: datetime) -> None:
        if step.action == "acknowledge":
            case_services.case_acknowledge(case=case, actor=actor, at=at)
        elif step.action == "respond":
            case_services.case_respond(case=case, actor=actor, at=at)
            if step.text:
                case_services.case_add_note(case=case, actor=actor, text=step.text, now=at)
        elif step.action == "resolve":
            case_services.case_resolve(case=case, actor=actor, note=step.text, at=at)
        elif step.action == "close":
            case_services.case_close(case=case, actor=actor, now=at)
        elif step.action == "meet":
            case_services.milestone_meet(case=case, kind=step.milestone, actor=actor, at=at)
        elif step.action == "note":
            case_services.case_add_note(case=case, actor=actor, text=step.text, now=at)
        else:
            raise CommandError(f"Unknown demo step {step.action!r}.")

    # --- output ---------------------------------------------------------------------------

    def _report(
        self, created: list[Case], sweep: Any, users: dict[str, User], token: Token
    ) -> None:
        out = self.stdout
        if created:
            statuses = Counter(
                Case.objects.filter(pk__in=[c.pk for c in created]).values_list("status", flat=True)
            )
            states = Counter(
                Milestone.objects.filter(case__in=created).values_list("state", flat=True)
            )
            out.write(self.style.SUCCESS(f"Created {len(created)} demo cases."))
            out.write("  cases by status: " + _counts(statuses))
            out.write("  milestones by state: " + _counts(states))
            out.write(f"  SLA sweep: {sweep.due_soon} due soon, {sweep.breached} breached.")
        else:
            out.write("Demo cases already exist; left as they are.")
        out.write("")
        out.write(f"Demo logins (password for every one: {DEMO_PASSWORD})")
        rows = [("username", "role", "password", "name", "team")]
        for seed in USERS:
            user = users[seed.username]
            rows.append(
                (
                    user.username,
                    str(Role(user.role).label),
                    DEMO_PASSWORD,
                    user.get_full_name(),
                    user.team.name_en if user.team else "-",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            out.write(("  " + "  ".join(cells)).rstrip())
            if index == 0:
                out.write("  " + "  ".join("-" * width for width in widths))
        out.write("")
        out.write(f"API token of user '{INTEGRATION_USERNAME}' (administrator): {token.key}")
        out.write(f"  header: Authorization: Token {token.key}")


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {count}" for key, count in sorted(counter.items()))
