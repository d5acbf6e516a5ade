"""The demo council's reference data: services and teams, a user for every role, wards,
closure days."""

from dataclasses import dataclass
from datetime import date

from accounts.models import Role

DEMO_PASSWORD = "cyswllt-demo"
INTEGRATION_USERNAME = "integration"
#: Every demo case that arrives with a channel message id carries this in it.
DEMO_SOURCE_PREFIX = "cyswllt-demo-"
#: How far back the demo cases were received.
WORKING_DAYS_BACK = 15


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
    #: The contact centre logs contacts for every service (``Team.front_line``).
    front_line: bool = False
    #: Website changes and emergency information go to its queue (``Team.web_team``).
    web_team: bool = False


# fmt: off
SERVICES = (
    ServiceSeed(
        "customer-services", "Gwasanaethau Cwsmeriaid", "Customer Services",
        "cyswllt@example.gov.wales", "01234 567000",
        "contact-centre", "Canolfan Gyswllt", "Contact Centre",
        "canolfan.gyswllt@example.gov.wales", front_line=True,
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
    ServiceSeed(
        "council-tax", "Treth y Cyngor", "Council Tax",
        "treth.cyngor@example.gov.wales", "01234 567400",
        "council-tax-billing", "Biliau Treth y Cyngor", "Council Tax Billing",
        "biliau.treth@example.gov.wales",
    ),
    ServiceSeed(
        "adult-social-care", "Gofal Cymdeithasol i Oedolion", "Adult Social Care",
        "gofal.oedolion@example.gov.wales", "01234 567500",
        "adult-care-first-contact", "Cyswllt Cyntaf Gofal Oedolion", "Adult Care First Contact",
        "cyswllt.gofal@example.gov.wales",
    ),
    ServiceSeed(
        "communications", "Cyfathrebu", "Communications",
        "cyfathrebu@example.gov.wales", "01234 567600",
        "web-team", "Tîm y We", "Web Team",
        "tim.y.we@example.gov.wales", web_team=True,
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
    "advisor-tax": "Swyddog treth y cyngor",
    "web-editor": "Golygydd y we",
    "complaints": "Swyddog cwynion, gwastraff ac ailgylchu",
    "councillor": "Cynghorydd sir",
    "clerk": "Clerc Cyngor Tref Llanfair",
    "dpo": "Swyddog diogelu data",
}

# fmt: off
USERS = (
    UserSeed("admin", "Eleri", "Vaughan", Role.ADMINISTRATOR, "",
             "Systems administrator", "01234 567010", "cy"),
    UserSeed("dpo", "Nia", "Rowlands", Role.DATA_PROTECTION_OFFICER, "",
             "Data protection officer", "01234 567011", "cy"),
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
    UserSeed("advisor-tax", "Alun", "Pugh", Role.ADVISOR, "council-tax-billing",
             "Council tax officer", "01234 567402", "cy"),
    UserSeed("web-editor", "Owain", "Griffiths", Role.ADVISOR, "web-team",
             "Web editor", "01234 567602", "cy"),
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
