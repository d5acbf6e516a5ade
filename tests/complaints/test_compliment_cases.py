"""A compliment logged as a case, whatever the way in (an advisor's staff form, the public form,
the API), goes into the compliments register when the case is made, and is passed on once to
the officer praised, their manager and the service's complaints officers (issue 15, item 7;
SPEC §2, the compliments standard: "forwarding the details to your service complaints
officer")."""

import threading
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import connection, transaction

from accounts.models import Role
from channels_app.webforms.services import Submission, webform_submit
from complaints.models import Compliment
from complaints.services import compliment_from_case
from messaging.delivery import messages_deliver_owed
from messaging.models import OutboundMessage, Purpose
from tests.factories import RequestTypeFactory, UserFactory, make_case

#: Tuesday 3 March 2026, 09:00 GMT.
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
PHONE = {"contact_type": "answered", "caller_number": "01824 706000"}


@pytest.fixture
def praised(team):
    return UserFactory(team=team, first_name="Rhys", last_name="Owen", email="rhys@x.cymru")


def told() -> list[tuple[str, str]]:
    """(address, subject) of every compliment owed, in address order."""
    return sorted(
        OutboundMessage.objects.filter(purpose=Purpose.COMPLIMENT).values_list(
            "recipient", "subject"
        )
    )


def test_a_compliment_an_advisor_logs_goes_to_the_register_and_is_passed_on(
    service, team, advisor, praised, complaints_officer
):
    case = make_case(
        service=service,
        channel="phone",
        details=PHONE,
        kind="compliment",
        summary="Thanks to Rhys",
        description="Rhys sorted my bin out in one call.",
        owner=praised,
        actor=advisor,
        received_at=NOW,
    )

    compliment = Compliment.objects.get()
    assert (compliment.case, compliment.service, compliment.officer, compliment.team) == (
        case,
        service,
        praised,
        team,
    )
    assert (compliment.channel, compliment.received_at, compliment.text) == (
        "phone",
        NOW,
        "Rhys sorted my bin out in one call.",
    )
    assert (compliment.recorded_by, compliment.passed_on_at) == (advisor, NOW)
    assert told() == [
        (
            "complaints@example.gov.wales",
            f"A compliment for Waste and recycling – {case.reference}",
        ),
        # The manager reads Welsh.
        ("manager@example.gov.wales", "Canmoliaeth i chi – Rhys Owen"),
        ("rhys@x.cymru", "A compliment for you – Rhys Owen"),
    ]
    assert messages_deliver_owed(now=NOW) == 3
    to_officer = next(m for m in mail.outbox if m.to == ["complaints@example.gov.wales"])
    assert "Rhys sorted my bin out in one call." in to_officer.body
    assert f"Logged as case {case.reference}" in to_officer.body
    assert "It is in the compliments register." in to_officer.body
    to_rhys = next(m for m in mail.outbox if m.to == ["rhys@x.cymru"])
    assert "Thank you for the service you give." in to_rhys.body


