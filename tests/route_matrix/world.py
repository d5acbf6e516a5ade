"""The council the matrix runs against: one user of every role and the objects whose
visibility the routes must respect, built once per test module (``build_world``).

Services: waste (every case below is the waste service's), highways (another service) and
customer services (the front line). Teams: "waste-team", managed by the manager named in the
complaint (the most awkward arrangement: the complaint sits in that manager's own team), and
"waste-enforcement", managed by the other waste manager; "highways-team"; "Contact centre".

============  =============================================================================
object        what it is
============  =============================================================================
plain         an e-mailed enquiry to waste, unowned in waste-team; the resident tracks it
              with its reference and e-mail address
complaint     a complaint to waste received by letter and recorded, naming the manager of
              waste-team; its acknowledgement letter waits in the print queue, and it carries
              the attachment
confidential  an enquiry to waste made confidential (an adult social care referral)
enquiry       a councillor's enquiry to waste for a resident of their ward, a ward that
              other_councillor also represents and follows
open311       a report that open311_client sent to waste through Open311
feedback      a suggestion to waste, for the complaints officers' feedback pages
============  =============================================================================

Every case was received three weeks ago, so every deadline has passed and each case counts in
the SLA dashboard's "breached" figure and shows in its drill-down.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Absence, Role, Service, Team, User
from complaints.models import ComplaintCategory
from complaints.services import complaint_record
from contacts.attachments import attachments_add
from contacts.models import Attachment, Case, Customer
from contacts.satisfaction_links import satisfaction_token
from councillors.models import (
    CommunityCouncil,
    CouncilMeeting,
    MeetingPaper,
    MemberProfile,
    Ward,
    WardEvent,
)
from councillors.services import (
    council_meeting_create,
    enquiry_submit,
    meeting_paper_add,
    member_profile_ensure,
)
from dataprotection.models import SubjectAccessExport
from dataprotection.services.exports import export_produce
from messaging.delivery import message_deliver
from messaging.models import OutboundMessage
from performance.models import MonitoringCheck, MonitoringSample
from tests.factories import (
    RequestTypeFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    make_case,
    open311_key,
    token_for,
)
from tests.route_matrix.consultations_world import ConsultationsWorld, build_consultations

#: The roles in the matrix's column order, each with the two letters heading its column.
ROLES = (
    ("anonymous", "an"),
    ("resident", "re"),
    ("advisor", "av"),
    ("advisor_other_service", "ao"),
    ("front_line_advisor", "fl"),
    ("manager", "mg"),
    ("manager_named_in_complaint", "mn"),
    ("complaints_officer", "co"),
    ("councillor", "cr"),
    ("other_councillor", "oc"),
    ("clerk", "ck"),
    ("administrator", "ad"),
    ("data_protection_officer", "dp"),
    ("open311_client", "oa"),
    ("other_open311_client", "ob"),
)
ROLE_NAMES = tuple(name for name, _letters in ROLES)
#: Machines: an integration's API token on /api/, and an Open311 client's own key (never the
#: token, docs/adr/0026) as ``api_key`` on /open311/; never a session.
MACHINES = ("open311_client", "other_open311_client")

RESIDENT_EMAIL = "ifan.plainview@example.com"


@dataclass(frozen=True)
class Secret:
    """What gives an object away: its reference (that it exists) and its content (free text
    and the person's details). A role that may not know of the object must find neither in
    anything it is shown; one that may know of it but not read it (a member following another
    member's enquiry) must not find the content."""

    existence: tuple[str, ...]
    content: tuple[str, ...]  # the person's name among them
    person: str  # the customer's name


@dataclass
class World:
    users: dict[str, User]
    cases: dict[str, Case]
    attachment: Attachment
    letter: OutboundMessage
    duplicate: Customer  # the plain case's customer entered a second time
    absence: Absence
    ward: Ward
    event: WardEvent
    # A meeting of the ward's community council, with its minutes (docs/adr/0036).
    meeting: CouncilMeeting
    paper: MeetingPaper
    sample: MonitoringSample
    calendar_token: str
    satisfaction_token: str
    api_tokens: dict[str, str]  # the machines' REST API tokens (accounts.ApiToken, every scope)
    open311_keys: dict[str, str]  # the machines' Open311 keys
    secrets: dict[str, Secret]
    # A subject access request by the plain case's customer, with its export (docs/adr/0031).
    subject_access: SubjectAccessExport | None = None
    consultations: ConsultationsWorld | None = None  # docs/adr/0034


def _user(username: str, role: str, team: Team | None, **fields: Any) -> User:
    return cast(User, UserFactory(username=username, role=role, team=team, **fields))


def _service(code: str, name_en: str, name_cy: str) -> Service:
    return cast(Service, ServiceFactory(code=code, name_en=name_en, name_cy=name_cy))


def _team(service: Service, code: str, name_en: str, **fields: Any) -> Team:
    return cast(Team, TeamFactory(service=service, code=code, name_en=name_en, **fields))


def _machine(username: str) -> User:
    """A machine's account: a user who may deliver inbound messages and works in no service
    (its API token and Open311 key are made in build_world)."""
    user = _user(username, Role.ADVISOR, None, first_name="Open311", last_name=username)
    user.user_permissions.add(Permission.objects.get(codename="deliver_inbound"))
    return user


def _staff() -> tuple[dict[str, User], dict[str, Team], Service]:
    waste = _service("waste", "Waste", "Gwastraff")
    highways = _service("highways", "Highways", "Priffyrdd")
    front = _service("customer-services", "Customer services", "Gwasanaethau cwsmeriaid")
    named = _user("manager-named", Role.MANAGER, None, first_name="Dafydd", last_name="Named")
    manager = _user("manager", Role.MANAGER, None, first_name="Nia", last_name="Manager")
    teams = {
        "waste": _team(waste, "waste-team", "Waste", manager=named),
        "enforcement": _team(waste, "waste-enforcement", "Enforcement", manager=manager),
        "highways": _team(highways, "highways-team", "Highways"),
        "front_line": _team(
            front, "contact-centre", "Contact centre", name_cy="Canolfan", front_line=True
        ),
    }
    for user, team in ((named, teams["waste"]), (manager, teams["enforcement"])):
        user.team = team
        user.save(update_fields=["team"])
    users = {
        "advisor": _user("advisor", Role.ADVISOR, teams["waste"]),
        "advisor_other_service": _user("highways-advisor", Role.ADVISOR, teams["highways"]),
        "front_line_advisor": _user("contact-centre", Role.ADVISOR, teams["front_line"]),
        "manager": manager,
        "manager_named_in_complaint": named,
        "complaints_officer": _user("complaints", Role.COMPLAINTS_OFFICER, teams["waste"]),
        "administrator": _user("admin", Role.ADMINISTRATOR, None, is_staff=True),
        # Reads the audit of reads, never a case (issue 14's policy).
        "data_protection_officer": _user("dpo", Role.DATA_PROTECTION_OFFICER, None),
    }
    return users, teams, waste


def _members() -> tuple[dict[str, User], Ward]:
    councillor = _user("cllr-jones", Role.COUNCILLOR, None, first_name="Huw", last_name="Jones")
    other = _user("cllr-evans", Role.COUNCILLOR, None, first_name="Mair", last_name="Evans")
    clerk = _user("clerk-llanfair", Role.CLERK, None, first_name="Elin", last_name="Clerk")
    ward = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    ward.councillors.add(councillor, other)
    council = CommunityCouncil.objects.create(code="llanfair-cc", name="Cyngor Cymuned Llanfair")
    council.wards.add(ward)
    council.clerks.add(clerk)
    # The other councillor follows their wards' enquiries, so sees another member's enquiry,
    # and must see no more of it than the policy allows.
    MemberProfile.objects.create(user=other, sees_ward_enquiries=True)
    return {"councillor": councillor, "other_councillor": other, "clerk": clerk}, ward


def _cases(
    users: dict[str, User], team: Team, waste: Service, ward: Ward, received: datetime
) -> dict[str, Case]:
    at: dict[str, Any] = {"service": waste, "received_at": received, "now": received, "team": team}
    plain = make_case(
        **at,
        summary="Overflowing bin outside the library",
        customer=Customer(name="Ifan Plainview", email=RESIDENT_EMAIL),
    )
    complaint = make_case(
        **at,
        kind="complaint",
        channel="letter",
        details={"postal_address": "Bryn Awel, Rhuthun", "postcode": "LL15 1AA"},
        summary="Complaint about the waste manager's rudeness",
        # Reached only by post, so the acknowledgement is a letter in the print queue.
        customer=Customer(
            name="Gwenllian Complainant", address="Bryn Awel\nRhuthun", postcode="LL15 1AA"
        ),
    )
    complaint_record(
        case=complaint,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=timezone.localdate(received),
        actor=users["complaints_officer"],
        officers=[users["manager_named_in_complaint"]],
        now=received,
    )
    confidential = make_case(
        **at,
        # Confidential the way main makes one: a request type an administrator marked so.
        request_type=RequestTypeFactory(
            service=waste, name_en="Adult social care assessment", confidential=True
        ),
        summary="Adult social care assessment request",
        customer=Customer(name="Morfudd Confidential", email="morfudd@example.com"),
    )
    enquiry = enquiry_submit(
        member=users["councillor"],
        service=waste,
        summary="Fly-tipping behind the chapel",
        description="Rhian Residentwy of Heol y Capel is housebound and worried about rats",
        ward=ward,
        resident=Customer(name="Rhian Residentwy", email="rhian@example.com"),
        now=received,
    )
    feedback = make_case(
        **at,
        kind="feedback",
        channel="webform",
        details={"form": "feedback"},
        summary="Suggestion: a bin by the park gates",
        customer=Customer(name="Owain Feedback", email="owain@example.com"),
    )
    return {
        "plain": plain,
        "complaint": complaint,
        "confidential": confidential,
        "enquiry": enquiry,
        "feedback": feedback,
    }


OPEN311_REPORT = {
    "service_code": "waste",
    "lat": "53.1150",
    "long": "-3.3100",
    "address_string": "Stryd y Farchnad, Rhuthun",
    "description": "Dumped mattress by the bus stop",
    "email": "sian.reporter@example.org",
    "first_name": "Siân",
    "last_name": "Reporter",
}


def _open311_request(api_key: str) -> Case:
    """Sent the way FixMyStreet sends one: through the Open311 route itself."""
    response = Client().post("/open311/v2/requests.json", {**OPEN311_REPORT, "api_key": api_key})
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()[0]["service_request_id"])


def _letter(complaint: Case, now: datetime) -> OutboundMessage:
    """The complaint's acknowledgement, printed and waiting to be posted."""
    letter = OutboundMessage.objects.get(case=complaint, method="letter")
    assert message_deliver(message_id=letter.pk, now=now), "the letter was not printed"
    letter.refresh_from_db()
    assert letter.state == "to_post", letter.last_error
    return letter


def _attachment(case: Case, actor: User) -> Attachment:
    upload = SimpleUploadedFile("statement.txt", b"What the complainant wrote down.\n")
    return attachments_add(case=case, files=[upload], actor=actor)[0]


def _event(ward: Ward, actor: User, now: datetime) -> WardEvent:
    event = WardEvent.objects.create(
        kind="works",
        title="Resurfacing Stryd Fawr",
        location="Stryd Fawr, Llanfair",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=31),
        responsible="Highways",
        effect="The road is closed for a day.",
        created_by=actor,
    )
    event.wards.add(ward)
    return event


