"""contacts.audience: who may be told of a case, set-based, answers as the one policy does
(``case_visible_to`` and ``can_work``) for every pair of a person and a case."""

from itertools import product

import pytest
from django.db.models import IntegerField, Value

from accounts.models import Role
from contacts.audience import may_be_told, open_to_its_service, told_of_cases
from contacts.models import Case, Milestone
from tests.confidential import complaint_cast, complaint_naming
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(team, advisor, administrator):
    cast = complaint_cast(team)
    return {
        "manager named in the complaint": cast.manager,
        "officer named in the complaint": cast.officer,
        "complaints officer": cast.handler,
        "advisor": advisor,
        "advisor of another service": cast.stranger,
        "administrator": administrator,
        "councillor": UserFactory(role=Role.COUNCILLOR, team=None, username="cllr"),
        "former advisor": UserFactory(role=Role.ADVISOR, team=team, is_active=False),
    }


@pytest.fixture
def cases(team, people):
    named = (
        people["manager named in the complaint"],
        people["officer named in the complaint"],
    )
    housing = people["advisor of another service"].team
    return {
        "enquiry": make_case(service=team.service, team=team),
        "complaint": complaint_naming(*named, team=team, recorded_by=people["complaints officer"]),
        "complaint about nobody": complaint_naming(
            team=team, recorded_by=people["complaints officer"]
        ),
        "another service's enquiry": make_case(service=housing.service, team=housing),
    }


def test_the_set_based_rule_answers_as_the_policy_for_every_pair(people, cases):
    for (who, user), (what, case) in product(people.items(), cases.items()):
        rows = Case.objects.filter(pk=case.pk).annotate(
            person=Value(user.pk, output_field=IntegerField())
        )
        set_based = told_of_cases(rows, case="", person="person").exists()
        assert set_based == may_be_told(user, case=case), f"{who} told of the {what}"


def test_rows_reach_their_case_by_a_path(people, cases):
    """The sweep's rows are milestones: the path to the case is "case"."""
    handler = people["complaints officer"]
    rows = Milestone.objects.annotate(person=Value(handler.pk, output_field=IntegerField()))

    told = set(told_of_cases(rows, case="case", person="person").values_list("case", flat=True))

    assert told == {cases["enquiry"].pk, cases["complaint"].pk, cases["complaint about nobody"].pk}


def test_what_the_policy_says_of_the_cast(people, cases):
    """The policy itself, spelt out, so that the pairwise test above cannot pass vacuously."""
    told = {who for who, user in people.items() if may_be_told(user, case=cases["complaint"])}
    assert told == {"complaints officer", "administrator"}
    told = {who for who, user in people.items() if may_be_told(user, case=cases["enquiry"])}
    assert told == {
        "manager named in the complaint",
        "officer named in the complaint",
        "complaints officer",
        "advisor",
        "administrator",
    }


def test_a_shared_mailbox_may_hear_only_of_cases_open_to_the_whole_service(cases):
    assert open_to_its_service(cases["enquiry"])
    assert not open_to_its_service(cases["complaint"])
    assert not open_to_its_service(cases["complaint about nobody"])
