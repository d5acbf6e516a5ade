"""Members' enquiries: raised by a councillor or a clerk through ``case_create``, followed
with updates, delay notices and a completion notice sent by each member's preferred method."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Case, CaseEvent, Customer, EventKind, Milestone
from councillors.models import (
    ContactMethod,
    EnquiryUpdate,
    MemberEnquiry,
    OnBehalfOf,
)
from councillors.notices import enquiry_copy_notices_owe
from councillors.services import (
    enquiry_complete,
    enquiry_delay,
    enquiry_submit,
    enquiry_update_post,
)
from tests.member_messages import member_messages, member_messages_send

from .conftest import MONDAY

TUESDAY = MONDAY + timedelta(days=1)


def test_a_councillors_enquiry_is_a_councillor_enquiry_due_in_ten_working_days(enquiry):
    case = Case.objects.get(pk=enquiry.pk)
    assert (case.kind, case.channel, case.submitted_by.username) == (
        "councillor_enquiry",
        "webform",
        "cllr-jones",
    )
    assert case.standard.code == "COUNCILLOR_ENQUIRY"
    respond = Milestone.objects.get(case=case, kind="respond")
    # Received Monday 2 March 2026: the 10th working day is Monday 16 March, 17:00 (GMT).
    assert respond.due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    assert case.customer.name == "Megan Hughes"
    assert MemberEnquiry.objects.get(case=case).ward.code == "llanfair"


def test_an_enquiry_for_the_community_keeps_no_resident(service, cllr_jones):
    case = enquiry_submit(
        member=cllr_jones,
        service=service,
        summary="Street lights out",
        description="The whole estate is dark.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        resident=Customer(name="Ignored"),
        now=MONDAY,
    )
    assert case.customer is None
    assert Customer.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"resident": None}, "resident_name", "Enter the resident's name."),
        ({"resident": Customer(name="  ")}, "resident_name", "Enter the resident's name."),
        ({"on_behalf_of": "neighbour"}, "on_behalf_of", "Choose who the enquiry is for."),
    ],
)
def test_a_councillors_enquiry_is_refused_with_a_reason(
    service, cllr_jones, changes, field, message
):
    values = {
        "member": cllr_jones,
        "service": service,
        "summary": "Pothole",
        "description": "Deep one.",
        "resident": Customer(name="Megan"),
        "now": MONDAY,
        **changes,
    }
    with pytest.raises(ValidationError) as refused:
        enquiry_submit(**values)
    assert refused.value.message_dict == {field: [message]}
    assert Case.objects.count() == 0


def test_a_councillor_cannot_raise_an_enquiry_for_another_ward(service, cllr_jones, rhuthun):
    with pytest.raises(ValidationError) as refused:
        enquiry_submit(
            member=cllr_jones,
            service=service,
            summary="Pothole",
            description="Deep one.",
            on_behalf_of=OnBehalfOf.COMMUNITY,
            ward=rhuthun,
            now=MONDAY,
        )
    assert refused.value.message_dict == {"ward": ["Choose one of your wards."]}
    assert Case.objects.count() == 0


def test_staff_do_not_raise_member_enquiries(service, advisor):
    with pytest.raises(ValidationError):
        enquiry_submit(
            member=advisor,
            service=service,
            summary="x",
            description="y",
            on_behalf_of=OnBehalfOf.COMMUNITY,
            now=MONDAY,
        )
    assert Case.objects.count() == 0


def test_a_clerks_enquiry_copies_in_the_wards_county_councillors(
    service, clerk, council, cllr_jones, cllr_evans, cllr_other
):
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Bus shelter broken",
        description="Glass everywhere.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        community_council=council,
        now=MONDAY,
    )
    assert (case.kind, case.submitted_by_id) == ("enquiry", clerk.pk)
    enquiry = MemberEnquiry.objects.get(case=case)
    assert enquiry.community_council == council
    assert {u.username for u in enquiry.copied.all()} == {"cllr-jones", "cllr-evans"}
    owed = member_messages().order_by("person__username")
    assert [(m.key, m.method, m.recipient, m.language) for m in owed] == [
        (f"enquiry-copied:{case.pk}:user:{cllr_evans.pk}", "sms", "07700 900123", "en"),
        (f"enquiry-copied:{case.pk}:user:{cllr_jones.pk}", "email", cllr_jones.email, "cy"),
    ]
    english = owed.get(person=cllr_evans)
    assert "Llanfair Community Council has raised an enquiry" in english.body
    assert english.subject == f"{case.reference}: a community council enquiry in your ward"
    welsh = owed.get(person=cllr_jones)
    assert "Cyngor Cymuned Llanfair" in welsh.body
    assert welsh.subject == f"{case.reference}: ymholiad gan gyngor cymuned yn eich ward"
    # They follow it; what it says is the council's (docs/adr/0018).
    assert [m for m in owed if "Bus shelter" in m.body + m.subject] == []


def test_councillors_are_not_copied_into_what_they_may_not_read(
    service, clerk, council, cllr_jones
):
    """A confidential enquiry (e.g. of adult social care) is for those who raised it: a
    councillor copied in may not read it, so they hear nothing of it."""
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Care package",
        description="x",
        on_behalf_of=OnBehalfOf.RESIDENT,
        resident=Customer(name="Megan Hughes"),
        community_council=council,
        now=MONDAY,
    )
    Case.objects.filter(pk=case.pk).update(confidential=True)
    member_messages().delete()

    enquiry_copy_notices_owe(case=case, recipients=[cllr_jones], now=MONDAY)
    assert member_messages().count() == 0


def test_a_council_may_choose_not_to_copy_its_councillors(service, clerk, council, cllr_jones):
    council.copy_councillors = False
    council.save()
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Bus shelter",
        description="Broken.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        community_council=council,
        now=MONDAY,
    )
    assert not MemberEnquiry.objects.get(case=case).copied.exists()
    assert member_messages().count() == 0


def test_a_clerk_raises_enquiries_only_for_their_own_council(service, clerk, council):
    other = type(council).objects.create(code="other", name_en="Other", name_cy="Arall")
    with pytest.raises(ValidationError) as refused:
        enquiry_submit(
            member=clerk,
            service=service,
            summary="x",
            description="y",
            on_behalf_of=OnBehalfOf.COMMUNITY,
            community_council=other,
            now=MONDAY,
        )
    assert refused.value.message_dict == {
        "community_council": ["Choose the council you are the clerk of."]
    }
    assert Case.objects.count() == 0


def test_an_update_is_recorded_told_to_the_member_and_noted_for_staff(
    enquiry, advisor, cllr_jones, mailoutbox
):
    update = enquiry_update_post(
        case=enquiry,
        actor=advisor,
        what="A crew will clear the bags.",
        why="It is on the public highway.",
        expected_on=date(2026, 3, 5),
        now=TUESDAY,
    )
    assert (update.kind, update.what, update.expected_on) == (
        "update",
        "A crew will clear the bags.",
        date(2026, 3, 5),
    )
    assert update.responsible.endswith("Waste and recycling")
    told = CaseEvent.objects.get(case=enquiry, kind=EventKind.MEMBER_TOLD)
    assert (told.text, told.payload) == (
        "A crew will clear the bags.",
        {"update": {"cy": "Diweddariad ar y cynnydd", "en": "Progress update"}},
    )
    message = member_messages().get()
    assert (message.key, message.method, message.language, message.recipient) == (
        f"enquiry-update:{update.pk}:user:{cllr_jones.pk}",
        "email",
        "cy",
        cllr_jones.email,
    )
    assert enquiry.reference in message.subject
    assert "A crew will clear the bags." in message.body
    assert "It is on the public highway." in message.body

    assert member_messages_send(now=TUESDAY) == 1
    assert member_messages_send(now=TUESDAY) == 0  # sent once, however often the job runs
    (mail,) = mailoutbox
    assert mail.to == [cllr_jones.email]
    assert mail.extra_headers["Content-Language"] == "cy"
    assert member_messages().get().state == "sent"


def test_an_update_needs_what_is_happening(enquiry, advisor):
    with pytest.raises(ValidationError) as refused:
        enquiry_update_post(case=enquiry, actor=advisor, what="  ", now=TUESDAY)
    assert refused.value.message_dict == {"what": ["Say what is happening."]}
    assert not EnquiryUpdate.objects.exists()
    assert not member_messages().exists()


def test_a_delay_notice_moves_the_deadline_and_gives_the_reason_and_new_date(
    enquiry, advisor, cllr_jones
):
    update = enquiry_delay(
        case=enquiry,
        actor=advisor,
        reason="The contractor's lorry is off the road.",
        new_date=date(2026, 3, 20),
        now=TUESDAY,
    )
    respond = Milestone.objects.get(case=enquiry, kind="respond")
    assert respond.due_at == datetime(2026, 3, 20, 17, 0, tzinfo=UTC)
    assert respond.original_due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    assert respond.extension_reason == "The contractor's lorry is off the road."
    assert (update.kind, update.why, update.expected_on) == (
        "delay",
        "The contractor's lorry is off the road.",
        date(2026, 3, 20),
    )
    message = member_messages().get()
    assert "The contractor's lorry is off the road." in message.body
    assert message.person == cllr_jones


@pytest.mark.parametrize(
    ("reason", "new_date", "errors"),
    [
        ("", date(2026, 3, 20), {"reason": ["Give the reason for the delay."]}),
        (
            "Rain",
            date(2026, 3, 3),
            {"new_date": ["The new completion date must be after today."]},
        ),
    ],
)
def test_a_delay_notice_needs_a_reason_and_a_later_date(enquiry, advisor, reason, new_date, errors):
    with pytest.raises(ValidationError) as refused:
        enquiry_delay(case=enquiry, actor=advisor, reason=reason, new_date=new_date, now=TUESDAY)
    assert refused.value.message_dict == errors
    assert Milestone.objects.get(case=enquiry, kind="respond").original_due_at is None
    assert not member_messages().exists()


def test_completion_resolves_the_case_and_tells_the_member(enquiry, advisor, cllr_jones):
    enquiry_complete(case=enquiry, actor=advisor, what="The bags were cleared.", now=TUESDAY)
    case = Case.objects.get(pk=enquiry.pk)
    assert case.status == "resolved"
    assert Milestone.objects.get(case=case, kind="respond").state == "met"
    message = member_messages().get()
    assert "The bags were cleared." in message.body
    with pytest.raises(ValidationError):  # nothing more to update on a resolved enquiry
        enquiry_update_post(case=case, actor=advisor, what="More", now=TUESDAY)


def test_updates_reach_the_clerk_and_the_copied_councillors_by_their_own_methods(
    service, clerk, council, cllr_jones, cllr_evans, advisor, mailoutbox, settings
):
    cllr_jones.member_profile.contact_method = ContactMethod.LETTER
    cllr_jones.member_profile.save()
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Bus shelter",
        description="Broken.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        community_council=council,
        now=MONDAY,
    )
    member_messages().delete()
    enquiry_update_post(case=case, actor=advisor, what="Glazier booked.", now=TUESDAY)
    assert {(m.person.username, m.method) for m in member_messages()} == {
        ("clerk-llanfair", "email"),
        ("cllr-jones", "letter"),
        ("cllr-evans", "sms"),
    }
    assert member_messages_send(now=TUESDAY) == 3
    states = dict(member_messages().values_list("method", "state"))
    assert states == {"email": "sent", "letter": "to_post", "sms": "sent"}
    assert [mail.to for mail in mailoutbox] == [[clerk.email]]
    assert "Glazier booked." in mailoutbox[0].body
    # The councillors copied in follow the council's enquiry, not its text (docs/adr/0018).
    (text,) = (settings.SMS_FILE_PATH).iterdir()
    assert case.reference in text.read_text()
    assert "Glazier booked." not in text.read_text()
    assert "Bus shelter" not in text.read_text()


def test_a_failed_send_is_retried_later(enquiry, advisor, monkeypatch):
    enquiry_update_post(case=enquiry, actor=advisor, what="Crew booked.", now=TUESDAY)

    def refuse(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert member_messages_send(now=TUESDAY) == 0
    message = member_messages().get()
    assert (message.state, message.attempts, message.last_error) == ("queued", 1, "SMTP down")
    assert message.next_attempt_at == TUESDAY + timedelta(seconds=30)
    assert member_messages_send(now=TUESDAY) == 0  # not due yet
    monkeypatch.undo()
    assert member_messages_send(now=TUESDAY + timedelta(minutes=1)) == 1


def test_a_member_without_the_address_of_their_method_is_e_mailed(enquiry, advisor, cllr_jones):
    cllr_jones.member_profile.contact_method = ContactMethod.SMS  # no mobile number recorded
    cllr_jones.member_profile.save()
    enquiry_update_post(case=enquiry, actor=advisor, what="Crew booked.", now=TUESDAY)
    assert member_messages().get().method == "email"


def test_a_members_case_from_the_cases_api_can_be_updated_too(service, advisor, cllr_jones):
    from tests.factories import make_case

    # The cases API makes it with the member as its actor: no record is made for them then.
    case = make_case(
        service=service, kind="councillor_enquiry", submitted_by=cllr_jones, actor=cllr_jones
    )
    enquiry_update_post(case=case, actor=advisor, what="Looking into it.", now=TUESDAY)
    assert MemberEnquiry.objects.get(case=case).ward is None
    assert member_messages().get().person == cllr_jones


def test_an_ordinary_case_has_no_member_to_tell(service, advisor):
    from tests.factories import make_case

    case = make_case(service=service)
    with pytest.raises(ValidationError) as refused:
        enquiry_update_post(case=case, actor=advisor, what="x", now=TUESDAY)
    assert refused.value.messages == ["This case was not raised by a councillor or a clerk."]
    assert not MemberEnquiry.objects.exists()
