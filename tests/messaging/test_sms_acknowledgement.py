"""End to end: a text received in Welsh is acknowledged in Welsh by a real Celery worker, over
the real Redis broker, through a local GOV.UK Notify, and the acknowledgement is recorded."""

import pytest
from django.conf import settings
from django.utils import timezone

from contacts.models import CaseEvent, Milestone
from messaging.messages import format_date
from messaging.models import OutboundMessage
from tests.factories import make_case
from tests.worker_process import running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]

NUMBER = "07700 900123"
WELSH_TEXT = (
    "Diolch am eich neges. Eich cyfeirnod yw {reference}. Mae {handler} yn delio â hi. {steps}"
)


def welsh_text(service, team, *, kind: str):
    now = timezone.now()
    return make_case(
        service=service,
        channel="text",
        details={"from_number": NUMBER, "message_id": f"SM-{kind}"},
        kind=kind,
        team=team,
        language="cy",
        received_at=now,
        now=now,
    )


def sent(message_pk: int) -> bool:
    return OutboundMessage.objects.get(pk=message_pk).state == "sent"


def test_a_welsh_text_is_acknowledged_by_text_in_welsh(notify_server, tmp_path, service, team):
    with running_worker(tmp_path, **notify_server.environment()) as worker:
        case = welsh_text(service, team, kind="enquiry")
        message = OutboundMessage.objects.get(case=case)
        assert wait_for(lambda: sent(message.pk)), worker.output()

    body = WELSH_TEXT.format(
        reference=case.reference,
        handler=team.name_cy,
        steps="Byddwn yn anfon neges destun atoch i gadarnhau pwy sy'n delio â'ch neges a "
        "phryd y cewch ateb. Preifatrwydd: http://localhost:8000/cy/privacy/",
    )
    (notification,) = notify_server.notifications
    assert (notification["phone_number"], notification["body"], notification["reference"]) == (
        NUMBER,
        body,
        f"case:{case.reference}:acknowledgement",
    )
    message.refresh_from_db()
    assert (message.language, message.attempts, message.provider_reference) == (
        "cy",
        1,
        notification["response"]["id"],
    )
    # The thank-you does not confirm who and when (SPEC §10): that is still owed.
    assert Milestone.objects.get(case=case, kind="confirm").state == "pending"
    assert CaseEvent.objects.get(case=case, kind="reply_sent").text == body


def test_a_welsh_text_complaint_is_told_the_response_date_in_welsh(
    notify_server, tmp_path, service, team
):
    with running_worker(tmp_path, **notify_server.environment()) as worker:
        case = welsh_text(service, team, kind="complaint")
        message = OutboundMessage.objects.get(case=case)
        assert wait_for(lambda: sent(message.pk)), worker.output()

    due = Milestone.objects.get(case=case, kind="contact").due_at
    (notification,) = notify_server.notifications
    assert notification["body"] == WELSH_TEXT.format(
        reference=case.reference,
        handler=team.name_cy,
        steps="Bydd swyddog cwynion y gwasanaeth yn cysylltu â chi i drafod eich cwyn a sut y "
        "caiff ei thrin o dan bolisi cwynion y cyngor. Efallai y gallwn ddatrys y mater yn "
        f"gyflym. Cewch ymateb llawn erbyn {format_date(due, 'cy')}. "
        "Preifatrwydd: http://localhost:8000/cy/privacy/",
    )
    assert format_date(due, "cy").startswith("Dydd ")
    case.refresh_from_db()
    assert case.status == "acknowledged"
