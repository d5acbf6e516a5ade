"""What a voicemail's caller and a covering colleague are told (SPEC §10): the callback time by
the caller's method in their language (Welsh first when both), from the templates
administrators edit; the colleague covering an absent officer by a staff notice, once."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Absence
from contacts import hooks
from contacts.models import CaseEvent, EventKind
from contacts.services import voicemail_acknowledge
from messaging import voicemail as messaging_voicemail
from messaging.delivery import messages_deliver
from messaging.models import MessageTemplate, OutboundMessage, Purpose, RecipientKind
from tests.factories import CustomerFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)  # Wednesday, GMT
NOW = datetime(2026, 3, 4, 14, tzinfo=UTC)
TUESDAY_AFTERNOON = datetime(2026, 3, 10, 14, 30, tzinfo=LONDON)


def voicemail_for(service, owner, **customer):
    return make_case(
        service=service,
        channel="phone",
        details={"contact_type": "voicemail", "caller_number": "07700 900123"},
        received_at=RECEIVED,
        owner=owner,
        customer=CustomerFactory(name="Gwen Jones", **customer) if customer else None,
    )


def callback_message(case, advisor, callback_at=TUESDAY_AFTERNOON):
    voicemail_acknowledge(case=case, actor=advisor, callback_at=callback_at, now=NOW)
    return OutboundMessage.objects.get(case=case, purpose=Purpose.CALLBACK)


def test_the_default_wording_exists_in_both_languages_for_every_method():
    templates = MessageTemplate.objects.filter(purpose=Purpose.CALLBACK, standard=None)
    assert sorted(templates.values_list("method", flat=True)) == ["email", "letter", "sms"]
    for template in templates:
        assert template.body_cy and template.body_en
        assert "neges llais" in template.body_cy and "voicemail" in template.body_en


def test_an_english_e_mail_says_the_time_and_day_and_is_signed(service, advisor):
    case = voicemail_for(
        service,
        advisor,
        email="gwen@example.com",
        preferred_language="en",
        preferred_contact_method="email",
    )

    message = callback_message(case, advisor)

    assert (message.method, message.language) == ("email", "en")
    assert message.subject == f"Thank you for your voicemail – {case.reference}"
    assert message.body.startswith(
        "Dear Gwen Jones,\n\nThank you for your voicemail. Your reference is "
        f"{case.reference}.\n\nWe will call you back at 14:30 on Tuesday 10 March 2026.\n\n"
    )
    assert advisor.email in message.body  # the officer's signature


def test_a_welsh_e_mail_says_it_in_welsh(service, advisor):
    case = voicemail_for(
        service,
        advisor,
        email="gwen@example.com",
        preferred_language="cy",
        preferred_contact_method="email",
    )

    message = callback_message(case, advisor)

    assert message.language == "cy"
    assert message.subject == f"Diolch am eich neges llais – {case.reference}"
    assert (
        "Annwyl Gwen Jones,\n\nDiolch am eich neges llais. Eich cyfeirnod yw "
        f"{case.reference}.\n\nByddwn yn eich ffonio'n ôl am 14:30, Dydd Mawrth 10 Mawrth 2026."
    ) in message.body


def test_without_a_time_the_text_says_by_the_end_of_the_next_working_day(service, advisor):
    case = voicemail_for(service, advisor, email="", phone="07700 900123")

    message = callback_message(case, advisor, callback_at=None)

    # No preference recorded: both languages, Welsh first.
    assert (message.method, message.language) == ("sms", "cy+en")
    assert message.body == (
        f"Diolch am eich neges llais ({case.reference}). Byddwn yn eich ffonio'n ôl erbyn "
        "diwedd Dydd Iau 5 Mawrth 2026.\n\n"
        f"Thank you for your voicemail ({case.reference}). We will call you back by the end of "
        "Thursday 5 March 2026."
    )


def test_once_sent_the_timeline_names_it_a_callback_time(service, advisor):
    case = voicemail_for(
        service,
        advisor,
        email="gwen@example.com",
        preferred_language="en",
        preferred_contact_method="email",
    )
    message = callback_message(case, advisor)

    messages_deliver(message_ids=[message.pk], now=NOW)

    sent = CaseEvent.objects.filter(case=case).order_by("id").last()
    assert sent.kind == EventKind.CALLBACK_NOTICE_SENT
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.REPLY_SENT).exists()


def test_messaging_listens_for_acknowledged_voicemails():
    assert messaging_voicemail.on_voicemail_acknowledged in (
        hooks.voicemail_acknowledged.registered()
    )


# --- The colleague covering -------------------------------------------------------------------


def test_the_colleague_covering_is_told_in_their_language(service, advisor, team):
    cover = UserFactory(
        team=team,
        username="cover",
        first_name="Dafydd",
        last_name="Evans",
        email="dafydd@example.gov.wales",
        preferred_language="cy",
    )
    advisor.first_name, advisor.last_name = "Siân", "Hughes"
    advisor.save(update_fields=["first_name", "last_name"])
    Absence.objects.create(
        user=advisor, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 6), cover=cover
    )

    case = voicemail_for(service, advisor)

    (notice,) = OutboundMessage.objects.filter(case=case, purpose=Purpose.COVER_NOTICE)
    assert (notice.recipient_kind, notice.person, notice.recipient, notice.language) == (
        RecipientKind.STAFF,
        cover,
        "dafydd@example.gov.wales",
        "cy",
    )
    assert notice.subject == (
        f"Neges llais i Siân Hughes i'w chydnabod tra byddant i ffwrdd: {case.reference}"
    )
    assert notice.body.startswith(
        "Annwyl Dafydd Evans,\n\nGadawyd neges llais i Siân Hughes, sydd i ffwrdd. Rydych wedi'ch "
        "cofnodi fel yr un sy'n cyflenwi drostynt, felly chi sydd i gydnabod achos "
        f"{case.reference}.\n\nCydnabyddwch hi erbyn Dydd Iau 5 Mawrth 2026, 17:00, gan ddweud "
        "wrth y galwr pryd y byddwch yn ffonio'n ôl."
    )


def test_nobody_is_told_when_the_voicemail_waits_for_the_officer(service, advisor):
    Absence.objects.create(user=advisor, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 6))

    case = voicemail_for(service, advisor)

    assert not OutboundMessage.objects.filter(case=case, purpose=Purpose.COVER_NOTICE).exists()


def test_nobody_is_told_when_the_officer_is_at_work(service, advisor, team):
    cover = UserFactory(team=team, username="cover", email="cover@example.gov.wales")
    Absence.objects.create(
        user=advisor, starts_on=date(2026, 4, 13), ends_on=date(2026, 4, 17), cover=cover
    )

    case = voicemail_for(service, advisor)

    assert not OutboundMessage.objects.filter(case=case, purpose=Purpose.COVER_NOTICE).exists()
