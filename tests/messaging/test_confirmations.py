"""Texts in two steps (SPEC §10): the automatic thank-you does not meet the 24-hour promise;
only the message naming who is dealing with the enquiry and the date of the full response
does, once it has gone. Bad input is refused with a translated error and changes nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import translation

from common.errors import ServiceError
from contacts.models import CaseEvent, CaseStatus, Customer, Milestone
from messaging.confirmations import case_confirm
from messaging.delivery import message_deliver, messages_deliver_owed
from messaging.models import OutboundMessage
from standards.models import Standard, Target
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday
NOW = RECEIVED + timedelta(hours=1)
NUMBER = "07700 900123"


def text_case(service, team, *, language="en", customer=None, owner=None):
    return make_case(
        service=service,
        channel="text",
        details={"from_number": NUMBER, "message_id": f"SM-{language}"},
        team=team,
        customer=customer,
        owner=owner,
        language=language,
        received_at=RECEIVED,
    )


def confirm_milestone(case):
    return Milestone.objects.get(case=case, kind="confirm")


@pytest.fixture
def officer(team):
    return UserFactory(team=team, username="sian", first_name="Siân", last_name="Jones")


def test_a_text_is_thanked_at_once_but_the_thank_you_does_not_meet_the_promise(service, team):
    case = text_case(service, team)

    assert messages_deliver_owed(now=NOW) == 1

    case.refresh_from_db()
    milestone = confirm_milestone(case)
    assert (milestone.state, milestone.met_at) == ("pending", None)
    assert milestone.due_at == RECEIVED + timedelta(hours=24)
    assert case.status == CaseStatus.ACKNOWLEDGED
    assert not Milestone.objects.filter(case=case, kind="acknowledge").exists()


def test_the_confirmation_names_the_officer_and_the_date_and_meets_the_promise_once_sent(
    service, team, officer
):
    case = text_case(service, team, owner=officer)
    messages_deliver_owed(now=NOW)

    message = case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert (message.method, message.language, message.recipient, message.purpose) == (
        "sms",
        "en",
        NUMBER,
        "confirmation",
    )
    assert message.body == (
        f"{case.reference}: your enquiry is being dealt with by Siân Jones, {team.name_en}. "
        "You will get a full response by Monday 16 March 2026."
    )
    assert confirm_milestone(case).state == "pending"  # not before it has gone

    sent_at = NOW + timedelta(minutes=1)
    assert message_deliver(message_id=message.pk, now=sent_at) is True

    milestone = confirm_milestone(case)
    assert (milestone.state, milestone.met_at) == ("met", sent_at)
    assert CaseEvent.objects.filter(case=case, kind="reply_sent").last().text == message.body
    assert CaseEvent.objects.filter(case=case, kind="milestone_met", milestone=milestone).exists()


def test_a_welsh_text_is_confirmed_in_welsh_naming_the_team_when_nobody_owns_it(
    service, team, officer
):
    case = text_case(service, team, language="cy")

    message = case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert message.language == "cy"
    assert message.body == (
        f"{case.reference}: mae {team.name_cy} yn delio â'ch ymholiad. "
        "Cewch ymateb llawn erbyn Dydd Llun 16 Mawrth 2026."
    )


def test_a_customer_whose_language_is_not_known_gets_welsh_then_english(service, team, officer):
    case = text_case(service, team, language="", owner=officer)

    body = case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW).body

    welsh, english = body.split("\n\n")
    assert welsh.startswith(f"{case.reference}: mae Siân Jones, {team.name_cy}, yn delio")
    assert english.endswith("You will get a full response by Monday 16 March 2026.")


def test_a_customer_who_prefers_e_mail_is_told_by_e_mail_with_the_officers_signature(
    service, team, officer
):
    customer = Customer.objects.create(
        name="Alys Hughes", email="alys@example.com", preferred_contact_method="email"
    )
    case = text_case(service, team, customer=customer, owner=officer)

    message = case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert (message.method, message.recipient) == ("email", "alys@example.com")
    assert message.subject == f"Who is dealing with your enquiry – {case.reference}"
    assert "Dear Alys Hughes," in message.body
    assert f"being dealt with by Siân Jones, {team.name_en}." in message.body
    assert "Siân Jones" in message.body.split("Kind regards,")[1]  # signed


def test_a_case_with_its_own_full_response_deadline_promises_that_date(service, team, officer):
    text = Standard.objects.get(code="TEXT")
    Target.objects.create(standard=text, milestone="respond", rule="working_days", amount=10)
    case = text_case(service, team, owner=officer)

    message = case_confirm(case=case, actor=officer, full_response_on=None, now=NOW)

    assert message.body.endswith("You will get a full response by Monday 16 March 2026.")


@pytest.mark.parametrize(
    ("day", "english", "welsh"),
    [
        (
            None,
            "Enter the date the customer will get a full response",
            "Rhowch y dyddiad y bydd y cwsmer yn cael ymateb llawn",
        ),
        (
            date(2026, 3, 1),
            "The date of the full response cannot be in the past",
            "Ni all dyddiad yr ymateb llawn fod yn y gorffennol",
        ),
        (
            date(2026, 3, 7),
            "The date of the full response must be a working day",
            "Rhaid i ddyddiad yr ymateb llawn fod yn ddiwrnod gwaith",
        ),
        (
            date(2026, 4, 6),  # Easter Monday
            "The date of the full response must be a working day",
            "Rhaid i ddyddiad yr ymateb llawn fod yn ddiwrnod gwaith",
        ),
    ],
)
def test_a_date_that_cannot_be_promised_is_refused_in_both_languages_and_nothing_is_sent(
    service, team, officer, day, english, welsh
):
    case = text_case(service, team)
    before = OutboundMessage.objects.count()

    for language, words in (("en", english), ("cy", welsh)):
        with translation.override(language), pytest.raises(ServiceError) as refused:
            case_confirm(case=case, actor=officer, full_response_on=day, now=NOW)
        assert refused.value.message_dict == {"full_response_on": [words]}

    assert OutboundMessage.objects.count() == before
    assert confirm_milestone(case).state == "pending"


def test_a_second_confirmation_while_the_first_is_on_its_way_is_refused(service, team, officer):
    case = text_case(service, team)
    case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    with pytest.raises(ServiceError) as refused:
        case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 17), now=NOW)

    assert refused.value.message_dict == {
        "status": ["A message saying who is dealing with it is already on its way."]
    }
    assert OutboundMessage.objects.filter(purpose="confirmation").count() == 1


def test_once_confirmed_there_is_nothing_more_to_confirm(service, team, officer):
    case = text_case(service, team)
    message = case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)
    message_deliver(message_id=message.pk, now=NOW)

    with pytest.raises(ServiceError) as refused:
        case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert refused.value.message_dict == {
        "status": ["The customer has already been told who is dealing with it and when."]
    }


def test_a_case_that_promises_no_confirmation_is_refused(service, team, officer):
    case = make_case(service=service, team=team, received_at=RECEIVED)  # an e-mail

    with pytest.raises(ServiceError):
        case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert not OutboundMessage.objects.filter(purpose="confirmation").exists()


def test_a_customer_nobody_can_reach_is_refused_and_nothing_changes(service, team, officer):
    case = make_case(
        service=service,
        channel="text",
        details={"from_number": "01824 706000", "message_id": "SM-landline"},
        team=team,
        received_at=RECEIVED,
    )

    with pytest.raises(ServiceError) as refused:
        case_confirm(case=case, actor=officer, full_response_on=date(2026, 3, 16), now=NOW)

    assert list(refused.value.message_dict) == ["customer"]
    assert not OutboundMessage.objects.filter(purpose="confirmation").exists()


def test_the_full_response_meets_the_promise_too(service, team, officer):
    from contacts.services import case_respond

    case = text_case(service, team)
    case_respond(case=case, actor=officer, now=NOW)

    assert confirm_milestone(case).state == "met"
