"""A member chooses how officers reach them and in which language; the method needs its
address."""

import pytest

from councillors.models import MemberProfile


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_councillor_chooses_text_messages_in_welsh(client, cllr_evans, language):
    client.force_login(cllr_evans)
    url = f"/{language}/my-preferences/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"contact_method": "sms", "language": "cy", "phone": "07700 900456", "postal_address": ""},
    )
    assert response.status_code == 302
    cllr_evans.refresh_from_db()
    assert (cllr_evans.preferred_language, cllr_evans.phone) == ("cy", "07700 900456")
    assert MemberProfile.objects.get(user=cllr_evans).contact_method == "sms"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"contact_method": "sms", "language": "en", "phone": "01824 706000"},
            "Enter a UK mobile number, like 07700 900 982, to get text messages.",
        ),
        (
            {"contact_method": "letter", "language": "en", "postal_address": "  "},
            "Enter the postal address for letters.",
        ),
        ({"contact_method": "pigeon", "language": "en"}, "Choose one of the options."),
        ({"contact_method": "email", "language": "fr"}, "Choose one of the options."),
        ({}, "Choose how officers should contact you."),
    ],
)
def test_a_method_without_its_address_is_refused(client, cllr_jones, data, error):
    client.force_login(cllr_jones)
    response = client.post("/en/my-preferences/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert MemberProfile.objects.get(user=cllr_jones).contact_method == "email"


def test_staff_have_no_member_preferences(client, advisor):
    client.force_login(advisor)
    assert client.get("/en/my-preferences/").status_code == 403
