"""An extension to a day the office does not work, or outside business hours, is refused unless
the officer confirms it on purpose (SPEC §10); the customer's notice is labelled on the
timeline as an extension notice, not as a reply."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from contacts.models import CaseEvent, EventKind, Milestone
from contacts.presenters import timeline_items
from contacts.services import milestone_extend
from messaging.delivery import messages_deliver
from messaging.models import OutboundMessage, Purpose
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)  # Monday; respond due Monday 16 March 17:00
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


@pytest.fixture
def case(service, advisor):
    customer = CustomerFactory(email="gwen@example.com", preferred_language="cy")
    return make_case(service=service, received_at=RECEIVED, owner=advisor, customer=customer)


def extend(case, advisor, due_at, **kwargs):
    return milestone_extend(
        case=case,
        kind="respond",
        new_due_at=due_at,
        reason="Awaiting the contractor",
        actor=advisor,
        now=NOW,
        **kwargs,
    )


def state(case):
    return (
        list(Milestone.objects.filter(case=case).values_list("kind", "due_at", "revision")),
        CaseEvent.objects.filter(case=case).count(),
        OutboundMessage.objects.filter(case=case).count(),
    )


@pytest.mark.parametrize(
    ("due_at", "error"),
    [
        (
            datetime(2026, 3, 21, 10, tzinfo=LONDON),
            "Saturday 21 March 2026 is not a working day. Choose a working day, or tick “I mean "
            "this date” if it is what you intend.",
        ),
        (
            datetime(2026, 4, 6, 12, tzinfo=LONDON),
            "Monday 6 April 2026 is not a working day. Choose a working day, or tick “I mean "
            "this date” if it is what you intend.",
        ),
        (
            datetime(2026, 3, 17, 19, tzinfo=LONDON),
            "19:00 is outside business hours (09:00 to 17:00). Choose a time within them, or "
            "tick “I mean this date” if it is what you intend.",
        ),
        (
            datetime(2026, 3, 17, 8, 30, tzinfo=LONDON),
            "08:30 is outside business hours (09:00 to 17:00). Choose a time within them, or "
            "tick “I mean this date” if it is what you intend.",
        ),
    ],
)
def test_a_time_the_office_does_not_work_is_refused_and_nothing_changes(
    case, advisor, due_at, error
):
    before = state(case)

    with pytest.raises(ValidationError) as refused:
        extend(case, advisor, due_at)

    assert refused.value.message_dict == {"due_at": [error]}
    assert state(case) == before


def test_the_refusal_is_in_welsh_for_a_welsh_officer(case, advisor):
    with translation.override("cy"), pytest.raises(ValidationError) as refused:
        extend(case, advisor, datetime(2026, 12, 26, 10, tzinfo=LONDON))

    assert refused.value.message_dict["due_at"] == [
        "Nid yw Dydd Sadwrn 26 Rhagfyr 2026 yn ddiwrnod gwaith. Dewiswch ddiwrnod gwaith, neu "
        "ticiwch “Dyma'r dyddiad rwy'n ei olygu” os dyna a fwriadwch."
    ]


def test_a_confirmed_saturday_is_accepted(case, advisor):
    saturday = datetime(2026, 3, 21, 10, tzinfo=LONDON)

    milestone = extend(case, advisor, saturday, out_of_hours_confirmed=True)

    assert milestone.due_at == saturday


@pytest.mark.parametrize(
    "due_at",
    [datetime(2026, 3, 17, 17, tzinfo=LONDON), datetime(2026, 3, 17, 9, tzinfo=LONDON)],
    ids=["closing-time", "opening-time"],
)
def test_working_time_needs_no_confirmation(case, advisor, due_at):
    assert extend(case, advisor, due_at).due_at == due_at


def test_the_notice_is_labelled_an_extension_notice_in_both_languages(case, advisor):
    extend(case, advisor, datetime(2026, 3, 20, 17, tzinfo=LONDON))
    (notice,) = OutboundMessage.objects.filter(case=case, purpose=Purpose.EXTENSION)

    messages_deliver(message_ids=[notice.pk], now=NOW)

    event = CaseEvent.objects.filter(case=case).order_by("id").last()
    assert event.kind == EventKind.EXTENSION_NOTICE_SENT
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.REPLY_SENT).exists()
    events = list(case.events.select_related("actor", "milestone"))
    with translation.override("en"):
        assert timeline_items(events=events, parties={})[-1].title == "Extension notice sent"
    with translation.override("cy"):
        assert (
            timeline_items(events=events, parties={})[-1].title == "Hysbysiad estyniad wedi'i anfon"
        )
