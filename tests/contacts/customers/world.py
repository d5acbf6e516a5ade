"""A council of three services around one customer, for the customer record's tests (the
browser tests build it too): the contact centre (a front-line team), waste (the root
``conftest``'s ``service``, ``team`` and ``advisor``) and highways.

=================  ==========  ===========  ========  ===============================
case               service     kind         status    received
=================  ==========  ===========  ========  ===============================
waste_open         waste       enquiry      new       2 March 2026 10:00
highways_open      highways    enquiry      new       3 March 2026 09:00 (the newest)
waste_resolved     waste       enquiry      resolved  2 February 2026 09:00
waste_complaint    waste       complaint    new       1 March 2026 12:00
=================  ==========  ===========  ========  ===============================

The complaint is confidential: only the waste complaints officer (and administrators) see it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from accounts.models import Role, Team, User
from contacts.models import Case, Customer
from contacts.services import case_resolve
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class CustomerWorld:
    contact_centre: Team
    advisor: User  # waste
    front_line: User
    highways_advisor: User
    complaints_officer: User
    gwen: Customer
    waste_open: Case
    highways_open: Case
    waste_resolved: Case
    waste_complaint: Case


def front_line_team():  # untyped: factory_boy's types are its own
    service = ServiceFactory(
        code="customer-services", name_en="Customer Services", name_cy="Gwasanaethau Cwsmeriaid"
    )
    return TeamFactory(
        service=service,
        code="contact-centre",
        name_en="Contact Centre",
        name_cy="Canolfan Gyswllt",
        front_line=True,
    )


def gwenllian() -> Customer:
    return Customer.objects.create(
        name="Gwenllian Parry",
        email="gwen@example.com",
        phone="01234 560101",
        address="3 Heol y Bryn, Llanfair",
        postcode="LL99 1AB",
        preferred_language="cy",
        preferred_contact_method="email",
    )


def build_customer_world(*, service, team, advisor):
    contact_centre = front_line_team()
    front_line = UserFactory(
        role=Role.ADVISOR,
        team=contact_centre,
        username="front-line",
        first_name="Dafydd",
        last_name="Hughes",
    )
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    highways_advisor = UserFactory(
        role=Role.ADVISOR,
        team=TeamFactory(service=highways, code="highways-team"),
        username="highways-advisor",
    )
    complaints_officer = UserFactory(
        role=Role.COMPLAINTS_OFFICER, team=team, username="complaints-officer"
    )
    gwen = gwenllian()
    waste_open = make_case(service=service, customer=gwen, received_at=RECEIVED)
    highways_open = make_case(
        service=highways, customer=gwen, received_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    )
    waste_resolved = make_case(
        service=service, customer=gwen, received_at=datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    )
    case_resolve(case=waste_resolved, actor=advisor, at=RECEIVED, now=RECEIVED)
    waste_complaint = make_case(
        service=service,
        customer=gwen,
        kind="complaint",
        received_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    )
    return CustomerWorld(
        contact_centre=contact_centre,
        advisor=advisor,
        front_line=front_line,
        highways_advisor=highways_advisor,
        complaints_officer=complaints_officer,
        gwen=gwen,
        waste_open=waste_open,
        highways_open=highways_open,
        waste_resolved=waste_resolved,
        waste_complaint=waste_complaint,
    )
