"""Staff e-mails about a complaint reach only those who may open it: deadline alerts go to the
complaints officers of its service, and its owner and team manager when they may open it —
never to anyone named in it — and a complaint transferred to a team tells neither a manager
named in it nor a shared team mailbox (SPEC §9)."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail

from accounts.models import Role
from complaints.models import ComplaintCategory
from complaints.services import complaint_record
from contacts.services import case_transfer
from contacts.sla import sla_sweep
from messaging.delivery import message_deliver
from messaging.models import OutboundMessage, Purpose
from tests.confidential import COMPLAINANT, SUMMARY, complaint_cast, complaint_naming
from tests.factories import TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # stage 1 due Monday 16 March, 17:00
LATE = datetime(2026, 4, 30, 12, 0, tzinfo=UTC)  # every deadline of the complaint missed


def told(purpose: str) -> set[str]:
    """Usernames (or the mailbox) owed a staff message of ``purpose``."""
    return {
        message.person.username if message.person else message.recipient
        for message in OutboundMessage.objects.filter(purpose=purpose).select_related("person")
    }


@pytest.fixture
def cast(team):
    return complaint_cast(team)


class TestDeadlineAlerts:
    def test_go_to_the_complaints_officers_never_to_an_owner_or_manager_named_in_it(
        self, team, cast
    ):
        second_team = TeamFactory(service=team.service, code="complaints-team")
        UserFactory(role=Role.COMPLAINTS_OFFICER, team=second_team, username="second-handler")
        UserFactory(role=Role.COMPLAINTS_OFFICER, team=cast.stranger.team, username="elsewhere")
        UserFactory(role=Role.ADVISOR, team=team, username="bystander")
        complaint_naming(
            cast.manager,
            cast.officer,
            team=team,
            owner=cast.officer,  # it reached them before anyone knew it was about them
            recorded_by=cast.handler,
            received_at=RECEIVED,
        )

        sla_sweep(now=LATE)

        assert told(Purpose.SLA_ALERT) == {"handler", "second-handler"}
        for message in OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT):
            message_deliver(message_id=message.pk, now=LATE)
        assert {message.to[0] for message in mail.outbox} == {
            "handler@example.gov.wales",
            "second-handler@example.gov.wales",
        }
        assert all(
            "because you handle the complaints of the case's service" in message.body
            for message in mail.outbox
        )

    def test_an_owner_and_manager_who_may_open_it_are_told_as_for_any_case(self, team, cast):
        complaint_naming(
            cast.officer,
            team=team,
            owner=cast.handler,
            recorded_by=cast.handler,
            received_at=RECEIVED,
        )

        sla_sweep(now=LATE)

        assert told(Purpose.SLA_ALERT) == {"handler", "manager"}

    def test_an_advisor_who_owns_a_complaint_is_not_told_of_it(self, team, cast, advisor):
        """Only complaints officers and managers may open a complaint."""
        complaint_naming(team=team, owner=advisor, recorded_by=cast.handler, received_at=RECEIVED)

        sla_sweep(now=LATE)

        assert told(Purpose.SLA_ALERT) == {"handler", "manager"}

    def test_other_cases_alert_their_owner_and_team_manager_only(self, service, team, advisor):
        UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="handler")
        make_case(service=service, team=team, owner=advisor, received_at=RECEIVED)

        sla_sweep(now=LATE)

        assert told(Purpose.SLA_ALERT) == {"advisor", "manager"}

    def test_the_alert_sent_names_the_case_to_those_told_only(self, team, cast):
        complaint_naming(
            cast.manager,
            team=team,
            owner=cast.handler,
            recorded_by=cast.handler,
            received_at=RECEIVED,
        )
        sla_sweep(now=LATE)

        for message in OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT):
            message_deliver(message_id=message.pk, now=LATE)

        assert {message.to[0] for message in mail.outbox} == {cast.handler.email}
        assert all(SUMMARY in message.body for message in mail.outbox)

    def test_an_alert_owed_before_the_manager_was_named_is_never_sent_to_them(
        self, service, team, cast
    ):
        """Alerts are written when owed and rendered when sent: by then the complaint may
        name the manager, who must not get it."""
        case = make_case(
            service=service, kind="complaint", team=team, owner=cast.handler, received_at=RECEIVED
        )
        sla_sweep(now=LATE)
        assert told(Purpose.SLA_ALERT) == {"handler", "manager"}
        complaint_record(
            case=case,
            category=ComplaintCategory.objects.get(code="waste"),
            events_on=date(2026, 2, 20),
            actor=cast.handler,
            officers=[cast.manager],
            now=LATE,
        )

        for message in OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT):
            message_deliver(message_id=message.pk, now=LATE)

        assert {message.to[0] for message in mail.outbox} == {cast.handler.email}
        refused = OutboundMessage.objects.get(purpose=Purpose.SLA_ALERT, person=cast.manager)
        assert (refused.state, refused.body) == ("failed", "")


class TestTransferNotices:
    def test_a_complaint_sent_to_the_queue_of_a_manager_named_in_it_tells_nobody(self, team, cast):
        case = complaint_naming(
            cast.manager,
            team=team,
            owner=cast.handler,
            recorded_by=cast.handler,
            received_at=RECEIVED,
        )

        case_transfer(case=case, actor=cast.handler, to_team=team, note="For the team's queue")

        assert told(Purpose.TRANSFER_NOTICE) == set()

    def test_a_complaint_is_never_announced_to_a_shared_team_mailbox(self, team, cast):
        """Whoever reads the mailbox may be named in it, or may not handle complaints."""
        team.mailbox = "waste-team@example.gov.wales"
        team.save(update_fields=["mailbox"])
        case = complaint_naming(
            cast.officer,
            team=team,
            owner=cast.handler,
            recorded_by=cast.handler,
            received_at=RECEIVED,
        )

        case_transfer(case=case, actor=cast.handler, to_team=team, note="For the team's queue")

        assert told(Purpose.TRANSFER_NOTICE) == {"manager"}
        notice = OutboundMessage.objects.get(purpose=Purpose.TRANSFER_NOTICE)
        assert COMPLAINANT in notice.body

    def test_other_cases_are_announced_to_the_team_mailbox_as_before(self, service, team, advisor):
        team.mailbox = "waste-team@example.gov.wales"
        team.save(update_fields=["mailbox"])
        case = make_case(service=service, team=team, owner=advisor, received_at=RECEIVED)

        case_transfer(case=case, actor=advisor, to_team=team, note="For the team's queue")

        assert told(Purpose.TRANSFER_NOTICE) == {"waste-team@example.gov.wales"}
