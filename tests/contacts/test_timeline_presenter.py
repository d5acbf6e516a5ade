"""The timeline is rendered from each event's payload in the reader's language, whoever
wrote it and in whatever language they worked (no database)."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from contacts.event_payloads import PAYLOADS, Party, PayloadError, payload_check
from contacts.models import CaseEvent, EventKind, Milestone
from contacts.presenters import timeline_items

AT = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def rendered(event: CaseEvent, language: str, parties=None) -> tuple[str, str]:
    with translation.override(language):
        (item,) = timeline_items(events=[event], parties=parties or {})
        return item.title, item.detail


@pytest.mark.parametrize(
    ("event", "english", "welsh"),
    [
        (
            CaseEvent(
                kind="complaint_recorded",
                created_at=AT,
                payload={"category": {"cy": "Gwastraff", "en": "Waste"}, "stage": 1},
            ),
            ("Complaint recorded", "Waste, stage 1"),
            ("Cwyn wedi'i chofnodi", "Gwastraff, cam 1"),
        ),
        (
            CaseEvent(
                kind="member_told",
                created_at=AT,
                payload={"update": {"cy": "Hysbysiad oedi", "en": "Delay notice"}},
                text="The crew comes on Friday.",
            ),
            ("Member told", "Delay notice"),
            ("Rhoddwyd gwybod i'r aelod", "Hysbysiad oedi"),
        ),
        (
            CaseEvent(
                kind="status_changed",
                created_at=AT,
                payload={"from": "new", "to": "acknowledged"},
            ),
            ("Status changed", "From New to Acknowledged"),
            ("Newidiwyd y statws", "O Newydd i Wedi'i gydnabod"),
        ),
        (
            CaseEvent(
                kind="complaint_action",
                created_at=AT,
                payload={"owner": "Sam Jones", "due_on": "2026-03-20"},
                text="Retrain the crew",
            ),
            ("Follow-up action agreed", "For Sam Jones by 20 March 2026"),
            ("Cytunwyd ar gam gweithredu dilynol", "I Sam Jones erbyn 20 Mawrth 2026"),
        ),
        (
            CaseEvent(
                kind="made_into_complaint",
                created_at=AT,
                payload={"reference": "CYS-2026-000042"},
            ),
            ("Made into a complaint", "CYS-2026-000042"),
            ("Wedi'i throi'n gŵyn", "CYS-2026-000042"),
        ),
    ],
    ids=["complaint-recorded", "member-told", "status-changed", "action", "made-into"],
)
def test_each_kind_is_rendered_from_its_payload_in_the_readers_language(event, english, welsh):
    assert rendered(event, "en") == english
    assert rendered(event, "cy") == welsh


def test_a_met_milestone_names_the_milestone_and_its_outcome():
    event = CaseEvent(
        kind="milestone_met",
        created_at=AT,
        milestone=Milestone(kind="respond"),
        payload={"state": "met_late"},
    )
    assert rendered(event, "en") == ("Milestone met", "Respond: Met late")


def test_a_transfer_names_both_holders():
    event = CaseEvent(
        kind="transferred",
        created_at=AT,
        payload={"from_team": 3, "to_user": 7},
        text="Over to you",
    )
    parties = {Party("team", 3): "Waste team", Party("user", 7): "Sam Jones"}
    assert rendered(event, "en", parties) == ("Case transferred", "From Waste team to Sam Jones")


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("transferred", {"to": "user:7"}),  # the old overloaded value
        ("status_changed", {"to": "resolved"}),  # "from" missing
        ("callback_arranged", {}),
        ("no_such_kind", {}),
    ],
)
def test_the_writer_refuses_a_payload_not_of_its_kinds_shape(kind, payload):
    with pytest.raises(PayloadError):
        payload_check(kind, payload)


def test_every_event_kind_has_a_payload_shape():
    assert set(PAYLOADS) == set(EventKind.values)
