"""The demo data covers every channel and role, goes through the case services, and can be
loaded twice without change."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Absence, Role, Service, User
from contacts.duplicates import DuplicatePairs
from contacts.models import Case, Customer, Milestone
from contacts.selectors import transfer_teams
from contacts.services import case_transfer
from contacts.visibility import case_visible_to
from routing.models import RequestType
from routing.selectors import request_type_suggestions
from standards.channels import Channel

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", allow_server_database=True, stdout=out)
    return out.getvalue()


def test_the_demo_has_every_channel_every_role_and_prints_the_logins():
    output = seed()

    assert set(Case.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(User.objects.values_list("role", flat=True)) >= set(Role.values)
    assert Milestone.objects.filter(state="breached").exists()
    assert "cyswllt-demo" in output
    for role in Role.values:
        assert User.objects.filter(role=role).exists()


def test_the_demo_officers_sign_in_both_languages_and_one_is_away():
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())

    advisor = User.objects.get(username="advisor")
    assert (advisor.job_title_cy, advisor.job_title_en) == (
        "Cynghorydd gwasanaethau cwsmeriaid",
        "Customer services advisor",
    )
    assert not User.objects.filter(job_title_cy__in=["", None], role__in=Role.values).exists()
    assert list(Absence.objects.values_list("user__username", "cover__username")) == [
        ("advisor-highways", "manager-highways")
    ]
    assert not Service.objects.filter(website_cy="").exists()


def test_the_demo_has_a_confidential_case_only_its_service_reads():
    seed()
    case = Case.objects.get(confidential=True, kind="enquiry")
    visible = {
        username: case_visible_to(User.objects.get(username=username)).filter(pk=case.pk).exists()
        for username in ("advisor", "advisor-housing", "advisor-waste")
    }
    assert visible == {"advisor": False, "advisor-housing": True, "advisor-waste": False}
    # The contact centre reads Mrs Parry's other cases, whatever their service.
    others = case_visible_to(User.objects.get(username="advisor")).filter(customer=case.customer)
    assert others.exclude(service=case.service).exists()


def test_seeding_twice_changes_nothing():
    seed()
    counts = (
        Case.objects.count(),
        Milestone.objects.count(),
        User.objects.count(),
        Customer.objects.count(),
    )

    seed()

    assert (
        Case.objects.count(),
        Milestone.objects.count(),
        User.objects.count(),
        Customer.objects.count(),
    ) == counts


def test_the_contact_centre_is_the_front_line_and_one_resident_was_entered_twice():
    seed()

    assert User.objects.get(username="advisor").team.front_line
    assert not User.objects.get(username="advisor-waste").team.front_line
    since = timezone.now() - timedelta(days=1)
    pairs = [(p.first.name, p.second.name, p.reasons) for p in DuplicatePairs(since=since)]
    assert ("Gwenllian Parry", "Gwenllian Parry", ("email", "name_and_postcode")) in pairs


def test_the_demo_refuses_a_server_database_unless_told():
    with pytest.raises(Exception, match="SQLite"):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_contact_centre_routes_the_tax_call_to_the_council_tax_team():
    """The demo's CYS-…-000005 ("the tax team will call back") goes to the council tax team,
    which the routing table names for a council tax bill (issue 14)."""
    seed()
    case = Case.objects.get(summary="Ymholiad am fil treth y cyngor")
    assert case.reference.endswith("-000005")
    advisor = User.objects.get(username="advisor")
    assert advisor.on_front_line
    assert {service.code for service in Service.objects.all()} >= {
        "council-tax",
        "adult-social-care",
    }
    assert not RequestType.objects.filter(name_cy__in=["", None]).exists()
    (suggestion, *_rest) = request_type_suggestions(case.summary)
    assert suggestion.request_type.name_en == "Council tax bill"
    billing = suggestion.request_type.team
    assert billing in transfer_teams(case=case)

    case_transfer(case=case, actor=advisor, note="Mr Jenkins: his bill", to_team=billing)

    case.refresh_from_db()
    assert (case.service.code, case.team.code) == ("council-tax", "council-tax-billing")
