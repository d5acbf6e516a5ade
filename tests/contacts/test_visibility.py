"""The one visibility policy (contacts/visibility.py, docs/adr/0018) as a table: every role
against every kind of case — whose service, confidential or not, a complaint naming someone or
not, a member's own or another's — and the field rule for members, and who may open customers.

Two services, waste (the root conftest's) and highways:

==========================  ========  ===================================================
case                        service   what it is
==========================  ========  ===================================================
waste_enquiry               waste     an ordinary enquiry
highways_enquiry            highways  an ordinary enquiry
waste_confidential          waste     confidential (a request type an administrator marked)
highways_confidential       highways  confidential
waste_complaint             waste     a complaint naming nobody
complaint_about_manager     waste     a complaint naming the waste team's manager
cllr_enquiry                waste     raised by Cllr Jones for a resident of her ward
cllr_confidential           waste     raised by Cllr Jones, confidential
cllr_complaint              waste     a complaint Cllr Jones raised
clerk_enquiry               waste     raised by the clerk for her council, in Cllr Jones's ward
==========================  ========  ===================================================
"""

from datetime import date

import pytest

from accounts.models import Role
from complaints.models import ComplaintCategory
from complaints.services import complaint_record
from contacts.models import Case, Customer
from contacts.visibility import (
    WITHHELD,
    case_redactions,
    case_visible_to,
    customer_visible_to,
    with_field_rule,
)
from councillors.models import CommunityCouncil, MemberProfile, OnBehalfOf, Ward
from councillors.services import enquiry_submit
from tests.factories import CustomerFactory, ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

ALL = frozenset(
    {
        "waste_enquiry",
        "highways_enquiry",
        "waste_confidential",
        "highways_confidential",
        "waste_complaint",
        "complaint_about_manager",
        "cllr_enquiry",
        "cllr_confidential",
        "cllr_complaint",
        "clerk_enquiry",
    }
)
#: What every member of staff of any service reads: one council.
NOT_CONFIDENTIAL = frozenset({"waste_enquiry", "highways_enquiry", "cllr_enquiry", "clerk_enquiry"})
WASTE_CONFIDENTIAL = frozenset({"waste_confidential", "cllr_confidential"})
WASTE_COMPLAINTS = frozenset({"waste_complaint", "complaint_about_manager", "cllr_complaint"})

#: Who sees what: worked out by hand from docs/adr/0018.
EXPECTED = {
    "administrator": ALL,
    "waste_advisor": NOT_CONFIDENTIAL | WASTE_CONFIDENTIAL,
    "waste_complaints_officer": NOT_CONFIDENTIAL | WASTE_CONFIDENTIAL | WASTE_COMPLAINTS,
    # Named in one complaint: every other complaint of the service, never that one.
    "waste_manager_named": NOT_CONFIDENTIAL
    | WASTE_CONFIDENTIAL
    | (WASTE_COMPLAINTS - {"complaint_about_manager"}),
    "highways_advisor": NOT_CONFIDENTIAL | {"highways_confidential"},
    "highways_manager": NOT_CONFIDENTIAL | {"highways_confidential"},
    "highways_complaints_officer": NOT_CONFIDENTIAL | {"highways_confidential"},
    "staff_without_a_team": frozenset(),
    # Her own (the confidential one too), her ward's, never a complaint even her own.
    "cllr_jones": frozenset({"cllr_enquiry", "cllr_confidential", "clerk_enquiry"}),
    "cllr_other": frozenset(),
    "clerk": frozenset({"clerk_enquiry"}),
    "data_protection_officer": frozenset(),
}


@pytest.fixture
def world(service, team, advisor):
    highways = ServiceFactory(code="highways")
    highways_team = TeamFactory(service=highways)
    manager = team.manager
    users = {
        "administrator": UserFactory(role=Role.ADMINISTRATOR, team=None),
        "waste_advisor": advisor,
        "waste_complaints_officer": UserFactory(role=Role.COMPLAINTS_OFFICER, team=team),
        "waste_manager_named": manager,
        "highways_advisor": UserFactory(role=Role.ADVISOR, team=highways_team),
        "highways_manager": UserFactory(role=Role.MANAGER, team=highways_team),
        "highways_complaints_officer": UserFactory(
            role=Role.COMPLAINTS_OFFICER, team=highways_team
        ),
        "staff_without_a_team": UserFactory(role=Role.MANAGER, team=None),
        "cllr_jones": UserFactory(role=Role.COUNCILLOR, team=None),
        "cllr_other": UserFactory(role=Role.COUNCILLOR, team=None),
        "clerk": UserFactory(role=Role.CLERK, team=None),
        # The role the read-audit work adds: it reads the audit, never a case.
        "data_protection_officer": UserFactory(role="data_protection_officer", team=None),
    }
    ward = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    ward.councillors.add(users["cllr_jones"])
    MemberProfile.objects.create(user=users["cllr_jones"], sees_ward_enquiries=True)
    council = CommunityCouncil.objects.create(
        code="llanfair-cc", name_en="Llanfair CC", name_cy="CC Llanfair", copy_councillors=False
    )
    council.wards.add(ward)
    council.clerks.add(users["clerk"])
    resident = Customer(name="Megan Hughes")
    cases = {
        "waste_enquiry": make_case(service=service),
        "highways_enquiry": make_case(service=highways),
        "waste_confidential": make_case(service=service, confidential=True),
        "highways_confidential": make_case(service=highways, confidential=True),
        "waste_complaint": make_case(service=service, kind="complaint"),
        "complaint_about_manager": make_case(service=service, kind="complaint"),
        "cllr_enquiry": enquiry_submit(
            member=users["cllr_jones"],
            service=service,
            summary="Fly-tipping",
            description="Bags by the gate.",
            ward=ward,
            resident=resident,
        ),
        "cllr_confidential": make_case(
            service=service,
            kind="councillor_enquiry",
            submitted_by=users["cllr_jones"],
            confidential=True,
        ),
        "cllr_complaint": make_case(
            service=service, kind="complaint", submitted_by=users["cllr_jones"]
        ),
        "clerk_enquiry": enquiry_submit(
            member=users["clerk"],
            service=service,
            summary="Bus shelter",
            description="Broken glass.",
            on_behalf_of=OnBehalfOf.COMMUNITY,
            community_council=council,
            ward=ward,
        ),
    }
    complaint_record(
        case=cases["complaint_about_manager"],
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=date(2026, 3, 1),
        actor=users["waste_complaints_officer"],
        officers=[manager],
    )
    return users, cases


