"""The public form's topics are the routing table's request types marked for it (docs/adr/0020):
one picks its service (and its team's queue), "Something else" asks for the service, and
without topics the form asks for the service as before (tests/webforms/test_forms.py)."""

import re

import pytest
from django.core.cache import cache

from contacts.models import Case
from tests.factories import RequestTypeFactory, ServiceFactory, TeamFactory
from tests.throttles import throttle_keys

from .test_forms import ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_throttles():
    keys = throttle_keys(emails=("gwen@example.com",))
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def topics(service, team):
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    crew = TeamFactory(service=highways, code="road-crew")
    return {
        "bin": RequestTypeFactory(
            service=service,
            team=team,
            name_en="Missed bin",
            name_cy="Bin heb ei gasglu",
            public=True,
            ordering=1,
        ),
        "pothole": RequestTypeFactory(
            service=highways,
            team=crew,
            name_en="Pothole",
            name_cy="Twll yn y ffordd",
            public=True,
            ordering=2,
        ),
        "staff_only": RequestTypeFactory(service=service, name_en="Trade waste contract"),
        "retired": RequestTypeFactory(
            service=service, name_en="Green bin permit", public=True, active=False
        ),
        "highways": highways,
        "crew": crew,
    }


def start(client, lang="en"):
    base = f"/{lang}/contact-us"
    client.get(f"{base}/type/")
    return base, client.post(f"{base}/type/", {"form_type": "service-request"})


def rest_of_the_journey(client, base):
    for step in ("details", "files", "about-you", "welsh", "accessibility"):
        response = client.post(f"{base}/{step}/", ANSWERS[step])
        assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(f"{base}/check/").content.decode()
    token = re.search(r'name="submission" value="([0-9a-f]+)"', page).group(1)
    return page, token


def test_the_topics_are_the_public_request_types_then_something_else(client, topics):
    base, response = start(client)
    assert response.headers["Location"] == f"{base}/topic/"

    page = client.get(f"{base}/topic/").content.decode()

    labels = re.findall(r'govuk-radios__label" for="[^"]+">([^<]+)<', page)
    assert labels == ["Missed bin", "Pothole", "Something else"]
    assert "Waste and recycling" in page and "Highways" in page  # each topic's service
    assert page.index('class="govuk-radios__divider"') < page.index("Something else")
    assert "Trade waste contract" not in page and "Green bin permit" not in page


def test_a_topic_picks_its_service_and_team(client, topics):
    base, _ = start(client)
    response = client.post(f"{base}/topic/", {"topic": str(topics["pothole"].pk)})
    assert response.headers["Location"] == f"{base}/details/"
    details = client.get(f"{base}/details/").content.decode()
    assert f'href="{base}/topic/"' in details  # "Back" passes the service question by

    page, token = rest_of_the_journey(client, base)
    assert "What it is about" in page and "Pothole" in page and "Highways" in page
    client.post(f"{base}/check/", {"submission": token})

    case = Case.objects.get()
    assert (case.service, case.request_type, case.team) == (
        topics["highways"],
        topics["pothole"],
        topics["crew"],
    )


def test_something_else_asks_for_the_service(client, topics, service):
    base, _ = start(client)
    response = client.post(f"{base}/topic/", {"topic": "other"})
    assert response.headers["Location"] == f"{base}/service/"
    client.post(f"{base}/service/", {"service": service.pk})

    _page, token = rest_of_the_journey(client, base)
    client.post(f"{base}/check/", {"submission": token})

    case = Case.objects.get()
    assert (case.service, case.request_type) == (service, None)


def test_changing_the_service_after_a_topic_drops_the_topic(client, topics, service):
    base, _ = start(client)
    client.post(f"{base}/topic/", {"topic": str(topics["pothole"].pk)})
    _page, _token = rest_of_the_journey(client, base)

    client.post(f"{base}/service/?change=1", {"service": service.pk})
    page = client.get(f"{base}/check/").content.decode()
    token = re.search(r'name="submission" value="([0-9a-f]+)"', page).group(1)
    assert "What it is about" not in page
    client.post(f"{base}/check/", {"submission": token})

    case = Case.objects.get()
    assert (case.service, case.request_type) == (service, None)


def test_something_else_after_a_topic_asks_for_the_service_again(client, topics):
    base, _ = start(client)
    client.post(f"{base}/topic/", {"topic": str(topics["pothole"].pk)})
    response = client.post(f"{base}/topic/", {"topic": "other"})
    assert response.headers["Location"] == f"{base}/service/"


@pytest.mark.parametrize(
    "value", ["", "nonsense", "999999", "9" * 40, "staff_only", "retired", "\x00"]
)
def test_a_topic_not_offered_is_refused_with_an_error(client, topics, value):
    base, _ = start(client)
    value = str(topics[value].pk) if value in topics else value
    response = client.post(f"{base}/topic/", {"topic": value})

    assert response.status_code == 400
    assert "Select what it is about" in response.content.decode()


def test_the_welsh_topics(client, topics):
    base, _ = start(client, lang="cy")
    page = client.get(f"{base}/topic/").content.decode()

    assert "Am beth mae&#x27;n sôn?" in page
    assert "Bin heb ei gasglu" in page and "Twll yn y ffordd" in page
    assert "Rhywbeth arall" in page and "Priffyrdd" in page
