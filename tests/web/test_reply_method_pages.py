"""Issue 15, item 5, through the pages in both languages: an answered call whose customer gave
an e-mail address and "no preference" is answered by e-mail (the fallback of
``messaging.domain.replies.reply_method``) from Reply and Resolve; a customer nothing reaches
is said so once, on the case page, with what to do."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import Case, Customer
from contacts.services import case_resolve
from messaging.models import OutboundMessage
from tests.contacts.customers.world import front_line_team
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


def log_answered_call(client, language: str = "en") -> Case:
    """An answered call logged through the staff form: an e-mail address, no mobile, no
    postal address, and "no preference" for contact."""
    response = client.post(
        f"/{language}/log-contact/phone/",
        {
            "kind": "service_request",
            "summary": "Missed bin",
            "description": "Not collected on Tuesday",
            "language": language,
            "assign_to": "me",
            "contact_type": "answered",
            "caller_number": "01824 706000",
            "customer_name": "Ann Jones",
            "customer_email": "ann@example.com",
            "customer_contact_method": "",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.customer is not None
    assert (case.customer.email, case.customer.preferred_contact_method) == ("ann@example.com", "")
    return case


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_reply_to_an_answered_call_goes_by_email(client, advisor, language):
    client.force_login(advisor)
    case = log_answered_call(client, language)

    page = client.get(f"/{language}/cases/{case.reference}/reply/")
    assert page.status_code == 200
    assert "ann@example.com" in page.content.decode()
    response = client.post(
        f"/{language}/cases/{case.reference}/reply/", {"text": "Your bin will be emptied."}
    )

    assert response.status_code == 302
    message = OutboundMessage.objects.get(case=case, purpose="reply")
    assert (message.method, message.recipient, message.language) == (
        "email",
        "ann@example.com",
        language,
    )


@pytest.mark.parametrize("language", ["cy", "en"])
def test_resolving_an_answered_call_tells_the_customer_by_email(client, advisor, language):
    client.force_login(advisor)
    case = log_answered_call(client, language)

    page = client.get(f"/{language}/cases/{case.reference}/resolve/")
    assert 'name="message"' in page.content.decode()
    response = client.post(
        f"/{language}/cases/{case.reference}/resolve/",
        {"outcome": "Bin emptied", "message": "We emptied your bin today."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "resolved"
    message = OutboundMessage.objects.get(case=case, purpose="resolution")
    assert (message.method, message.recipient) == ("email", "ann@example.com")


# --- A customer nothing can reach: said once, on the case page, with what to do -------------

UNREACHABLE = {
    "cy": (
        "Ni all unrhyw neges gyrraedd y cwsmer hwn",
        "cofnodi'r alwad ar yr achos",
        "gofyn i'r ganolfan gyswllt neu'r dderbynfa",
        "ychwanegu eu cyfeiriad e-bost, eu rhif ffôn symudol neu eu cyfeiriad post",
    ),
    "en": (
        "No message can reach this customer",
        "record the call on the case",
        "ask the contact centre or reception",
        "add their e-mail address, mobile number or postal address",
    ),
}


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text)))


@pytest.fixture
def landline_call(service, advisor):
    """An answered call from a customer who gave only a landline number."""
    return make_case(
        service=service,
        channel="phone",
        details={"contact_type": "answered", "caller_number": "01824 706000"},
        customer=Customer(name="Ann Jones", phone="01824 706000"),
        received_at=timezone.now() - timedelta(hours=1),
        owner=advisor,
    )


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_case_page_says_once_that_nothing_reaches_the_customer(
    client, advisor, landline_call, language
):
    headline, record_call, ask, _add = UNREACHABLE[language]
    client.force_login(advisor)
    reference = landline_call.reference

    page = client.get(f"/{language}/cases/{reference}/")
    text = text_of(page)

    assert text.count(headline) == 1
    # The advisor is not front line: they ask, they do not edit.
    assert record_call in text and ask in text
    assert f'href="/{language}/cases/{reference}/note/"' in page.text
    assert f'href="/{language}/customers/{landline_call.customer_id}/"' in page.text
    # The actions that only send a message are not offered.
    assert f"/cases/{reference}/reply/" not in page.text
    assert f"/cases/{reference}/customer/" not in page.text
    # Resolving is, without a message, and its page says why there is none.
    assert f"/cases/{reference}/resolve/" in page.text
    resolve = client.get(f"/{language}/cases/{reference}/resolve/")
    assert 'name="message"' not in resolve.text
    assert headline not in text_of(resolve)


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_editor_is_offered_to_add_a_way_to_reach_the_customer(
    client, administrator, landline_call, language
):
    headline, record_call, ask, add = UNREACHABLE[language]
    client.force_login(administrator)
    reference = landline_call.reference

    page = client.get(f"/{language}/cases/{reference}/")
    text = text_of(page)

    assert text.count(headline) == 1
    assert record_call in text and add in text and ask not in text
    # The notice's link and the customer panel's.
    assert page.text.count(f'href="/{language}/cases/{reference}/customer/"') == 2


def test_a_front_line_advisor_of_another_service_may_add_an_address_but_not_record_a_call(
    client, landline_call
):
    front_line = UserFactory(role=Role.ADVISOR, team=front_line_team(), username="front-line")
    client.force_login(front_line)

    text = text_of(client.get(f"/en/cases/{landline_call.reference}/"))

    headline, record_call, _ask, add = UNREACHABLE["en"]
    assert text.count(headline) == 1
    assert add in text and record_call not in text


def test_a_resolved_case_says_nothing_of_it(client, advisor, landline_call):
    case_resolve(case=landline_call, actor=advisor)
    client.force_login(advisor)

    text = text_of(client.get(f"/en/cases/{landline_call.reference}/"))

    assert UNREACHABLE["en"][0] not in text


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_customer_who_can_be_reached_gets_no_notice_and_the_panel_says_how(
    client, advisor, service, language
):
    case = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        customer=Customer(name="Ann Jones", address="1 Stryd Fawr, Rhuthun"),
        received_at=timezone.now() - timedelta(hours=1),
        owner=advisor,
    )
    client.force_login(advisor)

    page = client.get(f"/{language}/cases/{case.reference}/")

    assert UNREACHABLE[language][0] not in text_of(page)
    assert f"/cases/{case.reference}/reply/" in page.text
    way = re.search(r'id="customer-message-way">([^<]*)<', page.text)
    expected = {"cy": "Llythyr wedi'i argraffu", "en": "Printed letter"}[language]
    assert way is not None and html.unescape(way.group(1)) == expected


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_reply_posted_anyway_is_refused_with_what_to_do(client, advisor, landline_call, language):
    client.force_login(advisor)
    url = f"/{language}/cases/{landline_call.reference}/reply/"

    answer = client.post(url, {"text": "Hello"})

    refusal = {
        "cy": "Ffoniwch y cwsmer a chofnodwch yr alwad ar yr achos, neu ychwanegwch gyfeiriad "
        "e-bost, rhif ffôn symudol neu gyfeiriad post at gofnod y cwsmer.",
        "en": "Phone them and record the call on the case, or add an e-mail address, mobile "
        "number or postal address to their customer record.",
    }[language]
    assert refusal in text_of(answer)
    assert not OutboundMessage.objects.filter(case=landline_call).exists()