def _meeting(clerk: User, now: datetime) -> tuple[CouncilMeeting, MeetingPaper]:
    council = CommunityCouncil.objects.get(clerks=clerk)
    meeting = council_meeting_create(
        clerk=clerk, council=council, held_on=timezone.localdate(now), title="Monthly meeting"
    )
    upload = SimpleUploadedFile("minutes.txt", b"Present: the members of the council.\n")
    paper = meeting_paper_add(meeting=meeting, clerk=clerk, kind="minutes", upload=upload, now=now)
    return meeting, paper


def _sample(service: Service, cases: dict[str, Case], actor: User, now: datetime):
    """This month's random monitoring sample, as if the draw had picked the confidential cases
    too (the draw is random; what a manager is shown of a sample must not be)."""
    sample = MonitoringSample.objects.create(
        service=service,
        month=timezone.localdate(now).replace(day=1),
        size=3,
        seed=1,
        population=3,
        drawn_at=now,
        drawn_by=actor,
    )
    for name in ("plain", "complaint", "confidential"):
        MonitoringCheck.objects.create(sample=sample, case=cases[name])
    return sample


def _secrets(cases: dict[str, Case]) -> dict[str, Secret]:
    def secret(name: str, *content: str) -> Secret:
        case = cases[name]
        customer = case.customer.name if case.customer else ""
        texts = (case.summary, case.description, customer, *content)
        return Secret(
            existence=(case.reference,), content=tuple(t for t in texts if t), person=customer
        )

    return {name: secret(name) for name in cases}


