"""The status look-up: a resident who gives the case's reference with the e-mail address or
phone number they gave us sees where it stands (its status and dates), and nothing else."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from channels_app.webforms import throttle
from contacts.models import CaseEvent, Customer, EventKind
from contacts.services import case_add_note, case_resolve
from tests.factories import make_case
from tests.throttles import throttles_clear

pytestmark = pytest.mark.django_db

REFERENCES = ("CYS-2000-000001", "CYS-2000-000002", "CYS-2026-999999", "REF")
ADDRESSES = ("127.0.0.1", *(f"203.0.113.{n}" for n in range(1, 8)))


@pytest.fixture(autouse=True)
def clear_throttles(resident_case):
    kwargs = {"references": (resident_case.reference, *REFERENCES), "addresses": ADDRESSES}
    throttles_clear(**kwargs)
    yield
    throttles_clear(**kwargs)


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
        customer=Customer(
            name="Gwenllian Parry",
            email="Gwen@Example.com",
            phone="01824 706000",
            postcode="LL15 1YN",
        ),
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


PRIVATE = (
    "INTERNAL NOTE",
    "Your bin will be collected tomorrow.",
    "Advisor Person",
    "Waste officer",
    "Gwenllian",
    "Parry",
    "gwen@example.com",
    "01824",
    "LL15",
)


def test_right_reference_and_email_shows_status_and_dates_only(client, resident_case, advisor):
    response = client.post(
        "/en/track/",
        {"reference": resident_case.reference.lower(), "proof": " GWEN@example.COM "},
    )
    assert response.headers["Location"] == "/en/track/status/"
    page = client.get("/en/track/status/").content.decode()
    assert resident_case.reference in page
    assert "New" in page
    assert "Received" in page
    assert re.search(r"We will reply by</dt>\s*<dd[^>]*>\w+day \d{1,2} \w+ \d{4}</dd>", page)
    assert "We are dealing with your case and will reply by" in page
    for private in (*PRIVATE, advisor.username, advisor.get_full_name()):
        assert private not in page


@pytest.mark.parametrize(
    "proof", ["01824 706000", "01824706000", "+44 1824 706000", "+44 (0)1824 706 000"]
)
def test_the_phone_number_works_however_it_is_written(client, resident_case, proof):
    client.post("/en/track/", {"reference": resident_case.reference, "proof": proof})

    assert client.get("/en/track/status/").status_code == 200


def test_a_postcode_is_no_proof(client, resident_case):
    """On today's main a postcode (on every letter to the house, shared by the neighbours)
    showed the officers' reply and the resident's name."""
    response = client.post("/en/track/", {"reference": resident_case.reference, "proof": "ll151yn"})

    assert response.status_code == 400
    assert "We could not find a case with that reference" in response.content.decode()
    assert client.get("/en/track/status/").headers["Location"] == "/en/track/"


def test_a_closed_case_shows_when_it_closed_in_welsh(client, resident_case, advisor):
    case_resolve(case=resident_case, actor=advisor, note="SECRET reason")
    client.post("/cy/track/", {"reference": resident_case.reference, "proof": "gwen@example.com"})
    page = client.get("/cy/track/status/").content.decode().replace("&#x27;", "'")
    assert "Wedi'i ddatrys</strong>" in page
    assert re.search(r"Wedi'i gau</dt>\s*<dd[^>]*>Dydd \w+ \d{1,2} \w+ \d{4}</dd>", page)
    assert "Rydym wedi gorffen delio â'r achos hwn" in page
    assert "SECRET" not in page
    assert "Byddwn yn ymateb erbyn" not in page


def test_a_case_given_without_email_or_phone_cannot_be_looked_up(client, service):
    case = make_case(service=service, customer=Customer(name="Huw", postcode="LL15 1YN"))
    throttles_clear(references=(case.reference,))

    form = client.get("/en/track/").content.decode()
    response = client.post("/en/track/", {"reference": case.reference, "proof": "LL15 1YN"})

    how = (
        "If you gave us neither an email address nor a phone number, you cannot check your "
        "case online. Phone the council's customer services and give them your reference."
    )
    assert how in form
    assert response.status_code == 400
    assert how in response.content.decode()
    welsh = client.get("/cy/track/").content.decode()
    assert "Os na roesoch gyfeiriad e-bost na rhif ffôn i ni" in welsh


@pytest.mark.parametrize(
    "data",
    [
        {"reference": "CYS-2026-999999", "proof": "gwen@example.com"},
        {"reference": "REF", "proof": "someone@example.com"},
        {"reference": "x" * 100_000, "proof": "a\x00"},
        {"reference": "", "proof": ""},
        {"reference": "CYS-2000-000001", "proof": "@"},
        {"reference": "CYS-2000-000001", "proof": "+"},
    ],
)
def test_wrong_combinations_reveal_nothing(client, resident_case, data):
    response = client.post("/en/track/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert client.get("/en/track/status/").headers["Location"] == "/en/track/"


@pytest.mark.parametrize("proof", ["", " ", "@", "0", "1824706000"])
def test_an_empty_or_partial_proof_never_matches(client, resident_case, proof):
    client.post("/en/track/", {"reference": resident_case.reference, "proof": proof})

    assert client.get("/en/track/status/").headers["Location"] == "/en/track/"


def test_wrong_email_and_unknown_reference_say_the_same(client, resident_case):
    wrong_proof = client.post(
        "/en/track/", {"reference": resident_case.reference, "proof": "x@example.com"}
    ).content.decode()
    unknown = client.post(
        "/en/track/", {"reference": "CYS-2000-000001", "proof": "x@example.com"}
    ).content.decode()
    message = "We could not find a case with that reference and email address or phone number"
    assert message in wrong_proof and message in unknown
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert csrf.sub("", wrong_proof.replace(resident_case.reference, "CYS-2000-000001")) == (
        csrf.sub("", unknown)
    )


def test_status_page_queries_do_not_grow(client, resident_case, django_assert_max_num_queries):
    client.post("/en/track/", {"reference": resident_case.reference, "proof": "gwen@example.com"})
    with django_assert_max_num_queries(5):
        assert client.get("/en/track/status/").status_code == 200


# --- Throttles: guessing is slow, and nobody can lock anyone else out -------------------------


def guess(client, reference, *, address="127.0.0.1", proof="x@x.com", forwarded=None, lang="en"):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(f"/{lang}/track/", {"reference": reference, "proof": proof}, **extra)


def test_repeated_wrong_guesses_lock_that_reference_from_that_address(client, resident_case):
    for _ in range(throttle.LOOKUP_FAILURES_PER_REFERENCE_AND_CLIENT.allowed):
        assert guess(client, resident_case.reference).status_code == 400

    right = guess(client, resident_case.reference, proof="gwen@example.com", lang="cy")

    assert right.status_code == 429
    page = right.content.decode()
    assert "Gormod o ymdrechion" in page
    assert "Arhoswch 15 munud" in page


def test_guesses_from_five_addresses_do_not_lock_the_owner_out(client, resident_case):
    """On today's main five wrong guesses at a reference, from anywhere, lock it for an hour."""
    for n in range(1, 6):
        assert guess(client, resident_case.reference, address=f"203.0.113.{n}").status_code == 400

    mine = guess(client, resident_case.reference, address="203.0.113.7", proof="gwen@example.com")

    assert mine.headers["Location"] == "/en/track/status/"


