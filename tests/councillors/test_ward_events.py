"""The Members' Events Calendar: the ward's councillors are told in advance (the notice
period), and again on every change, delay and completion; each notice once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from councillors.models import WardEvent
from councillors.services import (
    ward_event_cancel,
    ward_event_change,
    ward_event_complete,
    ward_event_create,
    ward_event_delay,
    ward_events_announce,
)
from tests.member_messages import member_messages, member_messages_send

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
START = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)  # 45 days on: outside the 14-day notice


def works(*, actor, wards, starts_at=START, now=NOW) -> WardEvent:
    return ward_event_create(
        actor=actor,
        wards=wards,
        kind="planned_works",
        title_cy="Resurfacing Stryd Fawr",
        title_en="Resurfacing Stryd Fawr",
        location="Stryd Fawr, Llanfair",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=8),
        responsible="Highways, Gareth Lloyd",
        effect_cy="The road is closed to traffic; buses divert.",
        effect_en="The road is closed to traffic; buses divert.",
        now=now,
    )


def told() -> set[tuple[str, str]]:
    """(councillor, notice) of every message owed."""
    return {
        (username, key.split(":")[3])
        for key, username in member_messages().values_list("key", "person__username")
    }


@pytest.fixture
def councillors(cllr_jones, cllr_evans, cllr_other):
    return cllr_jones, cllr_evans, cllr_other


def test_works_far_ahead_are_announced_when_the_notice_period_begins(
    advisor, llanfair, councillors
):
    event = works(actor=advisor, wards=[llanfair])
    assert event.announced_at is None and not member_messages().exists()
    assert ward_events_announce(now=NOW) == 0
    notice_begins = START - timedelta(days=14)
    assert ward_events_announce(now=notice_begins - timedelta(minutes=1)) == 0
    assert ward_events_announce(now=notice_begins) == 1
    # Only Llanfair's councillors, each once.
    assert told() == {("cllr-jones", "announced"), ("cllr-evans", "announced")}
    assert WardEvent.objects.get().announced_at == notice_begins
    # A second run (or a second worker) owes nothing more.
    assert ward_events_announce(now=notice_begins + timedelta(minutes=5)) == 0
    assert member_messages().count() == 2


def test_the_notice_period_is_configurable(advisor, llanfair, councillors, settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "WARD_NOTICE_DAYS": 60}
    works(actor=advisor, wards=[llanfair])
    assert WardEvent.objects.get().announced_at == NOW
    assert member_messages().count() == 2


def test_works_inside_the_notice_period_are_announced_at_once(
    advisor, llanfair, rhuthun, councillors
):
    event = works(actor=advisor, wards=[llanfair, rhuthun], starts_at=NOW + timedelta(days=3))
    assert event.announced_at == NOW
    # Cllr Evans represents both wards and is told once.
    assert told() == {
        ("cllr-jones", "announced"),
        ("cllr-evans", "announced"),
        ("cllr-other", "announced"),
    }
    message = member_messages().get(person__username="cllr-evans")
    assert (message.method, message.recipient) == ("sms", "07700 900123")
    assert "Resurfacing Stryd Fawr" in message.subject
    assert "The road is closed to traffic; buses divert." in message.body


def test_a_change_is_told_again_and_raises_the_sequence(advisor, llanfair, councillors):
    event = works(actor=advisor, wards=[llanfair], starts_at=NOW + timedelta(days=3))
    event = ward_event_change(
        event=event, actor=advisor, location="Ffordd yr Orsaf, Llanfair", now=NOW
    )
    assert (event.sequence, event.location) == (1, "Ffordd yr Orsaf, Llanfair")
    assert told() == {
        ("cllr-jones", "announced"),
        ("cllr-evans", "announced"),
        ("cllr-jones", "changed"),
        ("cllr-evans", "changed"),
    }


def test_a_change_before_anyone_was_told_waits_for_the_notice(advisor, llanfair, councillors):
    event = works(actor=advisor, wards=[llanfair])
    ward_event_change(event=event, actor=advisor, title_en="Resurfacing and kerbs", now=NOW)
    assert not member_messages().exists()
    assert WardEvent.objects.get().sequence == 1


def test_a_delay_gives_the_reason_and_the_new_dates(advisor, llanfair, councillors):
    event = works(actor=advisor, wards=[llanfair], starts_at=NOW + timedelta(days=3))
    later = NOW + timedelta(days=10)
    event = ward_event_delay(
        event=event,
        actor=advisor,
        reason="The asphalt plant is closed.",
        starts_at=later,
        ends_at=later + timedelta(hours=8),
        now=NOW,
    )
    assert (event.status, event.delay_reason, event.starts_at) == (
        "delayed",
        "The asphalt plant is closed.",
        later,
    )
    delayed = member_messages().filter(key__contains=":delayed:")
    assert delayed.count() == 2
    assert all("The asphalt plant is closed." in m.body for m in delayed)


@pytest.mark.parametrize(
    ("reason", "shift", "field"),
    [("", timedelta(days=1), "reason"), ("Rain", timedelta(0), "starts_at")],
)
def test_a_delay_needs_a_reason_and_a_later_time(advisor, llanfair, reason, shift, field):
    event = works(actor=advisor, wards=[llanfair])
    with pytest.raises(ValidationError) as refused:
        ward_event_delay(
            event=event,
            actor=advisor,
            reason=reason,
            starts_at=START + shift,
            ends_at=START + shift + timedelta(hours=8),
            now=NOW,
        )
    assert list(refused.value.message_dict) == [field]
    assert WardEvent.objects.get().status == "planned"


def test_completion_is_told_and_ends_the_entrys_changes(advisor, llanfair, councillors):
    event = works(actor=advisor, wards=[llanfair], starts_at=NOW + timedelta(days=3))
    ward_event_complete(event=event, actor=advisor, now=NOW + timedelta(days=4))
    assert member_messages().filter(key__contains=":completed:").count() == 2
    with pytest.raises(ValidationError):
        ward_event_change(event=event, actor=advisor, title_en="Again", now=NOW)


def test_cancelling_needs_a_reason_and_tells_those_who_were_told(advisor, llanfair, councillors):
    event = works(actor=advisor, wards=[llanfair], starts_at=NOW + timedelta(days=3))
    with pytest.raises(ValidationError):
        ward_event_cancel(event=event, actor=advisor, reason=" ", now=NOW)
    ward_event_cancel(event=event, actor=advisor, reason="Funding withdrawn.", now=NOW)
    event.refresh_from_db()
    assert (event.status, event.sequence) == ("cancelled", 1)
    assert member_messages().filter(key__contains=":cancelled:").count() == 2


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "wards", "field"),
    [
        (START, START - timedelta(hours=1), True, "ends_at"),
        (NOW - timedelta(days=2), NOW - timedelta(days=1), True, "ends_at"),
        (START, START + timedelta(hours=1), False, "wards"),
    ],
)
def test_an_entry_needs_sensible_times_and_a_ward(
    advisor, llanfair, starts_at, ends_at, wards, field
):
    with pytest.raises(ValidationError) as refused:
        ward_event_create(
            actor=advisor,
            wards=[llanfair] if wards else [],
            kind="event",
            title_cy="Fun day",
            title_en="Fun day",
            location="Park",
            starts_at=starts_at,
            ends_at=ends_at,
            responsible="Leisure",
            effect_cy="Parking is busy.",
            effect_en="Parking is busy.",
            now=NOW,
        )
    assert field in refused.value.message_dict
    assert not WardEvent.objects.exists()


def test_the_beat_tasks_announce_and_send(advisor, llanfair, councillors, mailoutbox, settings):
    from django.utils import timezone

    from councillors import tasks

    now = timezone.now()
    works(actor=advisor, wards=[llanfair], starts_at=now + timedelta(days=30), now=now)
    assert tasks.ward_event_notices.apply().get() == 0
    settings.CYSWLLT = {**settings.CYSWLLT, "WARD_NOTICE_DAYS": 60}
    assert tasks.ward_event_notices.apply().get() == 1
    assert tasks.ward_event_notices.apply().get() == 0
    assert member_messages_send() == 2
    assert [mail.to for mail in mailoutbox] == [["cllr-jones@example.gov.wales"]]
