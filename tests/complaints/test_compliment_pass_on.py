"""A compliment is e-mailed to the officer praised and their manager, once, in their language,
through messaging's outbox."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from complaints.models import Compliment
from complaints.services import compliment_record
from messaging.delivery import messages_deliver_owed
from messaging.models import OutboundMessage, Purpose
from tests.factories import UserFactory

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def test_the_officer_and_their_manager_are_told_once(
    team, complaints_officer, django_capture_on_commit_callbacks
):
    praised = UserFactory(team=team, first_name="Rhys", last_name="Owen", email="rhys@x.cymru")
    with django_capture_on_commit_callbacks() as callbacks:
        compliment = compliment_record(
            service=team.service,
            channel="phone",
            received_at=NOW,
            text="Rhys sorted it in one call",
            officer=praised,
            actor=complaints_officer,
            now=NOW,
        )
    assert len(callbacks) == 1  # the outbox's delivery, asked for after the commit
    assert OutboundMessage.objects.filter(purpose=Purpose.COMPLIMENT).count() == 2

    assert messages_deliver_owed(now=NOW) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.gov.wales", "rhys@x.cymru"]
    to_manager = next(m for m in mail.outbox if m.to == ["manager@example.gov.wales"])
    assert to_manager.subject == "Canmoliaeth i chi – Rhys Owen"  # the manager reads Welsh
    assert "Rhys sorted it in one call" in to_manager.body
    compliment.refresh_from_db()
    assert compliment.passed_on_at == NOW

    assert messages_deliver_owed(now=NOW) == 0
    assert len(mail.outbox) == 2


def test_a_team_compliment_goes_to_the_teams_manager(team, complaints_officer):
    compliment = compliment_record(
        service=team.service,
        channel="email",
        received_at=NOW,
        text="The crew were lovely",
        team=team,
        actor=complaints_officer,
        now=NOW,
    )
    assert compliment.passed_on_at == NOW
    assert messages_deliver_owed(now=NOW) == 1
    assert mail.outbox[0].to == ["manager@example.gov.wales"]


def test_a_compliment_names_someone_of_the_service(team, complaints_officer):
    stranger = UserFactory()
    with pytest.raises(ValidationError) as error:
        compliment_record(
            service=team.service,
            channel="email",
            received_at=NOW,
            text="",
            officer=stranger,
            actor=complaints_officer,
            now=NOW,
        )
    assert error.value.message_dict == {
        "officer": ["Choose a member of staff of the service."],
        "text": ["Write what they said."],
    }
    with pytest.raises(ValidationError) as error:
        compliment_record(
            service=team.service,
            channel="email",
            received_at=NOW,
            text="x",
            actor=complaints_officer,
            now=NOW,
        )
    assert error.value.message_dict == {"officer": ["Choose the officer or the team praised."]}
    assert not Compliment.objects.exists()