def test_behind_the_proxy_each_resident_has_their_own_counter(client, resident_case, settings):
    """On today's main every resident behind the council's proxy shared its address: one
    person's guesses locked everyone out of the look-up."""
    settings.CYSWLLT_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for reference in REFERENCES[:2]:
        for _ in range(throttle.LOOKUP_FAILURES_PER_REFERENCE_AND_CLIENT.allowed):
            guess(client, reference, address="10.0.0.2", forwarded="203.0.113.1")

    theirs = guess(client, REFERENCES[0], address="10.0.0.2", forwarded="203.0.113.1")
    mine = guess(
        client,
        resident_case.reference,
        address="10.0.0.2",
        forwarded="203.0.113.2",
        proof="gwen@example.com",
    )

    assert theirs.status_code == 429
    assert mine.headers["Location"] == "/en/track/status/"


def test_guessing_across_many_references_from_one_address_is_throttled(
    client, resident_case, monkeypatch
):
    monkeypatch.setattr(
        throttle, "LOOKUP_FAILURES_PER_CLIENT", throttle.Limit("track-client", 2, 900)
    )
    guess(client, "CYS-2000-000001")
    guess(client, "CYS-2000-000002")

    response = guess(client, resident_case.reference, proof="gwen@example.com")

    assert response.status_code == 429
    elsewhere = guess(
        client, resident_case.reference, address="203.0.113.3", proof="gwen@example.com"
    )
    assert elsewhere.status_code == 302
