"""The hand-written representations of the output serializers say exactly what DRF would say
from their declared fields (which also describe them in the OpenAPI schema)."""

from datetime import UTC, datetime

import pytest
from rest_framework import serializers

from contacts.api.serializers import CaseOutput, CustomerOutput, MilestoneOutput
from contacts.models import Customer
from contacts.selectors import with_details
from contacts.services import case_acknowledge, milestone_extend
from contacts.visibility import case_visible_to, with_field_rule
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def drf_would_say(serializer_class, instance):
    """DRF's own rendering from the declared fields."""
    return serializers.Serializer.to_representation(serializer_class(), instance)


@pytest.fixture
def cases(service, team, advisor):
    welsh = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy", large_print=True
    )
    summer = make_case(
        service=service,
        received_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
        customer=welsh,
        team=team,
        owner=advisor,
    )
    case_acknowledge(case=summer, actor=advisor, now=datetime(2026, 7, 1, 10, tzinfo=UTC))
    milestone_extend(
        case=summer,
        kind="respond",
        new_due_at=datetime(2026, 7, 20, 16, tzinfo=UTC),
        reason="Awaiting a site visit",
        actor=advisor,
        now=datetime(2026, 7, 2, 9, tzinfo=UTC),
    )
    winter = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=datetime(2026, 2, 2, 9, 0, tzinfo=UTC),
    )
    cases = with_field_rule(case_visible_to(advisor), advisor)
    return list(with_details(cases.filter(pk__in=[summer.pk, winter.pk])))


def test_cases_render_as_drf_would(cases, advisor):
    for case in cases:
        output = CaseOutput(case, context={"user": advisor}).data
        assert output == drf_would_say(CaseOutput, case)
        assert output["in_full"] is True


def test_milestones_and_customers_render_as_drf_would(cases):
    for case in cases:
        for milestone in case.milestones.all():
            assert MilestoneOutput(milestone).data == drf_would_say(MilestoneOutput, milestone)
        if case.customer:
            assert CustomerOutput(case.customer).data == drf_would_say(
                CustomerOutput, case.customer
            )
