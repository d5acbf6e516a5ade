"""The public contact forms, end to end through the test client."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from channels_app.webforms import throttle
from contacts.models import Case, Customer
from messaging.models import OutboundMessage
from tests.throttles import throttle_keys

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_throttles():
    """The counters live in the shared Redis: each test starts (and leaves) them at zero."""
    keys = throttle_keys(emails=("gwen@example.com", "other@example.com"))
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


ANSWERS = {
    "details": {"details": "The bin was not collected on Monday.\nStryd Fawr, Rhuthun."},
    "files": {"action": "continue"},
    "about-you": {
        "name": "Gwenllian Parry",
        "email": "gwen@example.com",
        "phone": "01824 706000",
        "address": "1 Stryd Fawr\nRhuthun",
        "postcode": "ll15 1yn",
    },
    "welsh": {"welsh": "yes"},
    "accessibility": {"needs": ["large_print", "interpreter"], "interpreter_language": "Polish"},
}


def fill(client, *, lang="en", form_type="enquiry", service, **overrides):
    """Every page of a journey; returns the check-your-answers page's token."""
    base = f"/{lang}/contact-us"
    assert client.get(f"{base}/").status_code == 200
    assert client.get(f"{base}/type/").status_code == 200
    response = client.post(f"{base}/type/", {"form_type": form_type})
    assert response.headers["Location"] == f"{base}/service/"
    response = client.post(f"{base}/service/", {"service": service.pk})
    assert response.headers["Location"] == f"{base}/details/"
    for step in ("details", "files", "about-you", "welsh", "accessibility"):
        data = {**ANSWERS[step], **overrides.get(step, {})}
        response = client.post(f"{base}/{step}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
    assert response.headers["Location"] == f"{base}/check/"
    page = client.get(f"{base}/check/")
    assert page.status_code == 200
    return re.search(r'name="submission" value="([0-9a-f]+)"', page.content.decode()).group(1)


@pytest.mark.parametrize(
    ("form_type", "kind"),
    [
        ("enquiry", "enquiry"),
        ("service-request", "service_request"),
        ("complaint", "complaint"),
        ("compliment", "compliment"),
        ("feedback", "feedback"),
    ],
)
def test_each_form_makes_its_case_with_customer_and_acknowledgement(
    client, service, form_type, kind
):
    token = fill(client, form_type=form_type, service=service)
    response = client.post("/en/contact-us/check/", {"submission": token})
    assert response.headers["Location"] == "/en/contact-us/done/"
    case = Case.objects.select_related("customer").get()
    assert case.channel == "webform"
    assert case.kind == kind
    assert case.service == service
    assert case.language == "en"
    assert case.summary == "The bin was not collected on Monday."
    assert case.description == ANSWERS["details"]["details"]
    assert case.channel_details == {"form": form_type, "submission_id": token}
    assert case.source_key == f"webform:{token}"
    customer = case.customer
    assert (customer.name, customer.email, customer.phone, customer.postcode) == (
        "Gwenllian Parry",
        "gwen@example.com",
        "01824 706000",
        "LL15 1YN",
    )
    assert customer.address == "1 Stryd Fawr\nRhuthun"
    assert customer.preferred_language == "cy"
    assert customer.large_print is True
    assert customer.bsl is False
    assert customer.interpreter_language == "Polish"
    assert customer.other_needs == ""
    ack = OutboundMessage.objects.filter(case=case, purpose="acknowledgement")
    done = client.get("/en/contact-us/done/").content.decode()
    assert case.reference in done
    if ack.exists():
        message = ack.get()
        assert (message.method, message.recipient) == ("email", "gwen@example.com")
        assert "We have sent you an email acknowledgement" in done
    else:
        assert "We have sent you an email acknowledgement" not in done
    if kind != "compliment":
        assert ack.exists()
        assert "We will send you our full response by" in done


def test_double_submit_makes_one_case(client, service):
    token = fill(client, service=service)
    first = client.post("/en/contact-us/check/", {"submission": token})
    second = client.post("/en/contact-us/check/", {"submission": token})
    assert first.headers["Location"] == second.headers["Location"] == "/en/contact-us/done/"
    assert Case.objects.count() == 1
    assert Customer.objects.count() == 1
    assert OutboundMessage.objects.filter(purpose="acknowledgement").count() == 1


def test_a_new_journey_after_submitting_makes_a_new_case(client, service):
    client.post("/en/contact-us/check/", {"submission": fill(client, service=service)})
    client.post("/en/contact-us/check/", {"submission": fill(client, service=service)})
    assert Case.objects.count() == 2


def test_honeypot_filled_makes_no_case_but_looks_normal(client, service):
    token = fill(client, service=service, details={"website": "http://spam.example"})
    response = client.post("/en/contact-us/check/", {"submission": token})
    assert response.headers["Location"] == "/en/contact-us/done/"
    page = client.get("/en/contact-us/done/")
    assert page.status_code == 200
    assert "Message sent" in page.content.decode()
    assert re.search(r"CYS-\d{4}-\d{6}", page.content.decode())
    assert Case.objects.count() == 0
    assert Customer.objects.count() == 0
    assert OutboundMessage.objects.count() == 0


def test_submissions_per_email_address_from_one_client_are_limited(client, service, monkeypatch):
    monkeypatch.setattr(
        throttle,
        "SUBMISSIONS_PER_EMAIL_AND_CLIENT",
        throttle.Limit("webform-email-client", 2, 3600),
    )
    for _ in range(2):
        assert (
            client.post(
                "/en/contact-us/check/", {"submission": fill(client, service=service)}
            ).status_code
            == 302
        )
    response = client.post("/en/contact-us/check/", {"submission": fill(client, service=service)})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert Case.objects.count() == 2
    welsh_client = Client()
    token = fill(welsh_client, lang="cy", service=service)
    welsh = welsh_client.post("/cy/contact-us/check/", {"submission": token})
    assert welsh.status_code == 429
    assert "Gormod o ymdrechion" in welsh.content.decode()


def test_submissions_per_client_address_are_limited(client, service, monkeypatch):
    monkeypatch.setattr(
        throttle, "SUBMISSIONS_PER_CLIENT", throttle.Limit("webform-client", 1, 3600)
    )
    client.post("/en/contact-us/check/", {"submission": fill(client, service=service)})
    token = fill(client, service=service, **{"about-you": {"email": "other@example.com"}})
    assert client.post("/en/contact-us/check/", {"submission": token}).status_code == 429
    assert Case.objects.count() == 1


def test_behind_the_proxy_one_residents_submissions_do_not_close_the_form_for_others(
    service, monkeypatch, settings
):
    """Every resident reaches us through the council's proxy: counted by the proxy's address,
    one person's twenty forms an hour closed the contact form for the whole county."""
    settings.CYSWLLT_TRUSTED_PROXIES = ["10.0.0.0/8"]
    monkeypatch.setattr(
        throttle, "SUBMISSIONS_PER_CLIENT", throttle.Limit("webform-client", 1, 3600)
    )
    cache.delete_many(
        throttle_keys(
            emails=("gwen@example.com", "other@example.com"),
            addresses=("203.0.113.1", "203.0.113.2"),
        )
    )
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1")
    first.post("/en/contact-us/check/", {"submission": fill(first, service=service)})
    again = fill(first, service=service, **{"about-you": {"email": "other@example.com"}})
    assert first.post("/en/contact-us/check/", {"submission": again}).status_code == 429

    neighbour = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.2")
    token = fill(neighbour, service=service, **{"about-you": {"email": "other@example.com"}})
    response = neighbour.post("/en/contact-us/check/", {"submission": token})

    assert response.status_code == 302
    assert Case.objects.count() == 2
    cache.delete_many(
        throttle_keys(
            emails=("gwen@example.com", "other@example.com"),
            addresses=("203.0.113.1", "203.0.113.2"),
        )
    )


def test_welsh_journey_records_welsh_and_shows_the_date_in_welsh(client, service):
    token = fill(client, lang="cy", service=service, welsh={"welsh": "no"})
    client.post("/cy/contact-us/check/", {"submission": token})
    case = Case.objects.select_related("customer").get()
    assert case.language == "cy"
    assert case.customer.preferred_language == "en"
    page = client.get("/cy/contact-us/done/").content.decode()
    assert "Neges wedi’i hanfon" in page or "Neges wedi'i hanfon" in page
    assert re.search(r"Dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) \d{1,2} ", page)


BAD_INPUT = [
    ("type", {"form_type": "rubbish"}, "Select what you want to do"),
    ("type", {}, "Select what you want to do"),
    ("service", {"service": "abc"}, "Select the service it is about"),
    ("service", {"service": "999999"}, "Select the service it is about"),
    ("service", {"service": "9" * 40}, "Select the service it is about"),
    ("details", {"details": ""}, "Tell us what it is about"),
    ("details", {"details": "a\x00b"}, "Your message must not contain unusual characters"),
    ("details", {"details": "x" * 100_000}, "Your message must be 5,000 characters or fewer"),
    ("about-you", {"name": "", "email": "gwen@example.com"}, "Enter your full name"),
    ("about-you", {"name": "A", "email": "not-an-address"}, "Enter an email address in the"),
    ("about-you", {"name": "A", "email": "a\x00@example.com"}, "Enter an email address in the"),
    ("about-you", {"name": "x" * 100_000, "email": "a@example.com"}, "Full name must be 200"),
    (
        "about-you",
        {"name": "A", "email": "a@example.com", "postcode": "XYZ"},
        "Enter a real postcode",
    ),
    (
        "about-you",
        {"name": "A", "email": "a@example.com", "phone": "call me"},
        "Enter a telephone number",
    ),
    ("welsh", {"welsh": "perhaps"}, "Select yes if you would like us to deal with you in Welsh"),
    ("accessibility", {"needs": ["telepathy"]}, "Select the ways we should contact you"),
    ("accessibility", {"needs": ["interpreter"]}, "Enter the language you need an interpreter for"),
    ("accessibility", {"needs": ["other"], "other_needs": "\x00"}, "must not contain unusual"),
]


@pytest.mark.parametrize(("step", "data", "error"), BAD_INPUT)
def test_bad_input_gets_a_field_error_never_a_500(client, service, step, data, error):
    fill(client, service=service)  # every earlier page answered
    response = client.post(f"/en/contact-us/{step}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert error in page.replace("&#x27;", "'")
    assert "<title>Error:" in page


def test_errors_are_in_welsh_on_welsh_pages(client, service):
    response = client.post("/cy/contact-us/type/", {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mae problem" in page
    assert "Select what you want to do" not in page


@pytest.mark.parametrize(
    ("step", "data", "error"),
    [
        ("details", {"details": "a\x00b"}, "Rhaid i'ch neges beidio â chynnwys nodau anarferol"),
        ("details", {"details": "x" * 100_000}, "Rhaid i'ch neges fod yn 5,000 nod neu lai"),
        (
            "about-you",
            {"name": "x" * 300, "email": "a@example.com"},
            "Rhaid i'r enw llawn fod yn 200 nod neu lai",
        ),
        (
            "accessibility",
            {"needs": ["other"], "other_needs": "\x00"},
            "Rhaid i'r hyn sydd ei angen arnoch beidio â chynnwys nodau anarferol",
        ),
    ],
)
def test_welsh_errors_name_the_field_as_welsh_says_it(client, service, step, data, error):
    """Not "Rhaid i Eich neges": the name after "i" contracts ("i'ch") or takes "'r"."""
    fill(client, service=service)
    response = client.post(f"/cy/contact-us/{step}/", data)
    assert response.status_code == 400
    assert error in response.content.decode().replace("&#x27;", "'")


def test_pages_before_their_turn_send_the_visitor_back(client, service):
    client.get("/en/contact-us/type/")
    assert client.get("/en/contact-us/about-you/").headers["Location"] == "/en/contact-us/type/"
    assert client.get("/en/contact-us/check/").headers["Location"] == "/en/contact-us/type/"
    assert client.get("/en/contact-us/done/").headers["Location"] == "/en/contact-us/"
    assert client.get("/en/contact-us/nonsense/").headers["Location"] == "/en/contact-us/"


def test_change_link_returns_to_check_answers(client, service):
    fill(client, service=service)
    response = client.post("/en/contact-us/welsh/?change=1", {"welsh": "no"})
    assert response.headers["Location"] == "/en/contact-us/check/"
    assert "Deal with you in Welsh" in client.get("/en/contact-us/check/").content.decode()


def test_a_stale_token_submits_nothing(client, service):
    fill(client, service=service)
    response = client.post("/en/contact-us/check/", {"submission": "0" * 32})
    assert response.headers["Location"] == "/en/contact-us/check/"
    assert client.post("/en/contact-us/check/", {"submission": ["x" * 500]}).status_code == 302
    assert Case.objects.count() == 0


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, service):
    fill(client, service=service)
    page = client.get("/en/contact-us/details/").content.decode()
    hidden = re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">(.*?)</div>', page, re.S
    )
    assert hidden
    assert 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1)
    assert 'autocomplete="off"' in hidden.group(1)