def test_the_table_covers_every_case(world):
    _users, cases = world
    assert set(cases) == ALL
    assert set(EXPECTED) == set(world[0])


@pytest.mark.parametrize("who", EXPECTED)
def test_who_sees_which_case(world, who):
    users, cases = world
    names = {case.pk: name for name, case in cases.items()}

    visible = case_visible_to(users[who]).values_list("pk", flat=True)

    assert {names[pk] for pk in visible} == EXPECTED[who]


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not case_visible_to(AnonymousUser()).exists()
    assert not customer_visible_to(AnonymousUser()).exists()


def test_every_complaint_is_confidential_and_so_is_what_case_create_is_told(world):
    _users, cases = world
    flags = dict(Case.objects.values_list("pk", "confidential"))
    assert {name for name, case in cases.items() if flags[case.pk]} == (
        WASTE_CONFIDENTIAL | WASTE_COMPLAINTS | {"highways_confidential"}
    )


def test_the_policy_costs_one_query(world, django_assert_num_queries):
    users, _cases = world
    with django_assert_num_queries(1):
        list(case_visible_to(users["waste_manager_named"]))


# --- The field rule -------------------------------------------------------------------------

#: Who reads which of the members' enquiries in full (the rest: the outline).
IN_FULL = {
    ("cllr_jones", "cllr_enquiry"): True,  # her own
    ("cllr_jones", "cllr_confidential"): True,  # her own
    ("cllr_jones", "clerk_enquiry"): False,  # her ward's, the clerk's council's
    ("clerk", "clerk_enquiry"): True,  # her council's
    ("waste_advisor", "cllr_enquiry"): True,  # staff read all they may see
    ("highways_advisor", "clerk_enquiry"): True,
    ("administrator", "cllr_confidential"): True,
}


@pytest.mark.parametrize(("who", "case"), IN_FULL)
def test_who_reads_which_enquiry_in_full(world, who, case):
    users, cases = world
    expected = frozenset() if IN_FULL[who, case] else WITHHELD

    annotated = with_field_rule(case_visible_to(users[who]), users[who]).get(pk=cases[case].pk)

    assert case_redactions(users[who], annotated) == expected
    assert case_redactions(users[who], Case.objects.get(pk=cases[case].pk)) == expected


def test_another_clerk_of_the_council_reads_its_enquiry_in_full(world):
    _users, cases = world
    second_clerk = UserFactory(role=Role.CLERK, team=None)
    CommunityCouncil.objects.get().clerks.add(second_clerk)

    case = case_visible_to(second_clerk).get(pk=cases["clerk_enquiry"].pk)

    assert case_redactions(second_clerk, case) == frozenset()


def test_the_outline_withholds_free_text_the_resident_and_the_people(world):
    assert {"summary", "description", "customer", "notes", "replies", "updates"} <= WITHHELD
    assert {"channel_details", "owner", "attachments"} <= WITHHELD


def test_a_list_knows_who_reads_what_in_full_without_a_query_per_row(
    world, django_assert_num_queries
):
    users, _cases = world
    cllr = users["cllr_jones"]
    enquiries = list(with_field_rule(case_visible_to(cllr), cllr))
    with django_assert_num_queries(0):
        withheld = {case.reference: case_redactions(cllr, case) for case in enquiries}
    assert sorted(map(bool, withheld.values())) == [False, False, True]


# --- Customers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "opens"),
    [
        ("administrator", True),
        ("waste_advisor", True),
        ("highways_advisor", True),  # one customer record for the council
        ("waste_manager_named", True),
        ("staff_without_a_team", False),
        ("cllr_jones", False),
        ("clerk", False),
        ("data_protection_officer", False),
    ],
)
def test_who_opens_customers(world, who, opens):
    users, _cases = world
    customer = CustomerFactory()
    assert customer_visible_to(users[who]).filter(pk=customer.pk).exists() is opens