def test_the_staff_form_logs_a_compliment_for_the_officer_chosen(
    client, service, team, advisor, praised, complaints_officer
):
    """On the staff form, "Who will deal with it?" names the officer praised."""
    client.force_login(advisor)
    response = client.post(
        "/en/log-contact/phone/",
        {
            "contact_type": "answered",
            "caller_number": "01824 706000",
            "kind": "compliment",
            "summary": "Thanks to Rhys",
            "description": "Rhys was ever so patient.",
            "language": "en",
            "assign_to": f"user:{praised.pk}",
            "customer_name": "Ann Jones",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    compliment = Compliment.objects.get()
    assert (compliment.officer, compliment.team, compliment.recorded_by) == (
        praised,
        team,
        advisor,
    )
    assert (compliment.text, compliment.from_name) == ("Rhys was ever so patient.", "Ann Jones")
    assert [address for address, _subject in told()] == [
        "complaints@example.gov.wales",
        "manager@example.gov.wales",
        "rhys@x.cymru",
    ]


def submission(service, **fields) -> Submission:
    return Submission(
        token=fields.pop("token", "a" * 32),
        form_type="compliment",
        service=service,
        details="Thank you\nThe crew put my bin back by the gate every week.",
        name="Gwen Parry",
        email="gwen@example.com",
        phone="",
        address="",
        postcode="",
        welsh=False,
        needs=(),
        interpreter_language="",
        other_needs="",
        **fields,
    )


def test_a_compliment_through_the_public_form_names_the_team_whose_queue_it_went_to(
    service, team, complaints_officer
):
    compliments = RequestTypeFactory(service=service, team=team, name_en="Compliments")
    created = webform_submit(
        submission=submission(service, request_type=compliments), language="en", now=NOW
    )

    compliment = Compliment.objects.get()
    assert (compliment.case, compliment.officer, compliment.team) == (created.case, None, team)
    assert (compliment.channel, compliment.from_name) == ("webform", "Gwen Parry")
    assert compliment.text == "Thank you\nThe crew put my bin back by the gate every week."
    assert [address for address, _subject in told()] == [
        "complaints@example.gov.wales",
        "manager@example.gov.wales",
    ]


def test_a_compliment_for_no_team_goes_to_the_complaints_officers_naming_nobody(
    service, team, complaints_officer
):
    """Not even the public form's routing says whom it praises: it is in the register all
    the same, and the complaints officers read the case to pass it on."""
    created = webform_submit(submission=submission(service), language="en", now=NOW)

    compliment = Compliment.objects.get()
    assert (compliment.case, compliment.officer, compliment.team) == (created.case, None, None)
    assert [address for address, _subject in told()] == ["complaints@example.gov.wales"]
    messages_deliver_owed(now=NOW)
    assert "It names nobody: read the case" in mail.outbox[0].body


def test_other_cases_make_no_compliment(service, team, advisor, complaints_officer):
    make_case(service=service, kind="feedback", owner=advisor, received_at=NOW)
    make_case(service=service, kind="enquiry", owner=advisor, received_at=NOW)
    assert not Compliment.objects.exists()
    assert told() == []


def test_it_is_passed_on_once_however_often_the_hook_and_the_delivery_job_run(
    service, team, advisor, praised, complaints_officer
):
    case = make_case(
        service=service, kind="compliment", owner=praised, actor=advisor, received_at=NOW
    )
    first = Compliment.objects.get()

    again = compliment_from_case(case=case, actor=advisor, now=NOW, rules_version="x")

    assert again == first
    assert Compliment.objects.count() == 1
    assert len(told()) == 3
    assert messages_deliver_owed(now=NOW) == 3
    assert messages_deliver_owed(now=NOW) == 0
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_is_passed_on_once_when_two_record_it_at_the_same_time(
    service, team, advisor, praised, complaints_officer
):
    """Two workers record the same case's compliment at once: the second waits for the
    first's row, finds it, and owes nothing."""
    case = make_case(service=service, kind="enquiry", owner=praised, received_at=NOW)
    case.kind = "compliment"  # as if its compliment had not been recorded yet
    case.save(update_fields=["kind"])
    both_inside = threading.Barrier(2, timeout=10)
    results = []

    def record() -> None:
        try:
            with transaction.atomic():
                both_inside.wait()
                results.append(
                    compliment_from_case(case=case, actor=None, now=NOW, rules_version="x")
                )
        finally:
            connection.close()

    workers = [threading.Thread(target=record) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(results) == 2 and results[0].pk == results[1].pk
    assert Compliment.objects.count() == 1
    assert len(told()) == 3


def test_the_register_lists_it_with_its_case(
    client, service, team, advisor, praised, complaints_officer
):
    case = make_case(
        service=service,
        kind="compliment",
        description="Lovely crew",
        owner=praised,
        actor=advisor,
        received_at=NOW,
    )
    webform_submit(submission=submission(service, token="b" * 32), language="en", now=NOW)
    client.force_login(complaints_officer)

    page = client.get("/en/complaints/compliments/").content.decode()

    assert "Lovely crew" in page
    assert f'href="/en/cases/{case.reference}/"' in page
    assert "Not named: see the case" in page


def test_a_complaints_officer_is_told_as_the_officer_praised_when_it_is_them(
    service, team, advisor, complaints_officer
):
    make_case(
        service=service,
        kind="compliment",
        owner=complaints_officer,
        actor=advisor,
        received_at=NOW,
    )
    subjects = dict(told())
    assert subjects["complaints@example.gov.wales"].startswith("A compliment for you")
    assert complaints_officer.role == Role.COMPLAINTS_OFFICER
