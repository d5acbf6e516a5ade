"""The status look-up: a resident sees their own case's progress, and nothing else."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from channels_app.webforms import throttle
from contacts.models import CaseEvent, Customer, EventKind
from contacts.services import case_add_note, case_resolve
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_throttles(resident_case):
    references = [
        resident_case.reference,
        "CYS-2000-000001",
        "CYS-2000-000002",
        "CYS-2026-999999",
        "REF",
    ]
    keys = [throttle._key(throttle.LOOKUP_FAILURES_PER_IP, "127.0.0.1")] + [
        throttle._key(throttle.LOOKUP_FAILURES_PER_REFERENCE, ref) for ref in references
    ]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def resident_case(service, advisor):
    now = timezone.now()
    case = make_case(
        service=service,
        channel="webform",
        details={"form": "enquiry", "submission_id": "abc"},
        received_at=now - timedelta(hours=2),
        now=now,
        owner=advisor,
        customer=Customer(name="Gwenllian Parry", email="Gwen@Example.com", postcode="LL15 1YN"),
    )
    case_add_note(case=case, actor=advisor, text="INTERNAL NOTE: rude caller")
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.REPLY_SENT,
        created_at=now - timedelta(hours=1),
        actor=advisor,
        text="Your bin will be collected tomorrow.\n\n-- \nAdvisor Person\nWaste officer",
    )
    return case


def test_right_reference_and_email_shows_the_public_status(client, resident_case, advisor):
    response = client.post(
        "/en/track/",
        {"reference": resident_case.reference.lower(), "proof": " gwen@example.com "},
    )
    assert response.headers["Location"] == "/en/track/status/"
    page = client.get("/en/track/status/").content.decode()
    assert resident_case.reference in page
    assert "New" in page
    assert "Your bin will be collected tomorrow." in page
    assert "We received your message." in page
    for private in (
        "INTERNAL NOTE",
        advisor.username,
        "Advisor Person",
        "Waste officer",
        "Gwenllian",
        "gwen@example.com",
        "LL15",
    ):
        assert private not in page


def test_postcode_works_too_and_status_changes_show_without_their_note(
    client, resident_case, advisor
):
    case_resolve(case=resident_case, actor=advisor, note="SECRET reason")
    client.post("/cy/track/", {"reference": resident_case.reference, "proof": "ll151yn"})
    page = client.get("/cy/track/status/").content.decode()
    assert "Statws wedi newid i:" in page
    assert "SECRET" not in page
    assert "Nid oes dim arall yn ddyledus" in page


@pytest.mark.parametrize(
    "data",
    [
        {"reference": "CYS-2026-999999", "proof": "gwen@example.com"},
        {"reference": "REF", "proof": "someone@example.com"},
        {"reference": "x" * 100_000, "proof": "a\x00"},
        {"reference": "", "proof": ""},
    ],
)
def test_wrong_combinations_reveal_nothing(client, resident_case, data):
    response = client.post("/en/track/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert client.get("/en/track/status/").headers["Location"] == "/en/track/"


def test_wrong_email_and_unknown_reference_say_the_same(client, resident_case):
    wrong_proof = client.post(
        "/en/track/", {"reference": resident_case.reference, "proof": "x@example.com"}
    ).content.decode()
    unknown = client.post(
        "/en/track/", {"reference": "CYS-2000-000001", "proof": "x@example.com"}
    ).content.decode()
    message = "We could not find a case with that reference"
    assert message in wrong_proof and message in unknown
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert csrf.sub("", wrong_proof.replace(resident_case.reference, "CYS-2000-000001")) == (
        csrf.sub("", unknown)
    )


def test_repeated_wrong_guesses_are_throttled_per_reference(client, resident_case):
    for _ in range(throttle.LOOKUP_FAILURES_PER_REFERENCE.allowed):
        client.post("/en/track/", {"reference": resident_case.reference, "proof": "x@x.com"})
    right = client.post(
        "/cy/track/", {"reference": resident_case.reference, "proof": "gwen@example.com"}
    )
    assert right.status_code == 429
    assert "Gormod o ymdrechion" in right.content.decode()


def test_repeated_wrong_guesses_are_throttled_per_ip(client, resident_case, monkeypatch):
    monkeypatch.setattr(throttle, "LOOKUP_FAILURES_PER_IP", throttle.Limit("track-ip", 2, 3600))
    client.post("/en/track/", {"reference": "CYS-2000-000001", "proof": "x@x.com"})
    client.post("/en/track/", {"reference": "CYS-2000-000002", "proof": "x@x.com"})
    response = client.post(
        "/en/track/", {"reference": resident_case.reference, "proof": "gwen@example.com"}
    )
    assert response.status_code == 429


def test_status_page_queries_do_not_grow(client, resident_case, django_assert_max_num_queries):
    client.post("/en/track/", {"reference": resident_case.reference, "proof": "gwen@example.com"})
    with django_assert_max_num_queries(6):
        assert client.get("/en/track/status/").status_code == 200
