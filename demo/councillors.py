"""Demo data for the councillors' side: members' contact preferences, a town council with its
clerk, the wards' areas, entries in the Members' Events Calendar (one with a councillor's
comment and the officer's answer), and a council meeting with its agenda and minutes.
Idempotent."""

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role, User
from councillors import services
from councillors.models import (
    CommunityCouncil,
    ContactMethod,
    CouncilMeeting,
    EventRecordKind,
    MemberProfile,
    Ward,
    WardEvent,
)

AREAS = {
    "canol-y-dref": "LL15 1\nStryd y Farchnad\nSgwâr San Pedr",
    "glan-yr-afon": "LL15 2\nFfordd yr Afon\nParc Glan yr Afon",
    "bryn-celyn": "LL15 3\nBryn Celyn\nLlanfair Dyffryn Clwyd",
}

ENTRIES = (
    # (ward, kind, (title in Welsh, in English), where, days ahead, hours, who,
    #  (effect in Welsh, in English))
    (
        "canol-y-dref",
        "planned_works",
        ("Ailwynebu Stryd y Farchnad", "Resurfacing Market Street"),
        "Stryd y Farchnad, Rhuthun",
        5,
        9,
        "Priffyrdd – Gareth Llywelyn",
        (
            "Y ffordd ar gau 08:00–17:00; bysiau'n aros yn Sgwâr San Pedr",
            "Road closed 08:00–17:00; buses stop at Sgwâr San Pedr",
        ),
    ),
    (
        "glan-yr-afon",
        "event",
        ("Diwrnod Hwyl Glan yr Afon", "Riverside Fun Day"),
        "Parc Glan yr Afon",
        40,
        6,
        "Hamdden / Leisure",
        ("Parcio'n brysur ger y parc", "Parking busy near the park"),
    ),
)


def seed_councillors(*, now: datetime | None = None) -> None:
    now = now or timezone.now()
    for user in User.objects.filter(role__in=(Role.COUNCILLOR, Role.CLERK)):
        MemberProfile.objects.get_or_create(
            user=user,
            defaults={"contact_method": ContactMethod.EMAIL, "sees_ward_enquiries": False},
        )
    for code, areas in AREAS.items():
        Ward.objects.filter(code=code, areas="").update(areas=areas)
    council, _created = CommunityCouncil.objects.get_or_create(
        code="llanfair",
        defaults={"name_cy": "Cyngor Tref Llanfair", "name_en": "Llanfair Town Council"},
    )
    wards = {ward.code: ward for ward in Ward.objects.all()}
    if "bryn-celyn" in wards and not council.wards.exists():
        council.wards.add(wards["bryn-celyn"])
    for clerk in User.objects.filter(role=Role.CLERK, community_councils__isnull=True):
        council.clerks.add(clerk)
    officer = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("pk").first()
    for code, kind, (title_cy, title_en), where, days, hours, who, effect in ENTRIES:
        if code not in wards or WardEvent.objects.filter(title_en=title_en).exists():
            continue
        starts = (now + timedelta(days=days)).replace(hour=8, minute=0, second=0, microsecond=0)
        services.ward_event_create(
            actor=officer,
            wards=[wards[code]],
            kind=kind,
            title_cy=title_cy,
            title_en=title_en,
            location=where,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            responsible=who,
            effect_cy=effect[0],
            effect_en=effect[1],
            now=now,
        )
    seed_comment_thread(now=now)
    seed_meeting(now=now)


#: The thread on the first entry: (what the ward's councillor asks, what the officer answers).
THREAD = (
    "Mae bysiau'r ysgol yn defnyddio Stryd y Farchnad am 08:30. A all y gwaith ddechrau am "
    "09:15? / The school buses use Market Street at 08:30: could work start at 09:15?",
    "Gallwn: bydd y criw yn dechrau am 09:15 ar ddiwrnodau ysgol. / Yes: the crew will start "
    "at 09:15 on school days.",
)
MEETING_TITLE = "Cyfarfod misol / Monthly meeting"
PAPERS = (
    (
        "agenda",
        "Agenda.txt",
        "1. Ymddiheuriadau / Apologies\n2. Cofnodion / Minutes\n3. Cyllid / Finance\n",
    ),
    (
        "minutes",
        "Cofnodion - Minutes.txt",
        "Yn bresennol / Present: aelodau'r cyngor / the members of the council.\n"
        "Penderfynwyd / Resolved: gofyn am fainc newydd yn y parc / to ask for a new bench "
        "in the park.\n",
    ),
)


def seed_comment_thread(*, now: datetime) -> None:
    """The ward's councillor comments on the first entry; the officer who owns it answers."""
    event = WardEvent.objects.filter(title_en=ENTRIES[0][2][1]).select_related("created_by").first()
    if event is None or event.history.filter(kind=EventRecordKind.COMMENT).exists():
        return
    councillor = User.objects.filter(role=Role.COUNCILLOR, wards__events=event).first()
    if councillor is None or event.created_by is None:
        return
    comment = services.ward_event_comment(
        event=event, councillor=councillor, text=THREAD[0], now=now - timedelta(hours=3)
    )
    services.ward_event_answer(
        comment=comment, officer=event.created_by, text=THREAD[1], now=now - timedelta(hours=1)
    )


def seed_meeting(*, now: datetime) -> None:
    """Last week's meeting of the town council, its agenda and minutes sent to the county
    councillors of its ward."""
    council = CommunityCouncil.objects.filter(code="llanfair").first()
    clerk = council.clerks.filter(is_active=True).first() if council else None
    if council is None or clerk is None:
        return
    if CouncilMeeting.objects.filter(council=council, title=MEETING_TITLE).exists():
        return
    meeting = services.council_meeting_create(
        clerk=clerk,
        council=council,
        held_on=timezone.localdate(now) - timedelta(days=7),
        title=MEETING_TITLE,
    )
    for kind, name, text in PAPERS:
        services.meeting_paper_add(
            meeting=meeting,
            clerk=clerk,
            kind=kind,
            upload=SimpleUploadedFile(name, text.encode()),
            now=now,
        )
