"""End to end: contacts that can be answered only by post are printed by a real Celery worker,
over the real Redis broker, into the print queue; posting them through the API acknowledges
them."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from contacts.models import Case, CaseEvent, Milestone
from messaging.messages import format_date
from messaging.models import OutboundMessage
from messaging.print_queue import letters_to_post
from tests.factories import token_for
from tests.letters import (
    letter_case,
    letter_customer,
    pdf_of,
    pdf_text,
    webform_letter_case,
)
from tests.worker_process import running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]


def test_letters_are_printed_by_the_worker_and_acknowledge_when_posted(
    tmp_path, settings, service, team, advisor
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media  # the worker writes the PDFs where this process reads them
    now = timezone.now()
    welsh = letter_customer(preferred_language="cy")
    web_form = letter_customer(
        name="Gareth Hughes", address="4 Lôn Las\nDinbych", preferred_contact_method="letter"
    )

    with running_worker(tmp_path, CYSWLLT_MEDIA_ROOT=str(media)) as worker:
        letter_contact = letter_case(service=service, customer=welsh, received_at=now)
        form_contact = webform_letter_case(service=service, customer=web_form, received_at=now)
        assert wait_for(
            lambda: OutboundMessage.objects.filter(state="to_post").count() == 2, timeout=90
        ), worker.output()

    queue = list(letters_to_post(user=advisor))
    assert [letter.case_id for letter in queue] == [letter_contact.pk, form_contact.pk]
    welsh_letter, form_letter = queue
    text = pdf_text(pdf_of(welsh_letter))
    respond_due = Milestone.objects.get(case=letter_contact, kind="respond").due_at
    assert letter_contact.reference in text
    assert f"erbyn {format_date(respond_due, 'cy')}." in text
    assert "Siân Jones\nBryn Awel\n12 Ffordd y Brenin\nRhuthun\nLL15 1AA" in text
    assert "Gareth Hughes\n4 Lôn Las\nDinbych\nLL15 1AA" in pdf_text(pdf_of(form_letter))
    acknowledge = Milestone.objects.get(case=form_contact, kind="acknowledge")
    assert (acknowledge.state, acknowledge.met_at) == ("pending", None)
    assert Case.objects.get(pk=letter_contact.pk).status == "new"
    assert not CaseEvent.objects.filter(kind="reply_sent").exists()

    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")
    posted = timezone.now() - timedelta(seconds=1)
    for letter in queue:
        response = client.post(
            f"/api/v1/letters/{letter.pk}/mark-posted/",
            {"posted_at": posted.isoformat()},
            format="json",
        )
        assert response.status_code == 200, response.json()

    acknowledge.refresh_from_db()
    assert (acknowledge.state, acknowledge.met_at) == ("met", posted)
    assert Case.objects.get(pk=letter_contact.pk).status == "acknowledged"
    assert sorted(
        CaseEvent.objects.filter(kind="reply_sent").values_list("case_id", flat=True)
    ) == sorted([letter_contact.pk, form_contact.pk])
    assert list(letters_to_post(user=advisor)) == []
