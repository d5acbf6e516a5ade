"""Demo data for the councillors' side: members' contact preferences, a town council with its
clerk, the wards' areas, and entries in the Members' Events Calendar. Idempotent."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Role, User
from councillors import services
from councillors.models import CommunityCouncil, ContactMethod, MemberProfile, Ward, WardEvent

AREAS = {
    "canol-y-dref": "LL15 1\nStryd y Farchnad\nSgwâr San Pedr",
    "glan-yr-afon": "LL15 2\nFfordd yr Afon\nParc Glan yr Afon",
    "bryn-celyn": "LL15 3\nBryn Celyn\nLlanfair Dyffryn Clwyd",
}

ENTRIES = (
    # (ward, kind, title, where, days ahead, hours, who, effect)
    (
        "canol-y-dref",
        "planned_works",
        "Ailwynebu Stryd y Farchnad / Resurfacing Market Street",
        "Stryd y Farchnad, Rhuthun",
        5,
        9,
        "Priffyrdd – Gareth Llywelyn",
        "Road closed 08:00–17:00; buses stop at Sgwâr San Pedr / Road closed; buses divert",
    ),
    (
        "glan-yr-afon",
        "event",
        "Diwrnod Hwyl Glan yr Afon / Riverside Fun Day",
        "Parc Glan yr Afon",
        40,
        6,
        "Hamdden / Leisure",
        "Parking busy near the park / Parcio'n brysur ger y parc",
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
    for code, kind, title, where, days, hours, who, effect in ENTRIES:
        if code not in wards or WardEvent.objects.filter(title=title).exists():
            continue
        starts = (now + timedelta(days=days)).replace(hour=8, minute=0, second=0, microsecond=0)
        services.ward_event_create(
            actor=officer,
            wards=[wards[code]],
            kind=kind,
            title=title,
            location=where,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            responsible=who,
            effect=effect,
            now=now,
        )
