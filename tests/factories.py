"""factory_boy factories shared by the test modules."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import factory
from django.utils import timezone

from accounts.api_tokens.scopes import Scope
from accounts.api_tokens.services import api_token_issue
from accounts.models import Role, Service, Team, User
from channels_app.open311.keys import open311_client_create
from contacts.channel_details import parse_details
from contacts.models import Customer
from contacts.services import case_create
from routing.models import RequestType

if TYPE_CHECKING:
    from axes.models import AccessAttempt


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"service-{n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    name_cy = factory.Sequence(lambda n: f"Gwasanaeth {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    code = factory.Sequence(lambda n: f"team-{n}")
    name_en = factory.Sequence(lambda n: f"Team {n}")
    name_cy = factory.Sequence(lambda n: f"Tîm {n}")


class RequestTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestType

    service = factory.SubFactory(ServiceFactory)
    name_en = factory.Sequence(lambda n: f"Request {n}")
    name_cy = factory.Sequence(lambda n: f"Cais {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.wales")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    role = Role.ADVISOR
    team = factory.SubFactory(TeamFactory)
    preferred_language = "en"
    password = factory.django.Password("pass-Word-123")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.LazyAttribute(lambda c: f"{c.name.replace(' ', '.').lower()}@example.com")


def token_for(user: User, scopes: Iterable[Scope] = tuple(Scope)) -> str:
    """The key of a new API token acting as ``user``, with every scope unless told, for a
    year."""
    now = timezone.now()
    return api_token_issue(
        user=user, name="test client", scopes=scopes, expires_at=now + timedelta(days=365), now=now
    )[1]


def open311_key(name: str, *, user: User | None = None) -> str:
    """A new Open311 client named ``name`` (under ``user``, else an account of its own) and
    its key, which is shown only now."""
    return open311_client_create(name=name, user=user)[1]


EMAIL_DEPARTMENT = {
    "contact_type": "department",
    "from_address": "ann@example.com",
    "to_address": "waste@example.gov.wales",
}


def make_case(
    *,
    service: Service,
    channel: str = "email",
    details: dict | None = None,
    kind: str = "enquiry",
    summary: str = "Missed bin",
    received_at: datetime | None = None,
    now: datetime | None = None,
    **kwargs,
):
    """A case made the way every entry point makes one: through ``case_create``."""
    received_at = received_at or datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    parsed = parse_details(channel, EMAIL_DEPARTMENT if details is None else details)
    return case_create(
        channel=channel,
        details=parsed,
        kind=kind,
        service=service,
        summary=summary,
        received_at=received_at,
        now=now or received_at,
        **kwargs,
    ).case


def sign_in_failure(username: str = "someone", *, failures: int = 1) -> "AccessAttempt":
    """A lockout record of django-axes, as a failed sign-in leaves it."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.1",
        user_agent="browser",
        http_accept="*/*",
        path_info="/cy/sign-in/",
        failures_since_start=failures,
    )
