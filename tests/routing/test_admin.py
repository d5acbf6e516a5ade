"""Administrators edit the routing table in the admin, in both languages: both names required,
a default team of the type's service only, an Open311 code used once."""

import pytest
from django.urls import reverse

from routing.models import RequestType
from tests.factories import RequestTypeFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(
    "page", ["admin:routing_requesttype_changelist", "admin:routing_requesttype_add"]
)
def test_the_routing_tables_pages_open_in_both_languages(client, administrator, page, language):
    RequestTypeFactory(name_en="Missed bin", name_cy="Bin heb ei gasglu")
    client.force_login(administrator)
    response = client.get(f"/{language}{reverse(page)[3:]}")
    assert response.status_code == 200


def form(service, default_team=None, **changes):
    return {
        "service": service.pk,
        "team": str(default_team.pk) if default_team else "",
        "name_cy": "Twll yn y ffordd",
        "name_en": "Pothole",
        "words_cy": "twll\ntwll yn y ffordd",
        "words_en": "pothole\nhole in the road",
        "open311_code": "pothole",
        "public": "on",
        "active": "on",
        "ordering": "3",
        **changes,
    }


def test_a_request_type_is_added_with_both_names_and_its_words(
    client, administrator, service, team
):
    client.force_login(administrator)
    response = client.post(reverse("admin:routing_requesttype_add"), form(service, team))

    assert response.status_code == 302
    made = RequestType.objects.get()
    assert (made.name_cy, made.name_en, made.team, made.open311_code, made.public) == (
        "Twll yn y ffordd",
        "Pothole",
        team,
        "pothole",
        True,
    )
    assert "hole in the road" in made.phrases()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name_cy": ""}, "This field is required."),
        ({"team": "other"}, "Choose a team of the request type&#x27;s service."),
        ({"open311_code": "taken"}, "Another request type has this Open311 service code."),
        ({"open311_code": "not a slug"}, "Enter a valid “slug”"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    client, administrator, service, team, changes, error
):
    RequestTypeFactory(open311_code="taken")
    if changes.get("team") == "other":
        changes = {"team": str(TeamFactory(code="elsewhere").pk)}
    client.force_login(administrator)

    response = client.post(reverse("admin:routing_requesttype_add"), form(service, **changes))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert RequestType.objects.count() == 1
