"""Acknowledging a voicemail with the callback it promises (SPEC §10): the acknowledgement met,
the callback milestone made by the one writer, the timeline in both languages, the caller told;
bad input refused per field with nothing changed. The pure rule is tested in
tests/standards/domain/test_voicemail.py.

Wednesday 4 March 2026 is GMT (17:00 local is 17:00 UTC); Saturday 7 March is a weekend.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from contacts import policies
from contacts.models import CaseEvent, EventKind, Milestone
from contacts.presenters import timeline_items
from contacts.services import voicemail_acknowledge
from messaging.models import OutboundMessage, Purpose
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 4, 14, tzinfo=UTC)
VOICEMAIL = {"contact_type": "voicemail", "caller_number": "07700 900123"}


@pytest.fixture
def voicemail(service, advisor):
    customer = CustomerFactory(phone="07700 900123", email="", preferred_language="cy")
    return make_case(
        service=service,
        channel="phone",
        details=VOICEMAIL,
        received_at=RECEIVED,
        owner=advisor,
        customer=customer,
    )


def acknowledge(case, advisor, callback_at=None):
    return voicemail_acknowledge(case=case, actor=advisor, callback_at=callback_at, now=NOW)


def state(case):
    return (
        sorted(Milestone.objects.filter(case=case).values_list("kind", "state", "due_at")),
        CaseEvent.objects.filter(case=case).count(),
        OutboundMessage.objects.filter(case=case).exclude(purpose=Purpose.ACKNOWLEDGEMENT).count(),
        type(case).objects.get(pk=case.pk).status,
    )


def test_without_a_time_the_callback_is_by_the_end_of_the_next_working_day(voicemail, advisor):
    callback = acknowledge(voicemail, advisor)

    acknowledged = Milestone.objects.get(case=voicemail, kind="acknowledge")
    assert (acknowledged.state, acknowledged.met_at) == ("met", NOW)
    assert (callback.kind, callback.rule, callback.state) == ("callback", "at_scheduled", "pending")
    assert (callback.starts_at, callback.due_at) == (NOW, datetime(2026, 3, 5, 17, tzinfo=UTC))
    event = CaseEvent.objects.get(case=voicemail, kind=EventKind.VOICEMAIL_ACKNOWLEDGED)
    assert event.payload == {"callback_at": "2026-03-05T17:00Z", "agreed": False}
    assert (event.actor, event.milestone) == (advisor, callback)
    voicemail.refresh_from_db()
    assert voicemail.status == "acknowledged"
    assert voicemail.next_due_at == callback.due_at


def test_a_time_given_is_when_the_callback_is_due(voicemail, advisor):
    tuesday = datetime(2026, 3, 10, 14, 30, tzinfo=LONDON)

    callback = acknowledge(voicemail, advisor, tuesday)

    assert callback.due_at == tuesday
    event = CaseEvent.objects.get(case=voicemail, kind=EventKind.VOICEMAIL_ACKNOWLEDGED)
    assert event.payload == {"callback_at": "2026-03-10T14:30Z", "agreed": True}


def test_the_caller_is_told_by_text_in_welsh(voicemail, advisor):
    acknowledge(voicemail, advisor, datetime(2026, 3, 10, 14, 30, tzinfo=LONDON))

    (message,) = OutboundMessage.objects.filter(case=voicemail, purpose=Purpose.CALLBACK)
    assert (message.method, message.language, message.recipient) == ("sms", "cy", "07700 900123")
    assert message.body == (
        f"Diolch am eich neges llais ({voicemail.reference}). Byddwn yn eich ffonio'n ôl am "
        "14:30, Dydd Mawrth 10 Mawrth 2026."
    )


def test_a_caller_with_a_landline_only_is_acknowledged_without_a_message(service, advisor):
    case = make_case(
        service=service,
        channel="phone",
        details={"contact_type": "voicemail", "caller_number": "029 2087 2087"},
        received_at=RECEIVED,
        owner=advisor,
    )

    acknowledge(case, advisor)

    assert Milestone.objects.get(case=case, kind="acknowledge").state == "met"
    assert not OutboundMessage.objects.filter(case=case, purpose=Purpose.CALLBACK).exists()


@pytest.mark.parametrize(
    ("callback_at", "error"),
    [
        (
            datetime(2026, 3, 7, 11, tzinfo=LONDON),
            "Saturday 7 March 2026 is not a working day. Choose a working day for the callback.",
        ),
        (
            datetime(2026, 4, 6, 11, tzinfo=LONDON),
            "Monday 6 April 2026 is not a working day. Choose a working day for the callback.",
        ),
        (
            datetime(2026, 3, 5, 19, tzinfo=LONDON),
            "19:00 is outside business hours (09:00 to 17:00). Choose a time within them for "
            "the callback.",
        ),
        (datetime(2026, 3, 4, 11, tzinfo=LONDON), "The callback must be at a time still to come."),
        (
            datetime(2027, 3, 10, 11, tzinfo=LONDON),
            "The callback must be within a year from now.",
        ),
        (datetime(2026, 3, 10, 11), "Give the time with its UTC offset."),
    ],
    ids=["saturday", "easter-monday", "evening", "past", "too-far", "naive"],
)
def test_a_time_that_cannot_be_promised_is_refused_and_nothing_changes(
    voicemail, advisor, callback_at, error
):
    before = state(voicemail)

    with pytest.raises(ValidationError) as refused:
        acknowledge(voicemail, advisor, callback_at)

    assert refused.value.message_dict == {"callback_at": [error]}
    assert state(voicemail) == before


def test_the_refusal_is_in_welsh_for_a_welsh_officer(voicemail, advisor):
    with translation.override("cy"), pytest.raises(ValidationError) as refused:
        acknowledge(voicemail, advisor, datetime(2026, 3, 7, 11, tzinfo=LONDON))

    assert refused.value.message_dict["callback_at"] == [
        "Nid yw Dydd Sadwrn 7 Mawrth 2026 yn ddiwrnod gwaith. Dewiswch ddiwrnod gwaith ar "
        "gyfer yr alwad yn ôl."
    ]


def test_a_case_that_is_not_a_voicemail_is_refused(service, advisor):
    case = make_case(service=service, received_at=RECEIVED, owner=advisor)
    before = state(case)

    with pytest.raises(ValidationError) as refused:
        acknowledge(case, advisor)

    assert refused.value.message_dict == {
        "case": ["Only a voicemail is acknowledged with a callback time."]
    }
    assert state(case) == before
    assert "voicemail" not in policies.case_actions(advisor, case)


def test_a_voicemail_is_acknowledged_once(voicemail, advisor):
    assert "voicemail" in policies.case_actions(advisor, voicemail)
    acknowledge(voicemail, advisor)
    before = state(voicemail)

    with pytest.raises(ValidationError) as refused:
        acknowledge(voicemail, advisor, datetime(2026, 3, 10, 11, tzinfo=LONDON))

    assert refused.value.message_dict == {"case": ["This voicemail has already been acknowledged."]}
    assert state(voicemail) == before
    assert "voicemail" not in policies.case_actions(
        advisor, type(voicemail).objects.prefetch_related("milestones").get(pk=voicemail.pk)
    )


def test_the_timeline_says_when_in_both_languages(voicemail, advisor):
    acknowledge(voicemail, advisor, datetime(2026, 3, 10, 14, 30, tzinfo=LONDON))
    events = list(voicemail.events.select_related("actor", "milestone").order_by("id"))
    (event,) = [e for e in events if e.kind == EventKind.VOICEMAIL_ACKNOWLEDGED]

    with translation.override("en"):
        (item,) = timeline_items(events=[event], parties={})
        assert (item.title, item.detail) == (
            "Voicemail acknowledged",
            "Callback at 10 March 2026, 14:30",
        )
    with translation.override("cy"):
        (item,) = timeline_items(events=[event], parties={})
        assert (item.title, item.detail) == (
            "Neges llais wedi'i chydnabod",
            "Galwad yn ôl am 10 Mawrth 2026, 14:30",
        )


def test_the_timeline_says_by_the_end_of_the_day_in_both_languages(voicemail, advisor):
    acknowledge(voicemail, advisor)
    event = voicemail.events.get(kind=EventKind.VOICEMAIL_ACKNOWLEDGED)

    with translation.override("en"):
        assert timeline_items(events=[event], parties={})[0].detail == (
            "Callback by the end of Thursday 5 March 2026"
        )
    with translation.override("cy"):
        assert timeline_items(events=[event], parties={})[0].detail == (
            "Galwad yn ôl erbyn diwedd Dydd Iau 5 Mawrth 2026"
        )
