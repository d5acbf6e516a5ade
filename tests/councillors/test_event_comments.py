"""Councillors comment on the calendar entries of their wards; the officer who owns the entry
answers. Both go on the entry's history (its one writer), and each is told once through the
one outbox: the officer of a comment, the councillor of the answer."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from councillors.history import event_record
from councillors.models import EventRecordKind, WardEvent, WardEventRecord
from councillors.notices import ward_event_comment_notice_owe
from councillors.services import (
    NotTheOwner,
    ward_event_answer,
    ward_event_comment,
    ward_event_create,
    ward_event_delay,
)
from messaging.models import OutboundMessage, Purpose, RecipientKind

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
START = datetime(2026, 5, 6, 8, 0, tzinfo=UTC)  # inside the notice period: announced at once


@pytest.fixture
def works(advisor, llanfair, cllr_jones, cllr_evans, cllr_other) -> WardEvent:
    return ward_event_create(
        actor=advisor,
        wards=[llanfair],
        kind="planned_works",
        title_cy="Resurfacing Stryd Fawr",
        title_en="Resurfacing Stryd Fawr",
        location="Stryd Fawr, Llanfair",
        starts_at=START,
        ends_at=START + timedelta(hours=8),
        responsible="Highways, Gareth Lloyd",
        effect_cy="The road is closed to traffic; buses divert.",
        effect_en="The road is closed to traffic; buses divert.",
        now=NOW,
    )


def history(event: WardEvent) -> list[tuple[str, str, str]]:
    return [
        (line.kind, line.actor.username if line.actor else "", line.text)
        for line in WardEventRecord.objects.filter(event=event).select_related("actor")
    ]


def test_a_councillor_comments_and_the_owning_officer_is_told_once(works, cllr_jones, advisor):
    comment = ward_event_comment(
        event=works,
        councillor=cllr_jones,
        text="  The school's buses use Stryd Fawr at 8:30; could work start at 9?  ",
        now=NOW + timedelta(hours=1),
    )
    assert history(works) == [
        ("recorded", "advisor", ""),
        (
            "comment",
            "cllr-jones",
            "The school's buses use Stryd Fawr at 8:30; could work start at 9?",
        ),
    ]
    told = OutboundMessage.objects.get(purpose=Purpose.MEMBER_COMMENT)
    assert told.key == f"ward-event-comment:{comment.pk}:user:{advisor.pk}"
    assert (told.recipient_kind, told.recipient, told.method, told.language) == (
        RecipientKind.STAFF,
        "advisor@example.gov.wales",
        "email",
        "en",
    )
    assert told.subject == "A councillor commented on: Resurfacing Stryd Fawr"
    assert "could work start at 9?" in told.body
    assert f"http://localhost:8000/en/members-calendar/{works.pk}/" in told.body
    # No personal data in the link: the entry's number only.
    assert "cllr" not in told.body.split("http://localhost:8000")[1].split()[0]


def test_the_officer_answers_and_the_councillor_is_told_in_their_language(
    works, cllr_jones, advisor
):
    comment = ward_event_comment(
        event=works, councillor=cllr_jones, text="Could work start at 9?", now=NOW
    )
    answer = ward_event_answer(
        comment=comment,
        officer=advisor,
        text="Yes: the crew will start at 9:15 on school days.",
        now=NOW + timedelta(hours=2),
    )
    assert answer.in_reply_to == comment
    assert history(works)[-1] == (
        "answer",
        "advisor",
        "Yes: the crew will start at 9:15 on school days.",
    )
    told = OutboundMessage.objects.get(key=f"ward-event-answer:{answer.pk}:user:{cllr_jones.pk}")
    assert (told.recipient_kind, told.purpose, told.language) == (
        RecipientKind.MEMBER,
        Purpose.MEMBER_NOTICE,
        "cy",
    )
    assert told.subject == "Atebwyd eich sylw: Resurfacing Stryd Fawr"
    assert "the crew will start at 9:15" in told.body
    assert f"http://localhost:8000/cy/my-calendar/{works.pk}/" in told.body


def test_nothing_is_told_twice_however_often_the_owing_runs(works, cllr_jones, advisor):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="A comment", now=NOW)
    ward_event_comment_notice_owe(comment=comment, now=NOW)
    ward_event_comment_notice_owe(comment=comment, now=NOW + timedelta(minutes=1))
    assert OutboundMessage.objects.filter(purpose=Purpose.MEMBER_COMMENT).count() == 1


def test_a_councillor_of_another_ward_cannot_comment(works, cllr_other):
    with pytest.raises(ValidationError) as refused:
        ward_event_comment(event=works, councillor=cllr_other, text="Mine too?", now=NOW)
    assert refused.value.messages == ["You can comment only on the calendar entries of your wards."]
    assert not WardEventRecord.objects.filter(kind=EventRecordKind.COMMENT).exists()
    assert not OutboundMessage.objects.filter(purpose=Purpose.MEMBER_COMMENT).exists()


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_comment_is_refused_and_changes_nothing(works, cllr_jones, text):
    with pytest.raises(ValidationError) as refused:
        ward_event_comment(event=works, councillor=cllr_jones, text=text, now=NOW)
    assert refused.value.message_dict == {"text": ["Write your comment."]}
    assert len(history(works)) == 1


def test_only_the_owning_officer_answers(works, cllr_jones, team):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="A comment", now=NOW)
    with pytest.raises(NotTheOwner):
        ward_event_answer(comment=comment, officer=team.manager, text="I manage them", now=NOW)
    assert not WardEventRecord.objects.filter(kind=EventRecordKind.ANSWER).exists()
    assert not OutboundMessage.objects.filter(key__startswith="ward-event-answer:").exists()


def test_a_councillor_who_left_the_ward_is_not_told_of_the_answer(
    works, cllr_jones, advisor, llanfair
):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="A comment", now=NOW)
    llanfair.councillors.remove(cllr_jones)
    ward_event_answer(comment=comment, officer=advisor, text="Answered", now=NOW)
    assert history(works)[-1][0] == "answer"
    assert not OutboundMessage.objects.filter(key__startswith="ward-event-answer:").exists()


def test_officers_changes_are_on_the_history_too(works, advisor):
    ward_event_delay(
        event=works,
        actor=advisor,
        reason="The contractor's plant is needed elsewhere.",
        starts_at=START + timedelta(days=7),
        ends_at=START + timedelta(days=7, hours=8),
        now=NOW,
    )
    assert history(works) == [
        ("recorded", "advisor", ""),
        ("delayed", "advisor", "The contractor's plant is needed elsewhere."),
    ]


def test_the_writer_refuses_an_answer_to_anything_but_a_comment_on_the_entry(works, advisor):
    recorded = WardEventRecord.objects.get(event=works)
    with pytest.raises(ValueError):
        event_record(
            event=works, kind=EventRecordKind.ANSWER, actor=advisor, now=NOW, in_reply_to=recorded
        )
    with pytest.raises(ValueError):
        event_record(event=works, kind=EventRecordKind.ANSWER, actor=advisor, now=NOW)
