"""The routing table: its rules as a model, and the selectors that read it (what is on offer,
and where a resident's words point)."""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from routing.models import RequestType
from routing.selectors import (
    request_type_suggestions,
    request_types_active,
    request_types_open311,
    request_types_public,
)
from tests.factories import RequestTypeFactory, ServiceFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def table():
    waste = ServiceFactory(code="waste", name_en="Waste", name_cy="Gwastraff")
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    closed = ServiceFactory(code="old", name_en="Old", name_cy="Hen", active=False)
    collections = TeamFactory(service=waste, code="collections")
    return {
        "bin": RequestTypeFactory(
            service=waste,
            team=collections,
            name_en="Missed bin",
            name_cy="Bin heb ei gasglu",
            words_en="bin not collected\nmissed collection",
            words_cy="casgliad wedi'i golli",
            open311_code="missed-bin",
            public=True,
            ordering=1,
        ),
        "bill": RequestTypeFactory(
            service=tax,
            name_en="Council tax bill",
            name_cy="Bil treth y cyngor",
            words_cy="treth gyngor",
            ordering=2,
        ),
        "retired": RequestTypeFactory(
            service=waste, name_en="Bin bags", name_cy="Bagiau bin", active=False, public=True
        ),
        "old": RequestTypeFactory(
            service=closed, name_en="Old bins", name_cy="Hen finiau", open311_code="old-bin"
        ),
    }


def test_phrases_are_both_names_and_every_line_of_the_words(table):
    assert table["bin"].phrases() == (
        "Bin heb ei gasglu",
        "Missed bin",
        "casgliad wedi'i golli",
        "bin not collected",
        "missed collection",
    )


def test_only_active_types_of_active_services_are_on_offer(table):
    assert list(request_types_active()) == [table["bin"], table["bill"]]
    assert list(request_types_public()) == [table["bin"]]
    assert list(request_types_open311()) == [table["bin"]]


def test_suggestions_rank_the_table_by_the_residents_words(table, django_assert_num_queries):
    with django_assert_num_queries(1):
        suggestions = request_type_suggestions("Mae fy nhreth gyngor yn anghywir")
    assert [(s.request_type, s.score, s.phrase) for s in suggestions] == [
        (table["bill"], Fraction(1), "treth gyngor")
    ]
    # Inactive types and those of inactive services are never suggested.
    assert [s.request_type for s in request_type_suggestions("old bins bags bin")] == [table["bin"]]
    assert request_type_suggestions("   ") == []


def test_the_default_team_must_be_of_the_types_service(table):
    other_team = TeamFactory(code="elsewhere")
    table["bill"].team = other_team
    with pytest.raises(ValidationError) as refused:
        table["bill"].full_clean()
    assert refused.value.message_dict["team"] == ["Choose a team of the request type's service."]


def test_an_open311_code_is_unique_but_may_be_left_blank(table):
    RequestTypeFactory(service=table["bill"].service, open311_code="")
    RequestTypeFactory(service=table["bill"].service, open311_code="")
    duplicate = RequestType(
        service=table["bill"].service, name_en="x", name_cy="x", open311_code="missed-bin"
    )
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert refused.value.messages == ["Another request type has this Open311 service code."]
