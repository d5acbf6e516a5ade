"""The quicker log-contact form (issue 15, item 9), on the server: each contact type reveals
only its own questions, and the questions of the types not chosen are neither checked nor
recorded; the form begins with the commonest answers; every error names its field, in Welsh
and English; "Find existing customers" is a search with results, not a list of errors."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils.translation import gettext, override

from common.form_fields import DateAndTimeField
from contacts.channel_details import DEFINITIONS
from contacts.forms.log_contact import LogContactForm
from contacts.models import Case, Customer
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def form_for(channel, advisor, data=None, **kwargs):
    return LogContactForm(
        data, channel=channel, user=advisor, own_service=advisor.team.service, **kwargs
    )


def names(fields):
    return [field.name for field in fields]


def contact(**extra):
    return {"kind": "enquiry", "summary": "Missed bin", "assign_to": "me", **extra}


# --- Each contact type's own questions ---------------------------------------------------------


def test_each_kind_of_call_reveals_only_its_own_questions(advisor):
    form = form_for("phone", advisor)

    reveals = {kind: names(fields) for kind, fields in form.contact_type_reveals().items()}
    assert reveals == {
        "callback": ["callback_at", "callback_number"],
        "voicemail": ["voicemail_number"],
    }
    assert names(form.channel_fields()) == []
    assert {k: names(f) for k, f in form.language_reveals().items()} == {"cy": ["handled_in_welsh"]}
    # A call brings no papers: files are added on the case page if ever needed.
    assert not form.attachments_offered()


def test_each_kind_of_visit_reveals_only_its_own_questions(advisor):
    form = form_for("visit", advisor)

    reveals = {kind: names(fields) for kind, fields in form.contact_type_reveals().items()}
    assert reveals == {
        "reception": ["expected_wait_minutes"],
        "appointment": ["appointment_at"],
        "officer_visit": ["officer_visit_at"],
    }
    assert names(form.channel_fields()) == ["location"]
    assert form.language_reveals() == {} and form.attachments_offered()


@pytest.mark.parametrize("channel", ["text", "email", "letter", "fax", "webform", "social"])
def test_a_channel_without_variants_asks_everything_in_view(channel, advisor):
    form = form_for(channel, advisor)
    asked = [name for name in form.questions if name != "contact_type"]

    assert names(form.channel_fields()) == asked
    assert form.contact_type_reveals() == {}


def test_the_page_reveals_the_questions_under_their_contact_type(client, advisor):
    client.force_login(advisor)
    page = client.get("/en/log-contact/phone/").content.decode()

    callback = page.index('id="id_contact_type-callback-reveal"')
    voicemail = page.index('id="id_contact_type-voicemail-reveal"')
    assert 'data-aria-controls="id_contact_type-callback-reveal"' in page
    assert 'id="id_contact_type-answered-reveal"' not in page
    assert voicemail < page.index('name="voicemail_number"') < callback
    assert callback < page.index('name="callback_at_day"') < page.index('name="callback_number"')
    assert 'type="datetime-local"' not in page and 'type="file"' not in page


def test_the_other_kinds_answers_are_neither_checked_nor_recorded(client, advisor):
    """All the revealed questions are sent, whichever is chosen (the reveal only hides them):
    an answered call's form is logged whatever the callback's boxes hold."""
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/phone/",
        contact(
            contact_type="answered",
            callback_at_day="31",
            callback_at_month="2",
            callback_at_time="half two",
            callback_number="not a number",
            voicemail_number="07700 900123",
            handled_in_welsh="on",
            language="en",
        ),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel_details == {"contact_type": "answered", "handled_in_welsh": False}
    assert case.milestones.filter(kind="callback").count() == 0


def test_a_visit_records_only_its_own_kinds_time(client, advisor):
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/visit/",
        contact(
            contact_type="reception",
            expected_wait_minutes="10",
            appointment_at_day="99",
            officer_visit_at_year="1900",
            location="Rhuthun",
            language="en",
        ),
    )

    assert response.status_code == 302
    assert Case.objects.get().channel_details == {
        "contact_type": "reception",
        "expected_wait_minutes": 10,
        "location": "Rhuthun",
    }


@pytest.mark.parametrize(("language", "handled"), [("cy", True), ("en", False), ("unknown", False)])
def test_handled_in_welsh_is_recorded_only_for_a_call_in_welsh(client, advisor, language, handled):
    client.force_login(advisor)
    client.post(
        "/en/log-contact/phone/",
        contact(contact_type="answered", language=language, handled_in_welsh="on"),
    )

    assert Case.objects.get().channel_details["handled_in_welsh"] is handled


def test_a_callback_time_is_read_from_the_date_input_in_uk_time(client, advisor):
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/phone/",
        contact(
            contact_type="callback",
            callback_number="07700 900123",
            # British Summer Time: 14:30 in Rhuthun is 13:30 UTC.
            callback_at_day="30",
            callback_at_month="6",
            callback_at_year="2099",
            callback_at_time="2:30pm",
            language="en",
        ),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel_details["callback_at"] == "2099-06-30T14:30:00+01:00"
    assert case.channel_details["caller_number"] == "07700 900123"
    utc = ZoneInfo("UTC")
    assert case.milestones.get(kind="callback").due_at == datetime(2099, 6, 30, 13, 30, tzinfo=utc)


def test_the_date_on_a_letter_is_read_from_the_date_input(client, advisor):
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/letter/",
        contact(
            postal_address="1 Stryd Fawr, Rhuthun",
            dated_day="28",
            dated_month="6",
            dated_year="2026",
            language="en",
        ),
    )

    assert response.status_code == 302
    assert Case.objects.get().channel_details["dated"] == "2026-06-28"


# --- The commonest answers first ---------------------------------------------------------------


def test_the_form_begins_with_the_commonest_answers(advisor):
    opened = datetime(2026, 12, 24, 16, 58, 41, tzinfo=LONDON)
    form = form_for("phone", advisor, now=opened)

    assert form["received_at"].value() == [24, 12, 2026, "16:58"]
    assert form["kind"].value() == "enquiry"
    assert form["language"].value() == "unknown"
    assert form["assign_to"].value() == "me"
    assert form.routing_sentence() == "You will deal with it, for Waste and recycling."
    assert not form.routing_open() and not form.more_about_the_customer_open()


def test_received_is_the_moment_the_form_was_opened_unless_changed(client, advisor):
    client.force_login(advisor)
    client.post(
        "/en/log-contact/text/",
        contact(
            from_number="07700900124",
            language="en",
            # 23 March 2026 is GMT: the wall time is UTC.
            received_at_day="23",
            received_at_month="3",
            received_at_year="2026",
            received_at_time="09:15",
        ),
    )

    assert Case.objects.get().received_at == datetime(2026, 3, 23, 9, 15, tzinfo=ZoneInfo("UTC"))


def test_routing_is_open_for_the_front_line_and_once_changed(advisor, team, world):
    from accounts.models import Role
    from tests.factories import ServiceFactory, TeamFactory, UserFactory

    desk = TeamFactory(service=ServiceFactory(code="desk"), code="desk-team", front_line=True)
    front = UserFactory(role=Role.ADVISOR, team=desk, username="front")
    assert LogContactForm(channel="text", user=front, own_service=desk.service).routing_open()

    moved = form_for("text", advisor, {"assign_to": f"team:{team.pk}"})
    assert moved.routing_open()
    assert moved.routing_sentence() == (
        f"It will wait in the {team.name} queue, for Waste and recycling."
    )


# --- Errors that name their field --------------------------------------------------------------

#: Django's own messages, which name no field (and some have no Welsh).
GENERIC = {
    "This field is required.",
    "Enter a valid email address.",
    "Enter a valid URL.",
    "Enter a whole number.",
    "Enter a valid date.",
    "Enter a valid date/time.",
    "Enter a complete value.",
    "Null characters are not allowed.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "Ensure this value is less than or equal to %(limit_value)s.",
    "Ensure this value is greater than or equal to %(limit_value)s.",
}


def _codes(field: forms.Field) -> set[str]:
    """The error codes ``field`` can give."""
    codes = {"required"} if field.required else set()
    if isinstance(field, DateAndTimeField):
        return (
            codes
            | {"incomplete", "invalid_date"}
            | ({"invalid_time"} if "time" in field.widget.parts else set())
        )
    if isinstance(field, forms.ChoiceField):
        codes.add("invalid_choice")
    if isinstance(field, forms.EmailField | forms.URLField | forms.IntegerField):
        codes.add("invalid")
    if isinstance(field, forms.IntegerField):
        codes |= {"min_value", "max_value"}
    if getattr(field, "max_length", None):
        codes.add("max_length")
    if any(getattr(v, "code", "") == "invalid" for v in field.validators):
        codes.add("invalid")
    return codes


@pytest.mark.parametrize("channel", sorted(DEFINITIONS))
def test_no_field_falls_back_to_a_message_that_names_no_field(channel, advisor):
    form = form_for(channel, advisor)
    generic = []
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField | forms.BooleanField):
            continue
        for code in _codes(field):
            message = str(field.error_messages.get(code, "This field is required."))
            if message in GENERIC:
                generic.append((name, code, message))
        for validator in field.validators:
            overridden = getattr(validator, "code", "") in field.error_messages
            if not overridden and str(getattr(validator, "message", "")) in GENERIC:
                generic.append((name, "validator", str(validator.message)))
    assert generic == []


@pytest.mark.parametrize(
    ("lang", "sender", "sent_to", "required"),
    [
        (
            "en",
            "Enter the sender&#x27;s e-mail address",
            "Enter the e-mail address it was sent to",
            "This field is required.",
        ),
        (
            "cy",
            "Rhowch gyfeiriad e-bost yr anfonwr",
            "Rhowch y cyfeiriad e-bost yr anfonwyd ato",
            None,
        ),
    ],
)
def test_the_email_forms_two_addresses_each_have_their_own_message(
    client, advisor, lang, sender, sent_to, required
):
    client.force_login(advisor)
    response = client.post(f"/{lang}/log-contact/email/", {"contact_type": "officer"})

    text = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#id_from_address">{sender}</a>' in text
    assert f'<a href="#id_to_address">{sent_to}</a>' in text
    with override(lang):
        assert gettext("This field is required.") not in text
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Enter the callback time in full: day, month, year and time"),
        ("cy", "Rhowch amser yr alwad yn ôl yn llawn: diwrnod, mis, blwyddyn ac amser"),
    ],
)
def test_a_half_typed_callback_time_is_named_in_both_languages(client, advisor, lang, message):
    client.force_login(advisor)
    response = client.post(
        f"/{lang}/log-contact/phone/",
        contact(
            contact_type="callback",
            callback_number="07700 900123",
            callback_at_day="3",
            callback_at_time="10:00",
            language="en",
        ),
    )

    assert response.status_code == 400
    assert f'<a href="#id_callback_at_day">{message}</a>' in response.content.decode()
    assert not Case.objects.exists()


# --- Finding a customer: a search ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "found"), [("en", "1 customer found"), ("cy", "Daethpwyd o hyd i 1 cwsmer")]
)
def test_find_by_postcode_alone_lists_the_customers_without_errors(client, advisor, lang, found):
    ann = CustomerFactory(name="Ann Jones", postcode="LL15 1AA")
    client.force_login(advisor)
    response = client.post(
        f"/{lang}/log-contact/phone/", {"customer_postcode": "ll15 1aa", "find_customer": "1"}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" not in text and "govuk-error-message" not in text
    assert found in text and "Ann Jones" in text
    assert f'name="customer" type="radio" value="{ann.pk}"' in text
    # The results heading takes the focus, with or without JavaScript.
    assert 'id="customer-results" tabindex="-1" autofocus' in text
    # What was typed is kept, and the folded-away fields it was typed in are open.
    assert 'value="ll15 1aa"' in text
    assert not Case.objects.exists() and Customer.objects.count() == 1


def test_find_with_nothing_to_look_for_says_what_to_type(client, advisor):
    client.force_login(advisor)
    response = client.post("/en/log-contact/phone/", {"find_customer": "1"})

    text = response.content.decode()
    assert "No customers found" in text
    assert "Type a telephone number, e-mail address or postcode to look for a customer." in text
    assert "govuk-error-summary" not in text
