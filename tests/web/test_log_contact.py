"""Logging a contact through the staff form: every channel, the customer found or made, the
Welsh question, and bad input refused with translated errors and nothing created."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.models import Case, Customer
from messaging.models import OutboundMessage
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

URL = "/en/log-contact/{}/"


def moment(name, when):
    """The GOV.UK date input's and time's boxes of the field ``name``, holding ``when``."""
    local = timezone.localtime(when)
    return {
        f"{name}_day": str(local.day),
        f"{name}_month": str(local.month),
        f"{name}_year": str(local.year),
        f"{name}_time": local.strftime("%H:%M"),
    }


def base(**extra):
    data = {
        "kind": "service_request",
        "summary": "Missed bin",
        "description": "Not collected on Tuesday",
        "language": "en",
        "assign_to": "me",
    }
    data.update(extra)
    return data


CHANNELS = {
    "phone": (
        # "Handled in Welsh" is asked only of a call in Welsh: this one was in English.
        {"contact_type": "callback", "callback_number": "07700 900123", "handled_in_welsh": "on"},
        {"contact_type": "callback", "caller_number": "07700 900123", "handled_in_welsh": False},
    ),
    "text": ({"from_number": "07700900124"}, {"from_number": "07700900124"}),
    "email": (
        {
            "contact_type": "department",
            "from_address": "ann@example.com",
            "to_address": "waste@example.gov.wales",
            "subject": "Bin",
        },
        {
            "contact_type": "department",
            "from_address": "ann@example.com",
            "to_address": "waste@example.gov.wales",
            "subject": "Bin",
        },
    ),
    "letter": (
        {"postal_address": "1 Stryd Fawr, Rhuthun", "letter_postcode": "LL15 1AA"},
        {"postal_address": "1 Stryd Fawr, Rhuthun", "postcode": "LL15 1AA"},
    ),
    "fax": ({"fax_number": "01824 706000"}, {"fax_number": "01824 706000"}),
    "visit": (
        {"contact_type": "reception", "expected_wait_minutes": "15", "location": "Rhuthun"},
        {"contact_type": "reception", "expected_wait_minutes": 15, "location": "Rhuthun"},
    ),
    "webform": ({}, {"form": "entered-by-staff"}),
    "social": (
        {"platform": "facebook", "handle": "@ann", "url": "https://facebook.com/p/1"},
        {"platform": "facebook", "handle": "@ann", "url": "https://facebook.com/p/1"},
    ),
}


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_each_channel_is_logged_with_its_details_and_customer(client, advisor, channel):
    """The form makes the case through case_create: details, customer, owner, milestones and
    the acknowledgement owed, and lands on the case page with the banner."""
    client.force_login(advisor)
    sent, stored = CHANNELS[channel]
    extra = dict(sent)
    if channel == "phone":
        extra |= moment("callback_at", timezone.now() + timedelta(hours=2))
    response = client.post(
        URL.format(channel),
        base(
            **extra,
            customer_name="Ann Jones",
            customer_email="Ann.Jones@Example.com",
            customer_phone="07700 900123",
            customer_postcode="ll15 1aa",
            customer_welsh="yes",
            customer_contact_method="email",
            large_print="on",
            interpreter_language="Polish",
        ),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/cases/{case.reference}/"
    assert case.channel == channel
    assert case.kind == "service_request"
    assert case.summary == "Missed bin"
    assert case.owner == advisor and case.team == advisor.team
    assert case.language == "en"
    details = {k: v for k, v in case.channel_details.items() if k != "callback_at"}
    assert details == stored
    customer = case.customer
    assert (customer.name, customer.email, customer.phone, customer.postcode) == (
        "Ann Jones",
        "ann.jones@example.com",
        "07700900123",
        "LL15 1AA",
    )
    assert customer.preferred_language == "cy"
    assert customer.preferred_contact_method == "email"
    assert customer.large_print and customer.interpreter_language == "Polish"
    assert case.milestones.exists() or channel in ("webform",)
    page = client.get(response["Location"])
    banner = page.content.decode()
    assert f"Contact logged: {case.reference}" in banner


def test_an_email_to_a_department_owes_the_acknowledgement_in_welsh(client, advisor):
    client.force_login(advisor)
    client.post(
        URL.format("email"),
        base(
            **CHANNELS["email"][0],
            language="cy",
            customer_name="Ann Jones",
            customer_email="ann@example.com",
            customer_welsh="yes",
        ),
    )
    case = Case.objects.get()
    message = OutboundMessage.objects.get(case=case)
    assert (message.purpose, message.recipient, message.language) == (
        "acknowledgement",
        "ann@example.com",
        "cy",
    )
    respond = case.milestones.get(kind="respond")
    assert respond.due_at is not None


def test_the_banner_names_the_full_response_date(client, advisor):
    client.force_login(advisor)
    response = client.post(URL.format("letter"), base(**CHANNELS["letter"][0]), follow=True)
    case = Case.objects.get()
    due = timezone.localtime(case.milestones.get(kind="respond").due_at)
    text = response.content.decode()
    assert f"Contact logged: {case.reference}, full response due by {due:%-d %B %Y, %H:%M}" in text


def test_a_matching_customer_is_shown_and_must_be_chosen_or_confirmed_new(client, advisor):
    existing = CustomerFactory(name="Ann Jones", phone="07700900123", postcode="LL15 1AA")
    client.force_login(advisor)
    data = base(**CHANNELS["text"][0], customer_name="Ann J", customer_phone="07700 900 123")
    response = client.post(URL.format("text"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Existing customers have these details" in text
    assert f'value="{existing.pk}"' in text
    assert not Case.objects.exists()

    response = client.post(URL.format("text"), {**data, "customer": str(existing.pk)})
    assert response.status_code == 302
    assert Case.objects.get().customer == existing
    assert Customer.objects.count() == 1

    response = client.post(URL.format("text"), {**data, "customer": "new"})
    assert response.status_code == 302
    assert Customer.objects.count() == 2


def test_find_shows_matches_without_logging(client, advisor):
    CustomerFactory(name="Ann Jones", email="ann@example.com")
    client.force_login(advisor)
    response = client.post(
        URL.format("text"), {"customer_email": "ANN@example.com", "find_customer": "1"}
    )
    assert response.status_code == 200
    assert "Ann Jones" in response.content.decode()
    assert not Case.objects.exists()


def test_the_welsh_answer_is_recorded_for_an_existing_customer(client, advisor):
    existing = CustomerFactory(name="Ann Jones", email="ann@example.com", preferred_language="")
    client.force_login(advisor)
    client.post(
        URL.format("text"),
        base(
            **CHANNELS["text"][0],
            customer=str(existing.pk),
            customer_email="ann@example.com",
            customer_welsh="yes",
        ),
    )
    existing.refresh_from_db()
    assert existing.preferred_language == "cy"


def test_assigning_to_the_team_leaves_it_unowned(client, advisor, team):
    client.force_login(advisor)
    client.post(URL.format("text"), base(**CHANNELS["text"][0], assign_to=f"team:{team.pk}"))
    case = Case.objects.get()
    assert (case.owner, case.team) == (None, team)


BAD = [
    (
        "phone",
        {"contact_type": "callback", "callback_number": "07700900123"},
        "callback_at_day",
        "Enter the callback time agreed with the caller",
    ),
    (
        "phone",
        {"contact_type": "callback", "callback_number": "07700900123", "callback_at_day": "3"},
        "callback_at_day",
        "Enter the callback time in full: day, month, year and time",
    ),
    ("phone", {"contact_type": "voicemail"}, "voicemail_number", "Enter the caller's number"),
    (
        "phone",
        {"contact_type": "voicemail", "voicemail_number": "call me"},
        "voicemail_number",
        "Enter the caller's number using digits, spaces and an optional leading +",
    ),
    ("phone", {"contact_type": "nonsense"}, "contact_type", "Select what kind of call it was"),
    ("text", {"from_number": ""}, "from_number", "Enter the number the text came from"),
    (
        "text",
        {"from_number": "not a number"},
        "from_number",
        "Enter the number the text came from using digits",
    ),
    (
        "email",
        {"contact_type": "officer", "from_address": "x", "to_address": "a@b.com"},
        "from_address",
        "Enter the sender's e-mail address in the correct format, like name@example.com",
    ),
    (
        "email",
        {"contact_type": "officer", "from_address": "a@b.com"},
        "to_address",
        "Enter the e-mail address it was sent to",
    ),
    ("visit", {"contact_type": "appointment"}, "appointment_at_day", "Enter the appointment time"),
    (
        "visit",
        {"contact_type": "officer_visit"},
        "officer_visit_at_day",
        "Enter the visit time agreed with the customer",
    ),
    (
        "visit",
        {"contact_type": "reception", "expected_wait_minutes": "99999999999999999999"},
        "expected_wait_minutes",
        "between 0 and 600 minutes",
    ),
    ("social", {"platform": "myspace", "handle": "x"}, "platform", "Select the platform"),
    ("letter", {"postal_address": ""}, "postal_address", "Enter the sender's postal address"),
    (
        "letter",
        {"postal_address": "a\x00b"},
        "postal_address",
        "Remove the null characters from the text.",
    ),
    (
        "letter",
        {"postal_address": "1 Stryd Fawr", "dated_day": "31", "dated_month": "2"},
        "dated_day",
        "Enter the date on the letter in full: day, month and year",
    ),
    ("social", {"platform": "facebook"}, "handle", "Enter their name or handle"),
    ("fax", {}, "fax_number", "Enter the number the fax came from"),
    (
        "text",
        {
            "from_number": "07700900123",
            **moment("received_at", timezone.now()),
            "received_at_year": "99999",
        },
        "received_at_day",
        "The date it was received must be a real date",
    ),
    (
        "text",
        {
            "from_number": "07700900123",
            **moment("received_at", timezone.now()),
            "received_at_time": "noon",
        },
        "received_at_day",
        "Enter the time it was received like 14:30",
    ),
    (
        "text",
        {"from_number": "07700900123", **moment("received_at", timezone.now() + timedelta(days=2))},
        "received_at_day",
        "cannot be in the future",
    ),
    (
        "text",
        {"from_number": "07700900123", "kind": "councillor_enquiry"},
        "kind",
        "Select what the contact is",
    ),
    (
        "text",
        {"from_number": "07700900123", "summary": "x" * 201},
        "summary",
        "200 characters or fewer",
    ),
    (
        "text",
        {"from_number": "07700900123", "assign_to": "user:99999999999999"},
        "assign_to",
        "Select who will deal with it",
    ),
    (
        "text",
        {"from_number": "07700900123", "customer": "99999999999999999999999"},
        "customer",
        "Select a customer from the list",
    ),
    (
        "text",
        {"from_number": "07700900123", "customer_email": "a@b.com"},
        "customer_name",
        "Enter the customer's full name",
    ),
    (
        "text",
        {"from_number": "07700900123", "customer_name": "Ann", "customer_email": "ann@"},
        "customer_email",
        "Enter the customer's e-mail address in the correct format, like name@example.com",
    ),
    (
        "text",
        {"from_number": "07700900123", "customer_name": "Ann", "customer_phone": "ring me"},
        "customer_phone",
        "Enter the customer's telephone number using digits",
    ),
]


@pytest.mark.parametrize(("channel", "sent", "field", "message"), BAD)
def test_bad_input_is_refused_with_an_error_and_creates_nothing(
    client, advisor, channel, sent, field, message
):
    client.force_login(advisor)
    response = client.post(URL.format(channel), {**base(), **sent})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert message in text.replace("&#x27;", "'")
    assert f'href="#id_{field}' in text
    assert not Case.objects.exists() and not Customer.objects.exists()


def test_errors_are_in_welsh_on_the_welsh_page(client, advisor):
    client.force_login(advisor)
    response = client.post("/cy/log-contact/text/", {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Mae problem" in text
    assert "Rhowch grynodeb o&#x27;r cyswllt" in text
    assert "Enter a summary" not in text


def test_another_service_is_out_of_reach_and_other_roles_refused(client, advisor, world):
    client.force_login(world.councillor)
    assert client.get("/en/log-contact/").status_code == 403
    client.force_login(advisor)
    assert client.get("/en/log-contact/carrier-pigeon/").status_code == 404
    response = client.post(
        URL.format("text"),
        base(**CHANNELS["text"][0], assign_to=f"user:{world.highways_advisor.pk}"),
    )
    assert response.status_code == 400
    assert not Case.objects.filter(summary="Missed bin", channel="text").exists()


def test_choosing_the_channel(client, advisor):
    client.force_login(advisor)
    response = client.get("/en/log-contact/")
    assert response.status_code == 200
    assert "How did the customer contact us?" in response.content.decode()
    assert client.get("/en/log-contact/?channel=fax")["Location"] == "/en/log-contact/fax/"
    response = client.get("/en/log-contact/?channel=owl")
    assert "Select how the customer contacted us" in response.content.decode()


def test_the_form_page_costs_a_few_queries(client, advisor, world, django_assert_max_num_queries):
    client.force_login(advisor)
    with django_assert_max_num_queries(12):
        assert client.get(URL.format("phone")).status_code == 200


def test_a_complaint_sends_the_advisor_back_to_logging_with_word_of_where_it_went(client, advisor):
    """The advisor may not open a complaint (docs/adr/0018): they hear where it went."""
    client.force_login(advisor)
    response = client.post(URL.format("text"), base(**CHANNELS["text"][0], kind="complaint"))
    case = Case.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/en/log-contact/")
    page = client.get(response["Location"]).content.decode()
    assert f"Complaint logged: {case.reference}. It has gone to the service" in page


def test_a_confidential_case_the_logger_may_not_open_names_the_service_it_went_to(world):
    from contacts.views.log_contact import _gone_banner
    from tests.factories import make_case

    case = make_case(service=world.highways.service, confidential=True)
    assert _gone_banner(case) == (
        f"Contact logged: {case.reference}. It is confidential: it has gone to Highways, "
        "who will deal with it."
    )
