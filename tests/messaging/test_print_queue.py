"""The print queue: each service's letters waiting to be posted, and marking them posted, which
sends them as far as the case is concerned, once, however often or concurrently it is asked."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Role, User
from contacts.models import Case, CaseEvent, Milestone
from messaging import print_queue
from messaging.models import OutboundMessage
from messaging.print_queue import (
    letter_get,
    letter_mark_posted,
    letters_mark_posted,
    letters_to_post,
)
from tests.confidential import COMPLAINANT, complaint_cast, complaint_naming
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case
from tests.letters import (
    ADDRESS,
    POSTCODE,
    RECEIVED,
    letter_case,
    letter_customer,
    printed_letter,
    webform_letter_case,
)

pytestmark = pytest.mark.django_db

PRINTED = RECEIVED + timedelta(hours=1)
POSTED = RECEIVED + timedelta(hours=3)  # the acknowledgement is due 24 hours after receipt
LATER = RECEIVED + timedelta(hours=4)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def other_advisor(db) -> User:
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    return UserFactory(role=Role.ADVISOR, team=TeamFactory(service=highways))


def owed_letter(service, *, minutes: int, state: str = "to_post") -> OutboundMessage:
    """A letter owed for a new case, in ``state``, without rendering it (the queue reads rows)."""
    customer = letter_customer(name=f"Resident {minutes}", address=f"{minutes} Stryd Fawr\nRhuthun")
    case = letter_case(
        service=service, customer=customer, received_at=RECEIVED + timedelta(minutes=minutes)
    )
    OutboundMessage.objects.filter(case=case).update(state=state)
    return OutboundMessage.objects.get(case=case)


def ids(letters) -> list[int]:
    return [letter.pk for letter in letters]


def web_form_letter(service) -> OutboundMessage:
    """A printed letter acknowledging a web form: its milestone waits for the posting."""
    customer = letter_customer(preferred_contact_method="letter")
    return printed_letter(webform_letter_case(service=service, customer=customer), at=PRINTED)


def reply_events(case_id: int) -> list[tuple]:
    return list(
        CaseEvent.objects.filter(case_id=case_id, kind="reply_sent").values_list(
            "created_at", "actor_id", "text"
        )
    )


def test_staff_see_their_own_service_s_letters_waiting_oldest_first(
    service, advisor, other_advisor, administrator
):
    newer = owed_letter(service, minutes=20)
    older = owed_letter(service, minutes=10)
    elsewhere = owed_letter(other_advisor.team.service, minutes=5)
    owed_letter(service, minutes=1, state="sent")
    owed_letter(service, minutes=2, state="queued")
    councillor = UserFactory(role=Role.COUNCILLOR, team=None)
    clerk = UserFactory(role=Role.CLERK, team=None)
    no_team = UserFactory(role=Role.ADVISOR, team=None)

    assert ids(letters_to_post(user=advisor)) == [older.pk, newer.pk]
    assert ids(letters_to_post(user=other_advisor)) == [elsewhere.pk]
    assert ids(letters_to_post(user=administrator)) == [elsewhere.pk, older.pk, newer.pk]
    assert ids(letters_to_post(user=councillor)) == []
    assert ids(letters_to_post(user=clerk)) == []
    assert ids(letters_to_post(user=no_team)) == []


def test_e_mails_and_texts_are_never_in_the_print_queue(service, administrator):
    make_case(service=service)  # an e-mail acknowledgement
    OutboundMessage.objects.update(state="to_post")

    assert ids(letters_to_post(user=administrator)) == []


def test_reading_the_queue_costs_the_same_however_many_letters_wait(service, advisor):
    def cost() -> int:
        user = User.objects.get(pk=advisor.pk)
        with CaptureQueriesContext(connection) as queries:
            shown = [
                (case.reference, case.service.code, letter.posted_by)
                for letter in letters_to_post(user=user)
                if (case := letter.case) is not None
            ]
        assert shown
        return len(queries)

    owed_letter(service, minutes=1)
    one = cost()
    for minutes in (2, 3, 4):
        owed_letter(service, minutes=minutes)

    assert (one, cost()) == (2, 2)  # the user's team, then the letters with their cases


def test_posting_a_letter_sends_it_and_meets_the_acknowledgement(service, advisor):
    letter = web_form_letter(service)
    acknowledge = Milestone.objects.get(case_id=letter.case_id, kind="acknowledge")
    assert (acknowledge.state, acknowledge.met_at) == ("pending", None)

    assert letter_mark_posted(message_id=letter.pk, by=advisor, at=POSTED, now=LATER) is True

    letter.refresh_from_db()
    assert (letter.state, letter.posted_at, letter.posted_by, letter.sent_at) == (
        "sent",
        POSTED,
        advisor,
        POSTED,
    )
    acknowledge.refresh_from_db()
    assert (acknowledge.state, acknowledge.met_at) == ("met", POSTED)
    assert reply_events(letter.case_id) == [(POSTED, None, f"{letter.subject}\n\n{letter.body}")]
    assert Case.objects.get(pk=letter.case_id).status == "acknowledged"


def test_a_letter_posted_after_the_deadline_meets_the_acknowledgement_late(service, advisor):
    letter = web_form_letter(service)
    posted = RECEIVED + timedelta(hours=30)

    letter_mark_posted(message_id=letter.pk, by=advisor, at=posted, now=posted)

    acknowledge = Milestone.objects.get(case_id=letter.case_id, kind="acknowledge")
    assert (acknowledge.state, acknowledge.met_at) == ("met_late", posted)


def test_posting_a_reply_to_a_letter_acknowledges_the_case(service, advisor):
    """The standard for letters promises a reply, not an acknowledgement: the case moves on
    and the reply milestone is left for the full answer."""
    case = letter_case(service=service, customer=letter_customer(preferred_language="cy"))
    letter = printed_letter(case, at=PRINTED)

    letter_mark_posted(message_id=letter.pk, by=advisor, at=POSTED, now=LATER)

    assert Case.objects.get(pk=case.pk).status == "acknowledged"
    assert list(Milestone.objects.filter(case=case).values_list("kind", "state")) == [
        ("respond", "pending")
    ]
    assert len(reply_events(case.pk)) == 1


def test_posting_twice_records_the_first_posting_once(service, advisor, administrator):
    letter = web_form_letter(service)
    letter_mark_posted(message_id=letter.pk, by=advisor, at=POSTED, now=LATER)

    again = letter_mark_posted(
        message_id=letter.pk, by=administrator, at=POSTED + timedelta(minutes=30), now=LATER
    )

    assert again is False
    letter.refresh_from_db()
    assert (letter.posted_at, letter.posted_by, letter.sent_at) == (POSTED, advisor, POSTED)
    assert [when for when, _, _ in reply_events(letter.case_id)] == [POSTED]
    assert Milestone.objects.get(case_id=letter.case_id, kind="acknowledge").met_at == POSTED


@pytest.mark.parametrize(
    ("at", "language", "error"),
    [
        (LATER + timedelta(minutes=3), "en", "The time of posting cannot be in the future."),
        (LATER + timedelta(minutes=3), "cy", "Ni all yr amser postio fod yn y dyfodol."),
        (PRINTED - timedelta(minutes=1), "en", "A letter cannot be posted before it was printed."),
        (
            PRINTED - timedelta(minutes=1),
            "cy",
            "Ni ellir postio llythyr cyn iddo gael ei argraffu.",
        ),
    ],
)
def test_an_impossible_posting_time_is_refused_and_changes_nothing(
    service, advisor, at, language, error
):
    letter = web_form_letter(service)

    with translation.override(language), pytest.raises(ValidationError) as refused:
        letter_mark_posted(message_id=letter.pk, by=advisor, at=at, now=LATER)

    assert refused.value.message_dict == {"posted_at": [error]}
    letter.refresh_from_db()
    assert (letter.state, letter.posted_at, letter.posted_by, letter.sent_at) == (
        "to_post",
        None,
        None,
        None,
    )
    assert reply_events(letter.case_id) == []
    assert Milestone.objects.get(case_id=letter.case_id, kind="acknowledge").met_at is None


def test_a_posting_a_moment_ahead_of_our_clock_is_accepted(service, advisor):
    letter = web_form_letter(service)

    assert letter_mark_posted(
        message_id=letter.pk, by=advisor, at=LATER + timedelta(minutes=1), now=LATER
    )


def test_a_letter_not_printed_yet_cannot_be_posted(service, advisor):
    case = letter_case(service=service, customer=letter_customer())
    letter = OutboundMessage.objects.get(case=case)

    with pytest.raises(ValidationError) as refused:
        letter_mark_posted(message_id=letter.pk, by=advisor, at=POSTED, now=LATER)

    assert refused.value.message_dict == {
        "posted_at": ["This letter has not been printed yet, so it cannot be posted."]
    }
    letter.refresh_from_db()
    assert (letter.state, letter.posted_at) == ("queued", None)


def test_several_letters_are_posted_at_once_and_the_rest_left_alone(service, advisor):
    first = web_form_letter(service)
    second = printed_letter(
        letter_case(
            service=service, customer=letter_customer(name="Ann Hughes", address="2 Stryd Fawr")
        ),
        at=PRINTED,
    )
    posted_before = printed_letter(
        letter_case(
            service=service, customer=letter_customer(name="Ifan Rees", address="3 Stryd Fawr")
        ),
        at=PRINTED,
    )
    letter_mark_posted(message_id=posted_before.pk, by=advisor, at=PRINTED, now=PRINTED)
    make_case(service=service)
    email = OutboundMessage.objects.get(method="email")

    moved = letters_mark_posted(
        message_ids=[second.pk, email.pk, posted_before.pk, first.pk, 999_999],
        by=advisor,
        at=POSTED,
        now=LATER,
    )

    assert moved == sorted([first.pk, second.pk])
    states = dict(OutboundMessage.objects.values_list("pk", "state"))
    assert states == {
        first.pk: "sent",
        second.pk: "sent",
        posted_before.pk: "sent",
        email.pk: "queued",
    }
    assert [len(reply_events(m.case_id)) for m in (first, second, posted_before, email)] == [
        1,
        1,
        1,
        0,
    ]
    assert OutboundMessage.objects.get(pk=posted_before.pk).posted_at == PRINTED


def test_one_impossible_letter_refuses_the_whole_batch(service, advisor):
    early = web_form_letter(service)
    late = printed_letter(
        letter_case(service=service, customer=letter_customer(name="Ann", address="2 Stryd")),
        at=POSTED + timedelta(minutes=10),
    )

    with pytest.raises(ValidationError):
        letters_mark_posted(message_ids=[early.pk, late.pk], by=advisor, at=POSTED, now=LATER)

    assert set(OutboundMessage.objects.values_list("state", flat=True)) == {"to_post"}
    assert not CaseEvent.objects.filter(kind="reply_sent").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_posting_the_same_letter_at_once_record_it_once(service, advisor, administrator):
    letter = web_form_letter(service)
    first_has_posted = threading.Event()
    first_may_commit = threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = letters_mark_posted(
                    message_ids=[letter.pk], by=advisor, at=POSTED, now=LATER
                )
                first_has_posted.set()
                first_may_commit.wait(timeout=20)
        finally:
            connection.close()

    def second() -> None:
        try:
            results["second"] = letter_mark_posted(
                message_id=letter.pk,
                by=administrator,
                at=POSTED + timedelta(minutes=1),
                now=LATER,
            )
        finally:
            connection.close()

    first_thread = threading.Thread(target=first)
    first_thread.start()
    assert first_has_posted.wait(timeout=20)
    second_thread = threading.Thread(target=second)
    second_thread.start()
    second_thread.join(timeout=1)
    still_waiting = second_thread.is_alive()  # on the first one's lock on the letter
    first_may_commit.set()
    first_thread.join(timeout=20)
    second_thread.join(timeout=20)

    assert still_waiting
    assert results == {"first": [letter.pk], "second": False}
    letter.refresh_from_db()
    assert (letter.state, letter.posted_at, letter.posted_by) == ("sent", POSTED, advisor)
    assert [when for when, _, _ in reply_events(letter.case_id)] == [POSTED]


# --- Confidential cases: only those who may open the case see, download or post its letters ---


def complaint_letter(team, cast) -> OutboundMessage:
    """A printed letter answering a complaint about the team's manager and an advisor."""
    case = complaint_naming(
        cast.manager,
        cast.officer,
        team=team,
        channel="letter",
        details={"postal_address": ADDRESS, "postcode": POSTCODE},
        customer=letter_customer(name=COMPLAINANT),
        recorded_by=cast.handler,
    )
    return printed_letter(case, at=PRINTED)


