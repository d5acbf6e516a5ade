"""A council with a web team (in Communications) and an officer of another service asking."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from publishing.services import ChangeAsked, EmergencyRaised, emergency_raise, web_change_request
from tests.factories import ServiceFactory, TeamFactory, UserFactory

#: Monday 2 March 2026, 10:00 GMT (UTC+0): a working day, far from any bank holiday.
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def web_team(db):
    communications = ServiceFactory(
        code="communications", name_en="Communications", name_cy="Cyfathrebu"
    )
    manager = UserFactory(role=Role.MANAGER, team=None, username="web-manager")
    team = TeamFactory(
        service=communications,
        code="web",
        name_en="Web team",
        name_cy="Tîm y we",
        web_team=True,
        manager=manager,
    )
    manager.team = team
    manager.save(update_fields=["team"])
    return team


@pytest.fixture
def web_officer(web_team):
    return UserFactory(role=Role.ADVISOR, team=web_team, username="web-officer")


@pytest.fixture
def change_asked(service):
    def asked(**changes):
        values = {
            "page": "Bin collection days",
            "change": "Collections move from Monday to Tuesday.",
            "takes_place_on": None,
            "requested_by": service,
        }
        return ChangeAsked(**{**values, **changes})

    return asked


@pytest.fixture
def raise_emergency(web_team, advisor):
    def raised(now=MONDAY_10, what="Flooding closes the A525 at Rhuthun."):
        return emergency_raise(
            raised=EmergencyRaised(what=what, where="A525, Rhuthun", affected="Drivers"),
            actor=advisor,
            now=now,
        )

    return raised


@pytest.fixture
def request_change(web_team, advisor, change_asked):
    def made(now=MONDAY_10, **changes):
        return web_change_request(asked=change_asked(**changes), actor=advisor, now=now)

    return made


@pytest.fixture
def manager_of_web(web_team):
    return web_team.manager