def build_world() -> World:
    now = timezone.now()
    received = now - timedelta(days=21)
    users, teams, waste = _staff()
    members, ward = _members()
    users.update(members)
    for name in MACHINES:
        users[name] = _machine(name.replace("_", "-"))
    open311_keys = {name: open311_key(name, user=users[name]) for name in MACHINES}
    cases = _cases(users, teams["waste"], waste, ward, received)
    cases["open311"] = _open311_request(open311_keys["open311_client"])
    profile = member_profile_ensure(user=users["councillor"])
    meeting, paper = _meeting(users["clerk"], now)
    return World(
        users=users,
        cases=cases,
        attachment=_attachment(cases["complaint"], users["complaints_officer"]),
        letter=_letter(cases["complaint"], now),
        duplicate=Customer.objects.create(name="Ifan Plainview", email=RESIDENT_EMAIL),
        absence=Absence.objects.create(
            user=users["advisor"],
            starts_on=timezone.localdate(now) + timedelta(days=7),
            ends_on=timezone.localdate(now) + timedelta(days=8),
        ),
        ward=ward,
        event=_event(ward, users["manager"], now),
        meeting=meeting,
        paper=paper,
        sample=_sample(waste, cases, users["manager"], now),
        calendar_token=profile.calendar_token,
        satisfaction_token=satisfaction_token(cases["plain"].pk),
        api_tokens={name: token_for(users[name]) for name in MACHINES},
        open311_keys=open311_keys,
        secrets=_secrets(cases),
        subject_access=_subject_access(cases["plain"], users["advisor"], received, now),
        consultations=build_consultations(users, ward),
    )


def _subject_access(
    plain: Case, advisor: User, received: datetime, now: datetime
) -> SubjectAccessExport:
    request = make_case(
        service=plain.service,
        kind="subject_access",
        summary="Copy of my personal data",
        customer=plain.customer,
        received_at=received,
        now=received,
    )
    return export_produce(case=request, customer_ids=[], actor=advisor, now=now)


def sign_in(world: World, role: str) -> Client:
    """A test client for ``role``: signed in once (staff and members), holding the tracked
    reference in its session (the resident), or nothing (visitors and machines, whose
    credentials go with each request)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if role == "resident":
        response = client.post(
            "/en/track/", {"reference": world.cases["plain"].reference, "proof": RESIDENT_EMAIL}
        )
        assert response.status_code == 302, "the resident could not prove their reference"
    elif role in world.users and role not in MACHINES:
        client.force_login(world.users[role])
    return client