def test_a_complaint_s_letters_reach_only_those_who_may_open_the_complaint(team, administrator):
    cast = complaint_cast(team)
    letter = complaint_letter(team, cast)

    for person in (cast.manager, cast.officer, cast.stranger):
        assert ids(letters_to_post(user=person)) == [], person.username
        assert letter_get(user=person, message_id=letter.pk) is None, person.username
    for person in (cast.handler, administrator):
        assert ids(letters_to_post(user=person)) == [letter.pk], person.username
        assert letter_get(user=person, message_id=letter.pk) == letter, person.username


def test_a_complaint_letter_cannot_be_posted_by_anyone_named_in_it(team):
    cast = complaint_cast(team)
    letter = complaint_letter(team, cast)

    for person in (cast.manager, cast.officer, cast.stranger):
        with pytest.raises(ValidationError):
            letter_mark_posted(message_id=letter.pk, by=person, at=POSTED, now=LATER)
        assert letters_mark_posted(message_ids=[letter.pk], by=person, at=POSTED, now=LATER) == []
        assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post", person.username
    assert letters_mark_posted(message_ids=[letter.pk], by=cast.handler, at=POSTED, now=LATER) == [
        letter.pk
    ]


def test_a_letter_of_a_case_one_may_read_but_not_work_is_opened_not_posted(
    service, other_advisor, monkeypatch
):
    """One council: staff of every service may read a case, but only its own service's staff
    post its letters (``contacts.policies.can_work``) or find them in their print queue."""
    monkeypatch.setattr(print_queue, "case_visible_to", lambda user: Case.objects.all())
    letter = owed_letter(service, minutes=1)

    assert letter_get(user=other_advisor, message_id=letter.pk) == letter
    assert ids(letters_to_post(user=other_advisor)) == []
    with pytest.raises(ValidationError):
        letter_mark_posted(message_id=letter.pk, by=other_advisor, at=POSTED, now=LATER)
    assert (
        letters_mark_posted(message_ids=[letter.pk], by=other_advisor, at=POSTED, now=LATER) == []
    )
    assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post"
