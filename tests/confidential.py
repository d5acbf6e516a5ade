"""A complaint and the people around it, for the tests that a confidential case reaches nobody
the one policy (``contacts.selectors.case_visible_to``) would not let open it.

``complaint_cast(team)`` gives, in the root conftest's waste service: the team's manager and an
advisor, both named in a complaint; an unnamed complaints officer of the service, who handles
it; and an advisor of another service. ``complaint_naming`` records such a complaint.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from accounts.models import Role, Team, User
from complaints.models import ComplaintCategory
from complaints.services import complaint_record
from contacts.models import Case, Customer
from tests.factories import CustomerFactory, ServiceFactory, TeamFactory, UserFactory, make_case

#: What the complainant and their complaint say: neither may reach anyone named in it.
COMPLAINANT = "Gwenllian Ddu"
SUMMARY = "Rude officer at the depot"


@dataclass(frozen=True)
class Cast:
    manager: User  # the team's manager, named in the complaint
    officer: User  # an advisor of the service, named in the complaint
    handler: User  # a complaints officer of the service, not named: may open it
    stranger: User  # an advisor of another service


def complaint_cast(team: Team) -> Cast:
    assert team.manager is not None
    other_service = ServiceFactory(code="housing", name_en="Housing", name_cy="Tai")
    return Cast(
        manager=team.manager,
        officer=cast(User, UserFactory(role=Role.ADVISOR, team=team, username="named-officer")),
        handler=cast(
            User, UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="handler")
        ),
        stranger=cast(
            User,
            UserFactory(
                role=Role.ADVISOR, team=TeamFactory(service=other_service), username="stranger"
            ),
        ),
    )


def complaint_naming(
    *named: User,
    team: Team,
    channel: str = "email",
    details: dict | None = None,
    customer: Customer | None = None,
    recorded_by: User,
    **case_fields: Any,
) -> Case:
    """A complaint to ``team``'s service, recorded as being about ``named``."""
    case = make_case(
        service=team.service,
        kind="complaint",
        channel=channel,
        details=details,
        customer=customer or CustomerFactory(name=COMPLAINANT),
        team=team,
        **case_fields,
    )
    case.summary = SUMMARY
    case.save(update_fields=["summary"])
    complaint_record(
        case=case,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=date(2026, 2, 20),
        actor=recorded_by,
        officers=named,
        now=case.received_at,
    )
    return case
