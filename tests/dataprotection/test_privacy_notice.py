"""The privacy notice (issue 17 item 7): public, in both languages, linked from every public
page and from every acknowledgement, whatever method it goes by."""

import importlib
import re

import pytest

from contacts.models import Customer
from messaging.domain.replies import ReplyLanguage, ReplyMethod
from messaging.messages import BILINGUAL_DIVIDER, acknowledgement_for
from messaging.models import MessageTemplate
from tests.factories import make_case

pytestmark = pytest.mark.django_db

LINK = {"cy": "http://localhost:8000/cy/privacy/", "en": "http://localhost:8000/en/privacy/"}
PARAGRAPH = {
    "cy": "Mae ein hysbysiad preifatrwydd yn esbonio sut rydym yn defnyddio eich gwybodaeth, am "
    "ba hyd rydym yn ei chadw a sut i ofyn am gopi ohoni: " + LINK["cy"],
    "en": "Our privacy notice explains how we use your information, how long we keep it and how "
    "to ask for a copy: " + LINK["en"],
}


def text_of(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


class TestThePage:
    @pytest.mark.parametrize(
        ("language", "heading", "sentences"),
        [
            (
                "en",
                "Privacy notice",
                [
                    "Example County Council is the data controller",
                    "for six years after the case is closed",
                    "The council may set a shorter period",
                    "public task: UK GDPR Article 6(1)(e)",
                    "legal obligation: Article 6(1)(c)",
                    "complain to the Information Commissioner's Office (ICO)",
                    "ask for a copy of the information we hold about you (a subject access "
                    "request)",
                    "write to the council's data protection officer",
                ],
            ),
            (
                "cy",
                "Hysbysiad preifatrwydd",
                [
                    "Cyngor Sir Enghraifft yw'r rheolydd data",
                    "am chwe blynedd ar ôl cau'r achos",
                    "Gall y cyngor bennu cyfnod byrrach",
                    "tasg gyhoeddus: Erthygl 6(1)(e) GDPR y DU",
                    "rhwymedigaeth gyfreithiol: Erthygl 6(1)(c)",
                    "cwyno i Swyddfa'r Comisiynydd Gwybodaeth (ICO)",
                    "gofyn am gopi o'r wybodaeth sydd gennym amdanoch (cais gwrthrych am "
                    "wybodaeth)",
                    "swyddog diogelu data Cyngor Sir Enghraifft",
                ],
            ),
        ],
    )
    def test_anyone_reads_it_in_either_language(self, client, language, heading, sentences):
        response = client.get(f"/{language}/privacy/")

        assert response.status_code == 200
        html = response.content.decode()
        assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
        text = text_of(response.content).replace("’", "'")
        for sentence in sentences:
            assert sentence in text

    @pytest.mark.parametrize(
        ("language", "label"),
        [
            ("en", "Our data protection officer's email address:"),
            ("cy", "Cyfeiriad e-bost ein swyddog diogelu data:"),
        ],
    )
    def test_it_gives_the_officers_address_when_the_council_sets_one(
        self, client, settings, language, label
    ):
        settings.CYSWLLT = {**settings.CYSWLLT, "DPO_EMAIL": "dpo@enghraifft.gov.wales"}

        html = client.get(f"/{language}/privacy/").content.decode().replace("&#x27;", "'")

        assert label in html
        assert '<a class="govuk-link" href="mailto:dpo@enghraifft.gov.wales">' in html

    def test_without_an_address_it_gives_none(self, client, settings):
        settings.CYSWLLT = {**settings.CYSWLLT, "DPO_EMAIL": ""}

        assert "mailto:" not in client.get("/en/privacy/").content.decode()

    def test_it_is_only_read(self, client):
        assert client.post("/en/privacy/").status_code == 405

    @pytest.mark.parametrize(
        "path", ["/{lang}/contact-us/", "/{lang}/track/", "/{lang}/contact-us/type/"]
    )
    @pytest.mark.parametrize(
        ("lang", "label"), [("cy", "Hysbysiad preifatrwydd"), ("en", "Privacy notice")]
    )
    def test_every_public_page_links_to_it(self, client, path, lang, label):
        response = client.get(path.format(lang=lang))

        assert response.status_code == 200
        assert (
            f'<a class="govuk-footer__link" href="/{lang}/privacy/">{label}</a>'
            in response.content.decode()
        )

    def test_the_form_that_asks_for_details_says_where_the_notice_is(self, client, service):
        assert client.get("/en/contact-us/type/").status_code == 200
        for step, answers in (
            ("type", {"form_type": "enquiry"}),
            ("service", {"service": service.pk}),
            ("details", {"details": "The bin was not collected on Monday."}),
            ("files", {"action": "continue"}),
        ):
            assert client.post(f"/en/contact-us/{step}/", answers).status_code == 302

        response = client.get("/en/contact-us/about-you/")

        assert response.status_code == 200
        assert (
            'Our <a class="govuk-link" href="/en/privacy/">privacy notice</a> says how we use '
            "your details and how long we keep them." in response.content.decode()
        )


class TestAcknowledgements:
    def test_an_email_links_to_the_notice_in_the_readers_language(self, service, team):
        customer = Customer.objects.create(
            name="Siân Jones", email="sian@example.com", preferred_language="cy"
        )
        case = make_case(service=service, customer=customer, team=team)

        message = acknowledgement_for(case)

        assert (message.method, message.language) == (ReplyMethod.EMAIL, ReplyLanguage.WELSH)
        assert PARAGRAPH["cy"] in message.body
        assert LINK["en"] not in message.body

    def test_a_bilingual_letter_links_to_each_language_in_its_half(self, service):
        case = make_case(
            service=service, channel="letter", details={"postal_address": "1 Stryd Fawr, Rhuthun"}
        )

        message = acknowledgement_for(case)

        assert (message.method, message.language) == (ReplyMethod.LETTER, ReplyLanguage.BILINGUAL)
        welsh, english = message.body.split(BILINGUAL_DIVIDER)
        assert PARAGRAPH["cy"] in welsh
        assert PARAGRAPH["en"] in english

    def test_a_text_carries_a_short_link(self, service):
        case = make_case(
            service=service, channel="text", language="en", details={"from_number": "07700 900123"}
        )

        message = acknowledgement_for(case)

        assert message.method == ReplyMethod.SMS
        assert message.body.endswith(". Privacy: " + LINK["en"])

    def test_every_acknowledgement_template_links_in_both_languages(self):
        templates = MessageTemplate.objects.filter(purpose="acknowledgement")

        assert templates.count() >= 3
        for template in templates:
            assert "{{ privacy_url }}" in template.body_cy, template
            assert "{{ privacy_url }}" in template.body_en, template


class TestTheMigration:
    migration = importlib.import_module(
        "messaging.migrations.0014_privacy_notice_in_acknowledgements"
    )

    @pytest.mark.parametrize(
        ("body", "method", "code", "expected"),
        [
            # An administrator's own e-mail without the Welsh welcome: at the end.
            (
                "Dear {{ customer_name }},\n\nThanks.\n",
                "email",
                "en",
                "Dear {{ customer_name }},\n\nThanks.\n\nOur privacy notice explains how we use "
                "your information, how long we keep it and how to ask for a copy: "
                "{{ privacy_url }}",
            ),
            # With the Welsh welcome: just before it.
            (
                "Diolch.\n\n{{ welsh_welcome }}\n\nCofion",
                "letter",
                "cy",
                "Diolch.\n\nMae ein hysbysiad preifatrwydd yn esbonio sut rydym yn defnyddio "
                "eich gwybodaeth, am ba hyd rydym yn ei chadw a sut i ofyn am gopi ohoni: "
                "{{ privacy_url }}\n\n{{ welsh_welcome }}\n\nCofion",
            ),
            ("Diolch. ", "sms", "cy", "Diolch. Preifatrwydd: {{ privacy_url }}"),
            # Run twice, or a template that has it already: unchanged.
            ("Privacy: {{ privacy_url }}", "sms", "en", "Privacy: {{ privacy_url }}"),
        ],
        ids=["email-no-welcome", "letter-welcome", "sms", "already"],
    )
    def test_the_link_is_added_once_where_it_reads_well(self, body, method, code, expected):
        assert self.migration._with_link(body, method, code) == expected


class TestAdministratorsKeepTheLink:
    def test_an_acknowledgement_without_it_is_refused_in_each_language(self):
        from django.core.exceptions import ValidationError

        template = MessageTemplate.objects.filter(purpose="acknowledgement", method="email")[0]
        template.body_cy = "Diolch. Eich cyfeirnod yw {{ reference }}."
        template.body_en = "Thank you. Privacy: {{ privacy_url }}"

        with pytest.raises(ValidationError) as refused:
            template.full_clean()

        assert refused.value.message_dict == {
            "body_cy": [
                "An acknowledgement must link to the privacy notice: add {{ privacy_url }}."
            ]
        }
        template.refresh_from_db()
        assert "{{ privacy_url }}" in template.body_cy

    def test_other_messages_need_not_carry_it(self):
        template = MessageTemplate.objects.filter(purpose="resolution").first()
        template.full_clean()
        assert "privacy_url" not in template.body_en
