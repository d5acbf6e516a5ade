"""Issue 15, item 5, through the pages in both languages: an answered call whose customer gave
an e-mail address and "no preference" is answered by e-mail (the fallback of
``messaging.domain.replies.reply_method``) from Reply and Resolve."""

import pytest

from contacts.models import Case
from messaging.models import OutboundMessage

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
