"""The demo council's routing table: a few kinds of request per service, in both languages, with
the words residents use, their Open311 codes and whether the public form offers them."""

from dataclasses import dataclass

from accounts.models import Service, Team
from routing.models import RequestType


@dataclass(frozen=True)
class RequestTypeSeed:
    service: str  # service code
    team: str  # team code, "" for none
    name_cy: str
    name_en: str
    words_cy: str
    words_en: str
    open311_code: str = ""
    public: bool = False
    confidential: bool = False


# fmt: off
REQUEST_TYPES = (
    RequestTypeSeed("waste-recycling", "waste-collections",
                    "Bin heb ei gasglu", "Missed bin collection",
                    "bin heb ei gasglu\ncasgliad wedi'i golli\nbiniau heb eu gwagio",
                    "missed bin\nbin not collected\nbins not emptied", "missed-bin", public=True),
    RequestTypeSeed("waste-recycling", "waste-collections",
                    "Bin neu gadi newydd", "New or replacement bin or caddy",
                    "bin newydd\nbin wedi torri\ncadi bwyd",
                    "new bin\nbroken bin\nfood caddy\nreplacement caddy", "bin-request",
                    public=True),
    RequestTypeSeed("waste-recycling", "waste-collections",
                    "Casglu gwastraff swmpus", "Bulky waste collection",
                    "gwastraff swmpus\ndodrefn", "bulky waste\nsofa\nfridge", "bulky-waste",
                    public=True),
    RequestTypeSeed("highways", "highways-maintenance", "Twll yn y ffordd", "Pothole",
                    "twll yn y ffordd\ntwll\nwyneb y ffordd",
                    "pothole\npot hole\nhole in the road\nroad surface", "pothole", public=True),
    RequestTypeSeed("highways", "highways-maintenance",
                    "Golau stryd wedi diffodd", "Street light not working",
                    "golau stryd\ngolau wedi diffodd", "street light\nlamp post\nlight out",
                    "street-light", public=True),
    RequestTypeSeed("housing", "housing-options", "Cofrestr dai", "Housing register",
                    "cofrestr dai\nrhestr aros tai", "housing register\nwaiting list",
                    public=True),
    RequestTypeSeed("housing", "housing-options",
                    "Atgyweirio tŷ cyngor", "Council house repair",
                    "atgyweirio\ntamprwydd\ngollwng", "repair\ndamp\nleak", "housing-repair",
                    public=True),
    RequestTypeSeed("council-tax", "council-tax-billing",
                    "Bil treth y cyngor", "Council tax bill",
                    "bil treth y cyngor\ntreth gyngor\nbil treth",
                    "council tax bill\ncouncil tax\ntax bill", public=True),
    RequestTypeSeed("council-tax", "council-tax-billing",
                    "Gostyngiad person sengl", "Single person discount",
                    "gostyngiad person sengl\nbyw ar ben fy hun",
                    "single person discount\nlive alone", public=True),
    # The existence of such a case is itself sensitive: only the service's staff see it.
    RequestTypeSeed("adult-social-care", "adult-care-first-contact",
                    "Asesiad gofal", "Care assessment",
                    "asesiad gofal\ngofal cartref\ngofalwr",
                    "care assessment\nhome care\ncarer\nhelp at home", confidential=True),
)
# fmt: on


def seed_routing() -> None:
    """The request types, each matched by its service and English name and written only when
    missing or different (so a second run changes nothing)."""
    services = {service.code: service for service in Service.objects.all()}
    teams = {team.code: team for team in Team.objects.all()}
    for order, seed in enumerate(REQUEST_TYPES, start=1):
        values = {
            "team": teams.get(seed.team),
            "name_cy": seed.name_cy,
            "words_cy": seed.words_cy,
            "words_en": seed.words_en,
            "open311_code": seed.open311_code,
            "public": seed.public,
            "confidential": seed.confidential,
            "active": True,
            "ordering": order,
        }
        service = services[seed.service]
        existing = RequestType.objects.filter(service=service, name_en=seed.name_en).first()
        if existing is None:
            RequestType.objects.create(service=service, name_en=seed.name_en, **values)
            continue
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        for name in changed:
            setattr(existing, name, values[name])
        if changed:
            # The untranslated columns mirror the default language (English).
            existing.save(update_fields=[*changed, "name", "words", "modified_at"])
