"""Acknowledgements come from templates kept as data, in the customer's language and by a
method that reaches them, stating when the full response will come."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from contacts.models import Customer
from messaging.domain.replies import ReplyLanguage, ReplyMethod
from messaging.messages import BILINGUAL_DIVIDER, acknowledgement_for, format_date
from messaging.models import MessageTemplate, template_problems
from tests.factories import make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # full response due Monday 16 March 2026


@pytest.mark.parametrize(
    ("moment", "language", "expected"),
    [
        (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "cy", "Dydd Llun 16 Mawrth 2026"),
        (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "en", "Monday 16 March 2026"),
        # 23:30 UTC on 30 June is 00:30 on 1 July in Wales.
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "cy", "Dydd Mercher 1 Gorffennaf 2026"),
        (datetime(2026, 12, 24, 17, 0, tzinfo=UTC), "cy", "Dydd Iau 24 Rhagfyr 2026"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(moment, language, expected):
    assert format_date(moment, language) == expected


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("Cyfeirnod {{ reference }}{% if due_date %} erbyn {{ due_date }}{% endif %}", []),
        (
            "{{ password }}",
            [
                "Unknown placeholder {{ password }}. Use: reference, customer_name, "
                "next_steps, handler, due_date, service_contact, welsh_welcome, privacy_url."
            ],
        ),
        (
            "{{ reference|upper }}",
            [
                "Unknown placeholder {{ reference|upper }}. Use: reference, "
                "customer_name, next_steps, handler, due_date, "
                "service_contact, welsh_welcome, privacy_url."
            ],
        ),
        ("{% load static %}", ["Only the if, else and endif tags may be used."]),
        (
            "{% if case.owner %}x{% endif %}",
            ["An if tag can only test a placeholder, not “case.owner”."],
        ),
    ],
    ids=["fine", "unknown", "filter", "load", "if-on-object"],
)
def test_templates_may_use_only_the_placeholders_and_if(text, problems):
    assert template_problems(text) == problems


def test_an_unclosed_if_is_reported():
    (problem,) = template_problems("{% if due_date %}by {{ due_date }}")
    assert problem.startswith("The template cannot be read:")


@pytest.mark.django_db
class TestDefaults:
    def test_every_standard_that_promises_a_reply_has_a_template_per_method(self):
        expected = {
            "EMAIL_DEPARTMENT",
            "WEBFORM",
            "TEXT",
            "PHONE_VOICEMAIL",
            "LETTER",
            "FAX",
            "SOCIAL_MEDIA",
            "COMPLAINT",
            "FEEDBACK",
            "COUNCILLOR_ENQUIRY",
        }
        rows = set(
            MessageTemplate.objects.filter(purpose="acknowledgement").values_list(
                "standard__code", "method"
            )
        )
        assert rows == {
            (code, method) for code in expected for method in ("email", "sms", "letter")
        }

    def test_officers_messages_have_wording_for_every_standard_by_every_method(self):
        rows = set(
            MessageTemplate.objects.exclude(purpose="acknowledgement").values_list(
                "standard", "purpose", "method"
            )
        )
        # The complaint standard has its own final response, naming the Ombudsman (complaints).
        complaint = MessageTemplate.objects.filter(standard__code="COMPLAINT").first().standard_id
        assert rows == {
            (None, purpose, method)
            for purpose in ("reply", "confirmation", "extension", "callback", "resolution")
            for method in ("email", "sms", "letter")
        } | {(None, "out_of_office", "email")} | {
            (complaint, "resolution", method) for method in ("email", "sms", "letter")
        } | {
            # Running late has no letter: it would come after the delay it announces.
            (None, "running_late", "email"),
            (None, "running_late", "sms"),
        } | {(None, "rebooked", method) for method in ("email", "sms", "letter")}

    def test_the_default_wording_is_valid_in_both_languages(self):
        for template in MessageTemplate.objects.all():
            template.full_clean()
            assert template.body_cy != template.body_en


@pytest.mark.django_db
class TestAcknowledgement:
    def test_a_welsh_speaker_gets_a_welsh_email_with_the_due_date_in_welsh(self, service, team):
        customer = Customer.objects.create(
            name="Siân Jones", email="sian@example.com", preferred_language="cy"
        )
        case = make_case(service=service, customer=customer, team=team, received_at=RECEIVED)

        message = acknowledgement_for(case)

        assert (message.method, message.language) == (ReplyMethod.EMAIL, ReplyLanguage.WELSH)
        assert case.reference in message.subject
        assert "Dydd Llun 16 Mawrth 2026" in message.body
        assert "Siân Jones" in message.body
        assert team.name_cy in message.body
        assert "Monday" not in message.body

    def test_an_unknown_language_gets_a_welsh_first_bilingual_message(self, service):
        case = make_case(service=service, received_at=RECEIVED)

        message = acknowledgement_for(case)

        welsh, english = message.body.split(BILINGUAL_DIVIDER)
        assert message.language is ReplyLanguage.BILINGUAL
        assert "Dydd Llun 16 Mawrth 2026" in welsh
        assert "Monday 16 March 2026" in english
        assert message.subject.index(case.reference) < len(message.subject) // 2 + 1

    def test_a_text_from_a_mobile_is_answered_by_text_in_english(self, service):
        case = make_case(
            service=service,
            channel="text",
            language="en",
            details={"from_number": "07700 900123"},
            received_at=RECEIVED,
        )

        message = acknowledgement_for(case)

        assert (message.method, message.language) == (ReplyMethod.SMS, ReplyLanguage.ENGLISH)
        assert message.subject == ""
        assert case.reference in message.body

    def test_a_letter_without_an_email_address_is_answered_by_letter(self, service):
        case = make_case(
            service=service,
            channel="letter",
            language="cy",
            details={"postal_address": "1 Stryd Fawr, Rhuthun"},
            received_at=RECEIVED,
        )

        message = acknowledgement_for(case)

        assert (message.method, message.language) == (ReplyMethod.LETTER, ReplyLanguage.WELSH)

    def test_a_reception_visit_gets_no_message(self, service):
        case = make_case(
            service=service,
            channel="visit",
            details={"contact_type": "reception"},
            received_at=RECEIVED,
        )
        assert acknowledgement_for(case) is None


@pytest.mark.django_db
def test_the_admin_previews_a_template_in_both_languages(client, administrator):
    template = MessageTemplate.objects.get(standard__code="EMAIL_DEPARTMENT", method="email")
    client.force_login(administrator)

    page = client.get(reverse("admin:messaging_messagetemplate_change", args=[template.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert content.count("CYS-2026-004213") >= 2
    assert "Dydd Llun 16 Mawrth 2026" in content
    assert "Monday 16 March 2026" in content
    # Its lines kept without a style attribute, which the Content-Security-Policy refuses.
    assert "style=" not in content
    assert '<p lang="cy">' in content and "<br>" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("purpose", "welsh", "english"),
    [
        ("reply", "Byddwn yn casglu'r bin a fethwyd ddydd Iau.", "We will collect the missed bin"),
        ("extension", "Dydd Llun 30 Mawrth 2026", "Monday 30 March 2026"),
        ("out_of_office", "Mae Rhys Evans allan o'r swyddfa", "Rhys Evans is out of the office"),
    ],
)
def test_the_admin_previews_officers_messages_with_sample_words(
    client, administrator, purpose, welsh, english
):
    template = MessageTemplate.objects.get(standard=None, purpose=purpose, method="email")
    client.force_login(administrator)

    page = client.get(reverse("admin:messaging_messagetemplate_change", args=[template.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert welsh.replace("'", "&#x27;") in content
    assert english in content


@pytest.mark.django_db
def test_the_admin_refuses_a_template_with_an_unknown_placeholder(client, administrator):
    template = MessageTemplate.objects.get(standard__code="TEXT", method="sms")
    client.force_login(administrator)
    url = reverse("admin:messaging_messagetemplate_change", args=[template.pk])

    response = client.post(
        url,
        {
            "standard": template.standard_id,
            "purpose": "acknowledgement",
            "method": "sms",
            "subject_cy": "",
            "subject_en": "",
            "next_steps_cy": "x",
            "next_steps_en": "x",
            "body_cy": "Diolch {{ password }}",
            "body_en": "Thanks {{ reference }}",
        },
    )

    assert response.status_code == 200  # the form again, with the error
    assert "Unknown placeholder {{ password }}" in response.content.decode()
    template.refresh_from_db()
    assert "password" not in template.body_cy
