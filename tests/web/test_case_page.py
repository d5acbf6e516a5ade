"""The case page an advisor works a case from, and each of its actions through the test client:
the exact state and timeline afterwards, translated errors that change nothing, who may act."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from contacts.models import Case, CaseEvent, Customer, Milestone
from contacts.services import case_add_note
from messaging.delivery import messages_deliver
from messaging.models import OutboundMessage
from messaging.tasks import messages_drain
from standards.selectors import working_calendar
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text)))


def url(case: Case, action: str = "", language: str = "en") -> str:
    return f"/{language}/cases/{case.reference}/" + (f"{action}/" if action else "")


def events(case: Case) -> list[tuple[str, str]]:
    return list(CaseEvent.objects.filter(case=case).order_by("id").values_list("kind", "text"))


def snapshot(case: Case) -> tuple:
    """Everything an action could change, to show that a refused one changed nothing."""
    case = Case.objects.get(pk=case.pk)
    return (
        case.status,
        case.owner_id,
        case.team_id,
        case.reopened_count,
        list(Milestone.objects.filter(case=case).values_list("kind", "state", "due_at")),
        CaseEvent.objects.filter(case=case).count(),
        OutboundMessage.objects.filter(case=case).count(),
    )


@pytest.fixture
def run_tasks(monkeypatch):
    """Messages owed to staff (transfer notices) go when the transaction commits, as a worker
    would send them."""

    def deliver(args=(), kwargs=None):
        owed = OutboundMessage.objects.filter(recipient_kind="staff", state="queued")
        messages_deliver(message_ids=list(owed.values_list("pk", flat=True)))

    monkeypatch.setattr(messages_drain, "apply_async", deliver)


# --- The page ------------------------------------------------------------------------------


def test_the_page_shows_the_case_customer_history_and_timeline(signed_in, world, service):
    case = world.mine_breached
    customer = case.customer
    customer.email, customer.phone = "gwen@example.com", "07700 900123"
    customer.preferred_contact_method = "email"
    customer.large_print, customer.bsl, customer.interpreter_language = True, True, "Polish"
    customer.save()
    older = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "2 Ffordd y Castell"},
        customer=customer,
        received_at=world.now - timedelta(days=30),
    )
    newer = make_case(
        service=service,
        channel="phone",
        details={"contact_type": "answered"},
        customer=customer,
        received_at=world.now - timedelta(days=2),
    )
    # One council: another service's case of the same person is listed (with its service);
    # a confidential one of another service is not there at all (docs/adr/0018).
    highways = make_case(
        service=world.highways.service,
        customer=customer,
        received_at=world.now - timedelta(days=1),
    )
    make_case(
        service=world.highways.service,
        customer=customer,
        confidential=True,
        received_at=world.now - timedelta(hours=12),
    )
    case_add_note(case=case, actor=world.advisor, text="Rang twice, no answer.")

    response = signed_in(world.advisor).get(url(case))

    assert response.status_code == 200
    page = text_of(response)
    assert (
        "Channel E-mail Type of contact To a department mailbox From ann@example.com "
        "To waste@example.gov.wales" in page
    )
    assert "Preferred language Welsh" in page
    assert "Preferred way of contact E-mail" in page
    assert (
        "Accessibility needs Large print British Sign Language interpreter "
        "Interpreter for Polish" in page
    )
    history = re.findall(r'href="/en/cases/([A-Z0-9-]+)/">', response.text.split("Their other")[1])
    assert history == [highways.reference, newer.reference, older.reference]
    assert "Highways · " in page
    timeline = page.split("Timeline")[1]
    assert timeline.index("Note added by Alex") < timeline.index("Case created")
    assert "Rang twice, no answer." in timeline


def test_the_timeline_shows_exactly_what_was_sent(signed_in, world):
    case = world.mine_breached
    CaseEvent.objects.create(
        case=case,
        kind="reply_sent",
        created_at=timezone.now(),
        actor=world.advisor,
        text="Eich cais CYS-1\n\nAnnwyl Gwenllian,\n  Diolch.",
    )

    response = signed_in(world.advisor).get(url(case))

    assert (
        '<div class="app-sent-message">Eich cais CYS-1\n\nAnnwyl Gwenllian,\n  Diolch.</div>'
        in response.text
    )
    assert "Reply sent by Alex" in text_of(response)


@pytest.mark.parametrize(
    ("case_name", "shown", "hidden"),
    [
        (
            "mine_breached",
            ["reply", "transfer", "callback", "extend", "resolve", "note"],
            ["take", "reopen", "meet"],
        ),
        ("team_letter", ["take", "reply", "transfer", "resolve"], ["reopen"]),
        (
            "team_resolved",
            ["reopen", "note"],
            ["take", "reply", "transfer", "callback", "extend", "resolve"],
        ),
    ],
)
def test_only_the_actions_the_case_allows_are_offered(signed_in, world, case_name, shown, hidden):
    case = getattr(world, case_name)

    response = signed_in(world.advisor).get(url(case))

    for action in shown:
        assert (
            f'action="{url(case, action)}"' in response.text
            or f'href="{url(case, action)}"' in response.text
        ), action
    for action in hidden:
        assert url(case, action) not in response.text, action


def test_a_councillor_sees_their_enquiry_without_actions_and_cannot_act(signed_in, world):
    client = signed_in(world.councillor)
    before = snapshot(world.enquiry)

    # Their own page for it (councillors/), without the staff's notes and actions.
    page = client.get(url(world.enquiry), follow=True)
    answer = client.post(url(world.enquiry, "note"), {"text": "Any news?"})

    assert page.status_code == 200 and "Actions" not in text_of(page)
    assert answer.status_code == 403
    assert snapshot(world.enquiry) == before


@pytest.mark.parametrize(
    "action",
    ["note", "reply", "take", "transfer", "callback", "extend", "meet", "resolve", "reopen"],
)
def test_staff_of_another_service_may_read_but_not_act(signed_in, world, action):
    client = signed_in(world.highways_advisor)
    before = snapshot(world.mine_breached)

    assert client.get(url(world.mine_breached)).status_code == 200
    assert client.get(url(world.mine_breached, action)).status_code == 403
    assert client.post(url(world.mine_breached, action), {"text": "x"}).status_code == 403
    assert snapshot(world.mine_breached) == before


@pytest.mark.parametrize("action", ["note", "take", "transfer", "resolve"])
def test_staff_of_another_service_get_not_found_for_a_confidential_case(signed_in, world, action):
    Case.objects.filter(pk=world.mine_breached.pk).update(confidential=True)
    client = signed_in(world.highways_advisor)
    before = snapshot(world.mine_breached)

    assert client.get(url(world.mine_breached)).status_code == 404
    assert client.get(url(world.mine_breached, action)).status_code == 404
    assert client.post(url(world.mine_breached, action), {"text": "x"}).status_code == 404
    assert snapshot(world.mine_breached) == before


def test_actions_need_signing_in(client, world):
    answer = client.post(url(world.mine_breached, "note"), {"text": "x"})

    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]


def test_the_page_costs_the_same_queries_however_long_the_history(
    signed_in, world, service, django_assert_num_queries
):
    case = world.mine_breached
    client = signed_in(world.advisor)
    client.get(url(case))
    # 11, and the audit of reads' INSERT (ADR 0021)
    with django_assert_num_queries(12) as few:
        client.get(url(case))

    for day in range(15):
        make_case(
            service=service,
            customer=case.customer,
            received_at=world.now - timedelta(days=day + 1),
        )
        case_add_note(case=case, actor=world.advisor, text=f"Note {day}")
    client.post(url(case, "transfer"), {"to": f"user:{world.colleague.pk}", "note": "Over to you"})
    client.force_login(world.colleague)
    client.post(url(case, "transfer"), {"to": f"team:{case.team_id}", "note": "Back to team"})
    client.force_login(world.advisor)

    # + the names of the colleagues, teams and services the transfers name: three queries,
    # however many
    with django_assert_num_queries(15):
        response = client.get(url(case))
    assert len(few.captured_queries) == 12
    assert text_of(response).count("Case transferred by") == 2
    assert "From Alex Officer" in text_of(response)


# --- Add a note --------------------------------------------------------------------------


def test_adding_a_note(signed_in, world):
    case = world.mine_breached

    answer = signed_in(world.advisor).post(
        url(case, "note"), {"text": "  Called back, left a message.  "}
    )

    assert answer.status_code == 302 and answer["Location"] == url(case)
    assert events(case)[-1] == ("note", "Called back, left a message.")
    assert CaseEvent.objects.filter(case=case).last().actor == world.advisor


@pytest.mark.parametrize(
    ("data", "language", "error"),
    [
        ({"text": "   "}, "en", "Write the note."),
        ({}, "en", "Write the note."),
        ({"text": "x" * 5001}, "en", "Write no more than 5000 characters."),
        ({"text": "a\x00b"}, "en", "Remove the null characters from the text."),
        ({"text": ""}, "cy", "Ysgrifennwch y nodyn."),
        ({"text": "x" * 5001}, "cy", "Peidiwch ag ysgrifennu mwy na 5000 o nodau."),
    ],
)
def test_a_bad_note_is_refused_in_the_pages_language(signed_in, world, data, language, error):
    case = world.mine_breached
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "note", language), data)

    assert answer.status_code == 200
    page = text_of(answer)
    assert error in page.split("Note" if language == "en" else "Nodyn")[0]  # in the summary
    assert f'href="#id_text">{error}' in answer.text.replace("\n", "")
    assert snapshot(case) == before


# --- Reply -----------------------------------------------------------------------------------


def test_the_reply_page_says_how_the_reply_will_go(signed_in, world):
    response = signed_in(world.advisor).get(url(world.mine_breached, "reply"))

    page = text_of(response)
    assert "Language Welsh Sent by E-mail To ann@example.com" in page
    assert "This is the full response the customer was promised" in page


def test_a_full_reply_goes_through_the_outbox_and_meets_the_response(signed_in, world):
    case = world.mine_breached

    answer = signed_in(world.advisor).post(
        url(case, "reply"), {"text": "Byddwn yn casglu'r bin ddydd Iau.", "responds": "on"}
    )

    assert answer.status_code == 302
    (reply,) = OutboundMessage.objects.filter(case=case, purpose="reply")
    assert (reply.language, reply.method, reply.recipient) == ("cy", "email", "ann@example.com")
    assert "Byddwn yn casglu'r bin ddydd Iau." in reply.body
    assert reply.author == world.advisor
    case.refresh_from_db()
    assert case.status == "in_progress"
    states = dict(Milestone.objects.filter(case=case).values_list("kind", "state"))
    assert states == {"acknowledge": "met_late", "respond": "met"}


def test_a_reply_that_is_not_the_full_response_leaves_the_deadlines(signed_in, world):
    case = world.mine_breached

    signed_in(world.advisor).post(url(case, "reply"), {"text": "We are looking into it."})

    assert OutboundMessage.objects.filter(case=case, purpose="reply").count() == 1
    assert Case.objects.get(pk=case.pk).status == "new"
    assert Milestone.objects.get(case=case, kind="respond").state == "pending"


def test_a_customer_nobody_can_reach_cannot_be_replied_to(signed_in, world, service):
    case = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        customer=Customer(name="Dafydd Rees"),
        received_at=world.now - timedelta(hours=1),
        owner=world.advisor,
    )
    client = signed_in(world.advisor)
    before = snapshot(case)

    page = client.get(url(case, "reply"))
    answer = client.post(url(case, "reply"), {"text": "Hello"})

    assert "so no message can be sent to them" in text_of(page)
    assert "Send reply" not in text_of(page)
    assert "We have no e-mail address, mobile number or postal address" in text_of(answer)
    assert snapshot(case) == before


def test_an_empty_reply_is_refused_in_welsh(signed_in, world):
    case = world.mine_breached
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "reply", "cy"), {"text": "", "responds": "on"})

    assert "Ysgrifennwch yr ateb." in text_of(answer)
    assert snapshot(case) == before


# --- Take ownership ------------------------------------------------------------------------


def test_taking_ownership_of_a_team_case(signed_in, world):
    case = world.team_letter
    client = signed_in(world.advisor)

    answer = client.post(url(case, "take"))

    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.owner, case.team_id) == (world.advisor, world.advisor.team_id)
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.kind, event.actor, event.text) == ("transferred", world.advisor, "")
    assert "Ownership taken by Alex" in text_of(client.get(url(case)))
    assert case.reference in client.get("/en/my-work/").text
    assert case.reference not in client.get("/en/team-queue/").text


def test_taking_a_case_you_own_changes_nothing(signed_in, world):
    case = world.mine_breached
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "take"), follow=True)

    assert "That cannot be done to this case as it stands now." in text_of(answer)
    assert snapshot(case) == before


# --- Transfer --------------------------------------------------------------------------------


def test_transferring_to_a_colleague_tells_them_why(
    signed_in, world, run_tasks, django_capture_on_commit_callbacks
):
    case = world.mine_breached
    world.colleague.first_name, world.colleague.last_name = "Bethan", "Hughes"
    world.colleague.preferred_language = "cy"
    world.colleague.save()
    client = signed_in(world.advisor)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            url(case, "transfer"),
            {"to": f"user:{world.colleague.pk}", "note": "Mae hi eisiau siarad yn Gymraeg."},
        )

    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.owner, case.team_id) == (world.colleague, world.colleague.team_id)
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.kind, event.actor, event.text) == (
        "transferred",
        world.advisor,
        "Mae hi eisiau siarad yn Gymraeg.",
    )
    # Besides the world's compliment case, passed on to the advisor and manager when logged.
    (notice,) = [m for m in mail.outbox if m.subject.startswith(case.reference)]
    assert notice.to == [world.colleague.email]
    assert notice.subject == f"{case.reference}: wedi'i drosglwyddo i chi"
    assert "Annwyl Bethan Hughes," in notice.body
    assert "Mae hi eisiau siarad yn Gymraeg." in notice.body
    assert "Gwenllian Parry" in notice.body and "Missed bin" in notice.body
    assert f"Alex {world.advisor.last_name}" in notice.body

    client.force_login(world.colleague)
    queue = text_of(client.get("/en/my-work/"))
    assert (
        f"Transferred by Alex {world.advisor.last_name}: Mae hi eisiau siarad yn Gymraeg." in queue
    )
    assert f"From Alex {world.advisor.last_name} to Bethan Hughes" in text_of(client.get(url(case)))


def test_transferring_to_a_team_puts_the_case_in_its_queue(
    signed_in, world, team, run_tasks, django_capture_on_commit_callbacks
):
    case = world.mine_breached
    team.mailbox = "waste-team@example.gov.wales"
    team.save()
    client = signed_in(world.advisor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(case, "transfer"), {"to": f"team:{team.pk}", "note": "Needs a site visit."})

    case.refresh_from_db()
    assert (case.owner, case.team) == (None, team)
    (notice,) = [m for m in mail.outbox if m.subject.startswith(case.reference)]
    assert notice.to == ["waste-team@example.gov.wales"]
    # A mailbox is read by many: Welsh first, then English.
    assert notice.body.index("Helo,") < notice.body.index("Hello,")
    client.force_login(world.colleague)
    assert "Transferred by Alex" in text_of(client.get("/en/team-queue/"))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"to": "", "note": "x"}, "Choose who to transfer the case to."),
        (
            {"to": "user:{colleague}", "note": "  "},
            "Write a note for the person receiving the case.",
        ),
        ({"to": "user:{inactive}", "note": "x"}, "Choose a colleague or a team from the list."),
        ({"to": "team:999999999", "note": "x"}, "Choose a colleague or a team from the list."),
        ({"to": "user:abc\x00", "note": "x"}, "Choose a colleague or a team from the list."),
        # Its owner is not offered (the service would refuse: "The case is already theirs.").
        ({"to": "user:{advisor}", "note": "x"}, "Choose a colleague or a team from the list."),
    ],
)
def test_a_bad_transfer_is_refused(signed_in, world, data, error):
    case = world.mine_breached
    ids = {
        "colleague": world.colleague.pk,
        "inactive": UserFactory(team=world.colleague.team, is_active=False).pk,
        "advisor": world.advisor.pk,
    }
    data = {key: value.format(**ids) for key, value in data.items()}
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "transfer"), data)

    assert answer.status_code == 200
    assert error in text_of(answer)
    assert snapshot(case) == before
    assert not mail.outbox


def test_the_transfer_page_lists_every_active_services_colleagues_and_teams(signed_in, world):
    """One council (SPEC §9): a case goes to any service; the case's own service first."""
    closed = TeamFactory(service=ServiceFactory(code="closed", active=False))
    gone = UserFactory(team=closed)
    page = signed_in(world.advisor).get(url(world.mine_breached, "transfer")).text

    assert f'value="user:{world.colleague.pk}"' in page
    assert f'value="user:{world.highways_advisor.pk}"' in page
    assert f'value="team:{world.highways_advisor.team_id}"' in page
    assert f'value="team:{closed.pk}"' not in page and f'value="user:{gone.pk}"' not in page
    assert page.index('<optgroup label="Waste and recycling">') < page.index(
        '<optgroup label="Highways">'
    )


# --- Arrange a callback ---------------------------------------------------------------------


def callback_case(service, world):
    return make_case(
        service=service,
        channel="phone",
        details={
            "contact_type": "callback",
            "caller_number": "07700 900456",
            "callback_at": (world.now + timedelta(hours=1)).isoformat(),
        },
        received_at=world.now - timedelta(minutes=5),
        owner=world.advisor,
        customer=Customer(name="Owain Price"),
    )


def test_arranging_a_callback_moves_the_callback_deadline(signed_in, world, service):
    case = callback_case(service, world)
    at = timezone.localtime(world.now + timedelta(days=2)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )

    answer = signed_in(world.advisor).post(
        url(case, "callback"), {"at": at.strftime("%Y-%m-%dT%H:%M"), "note": "After school run"}
    )

    assert answer.status_code == 302
    milestone = Milestone.objects.get(case=case, kind="callback")
    assert (milestone.due_at, milestone.state, milestone.revision) == (at, "pending", 1)
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.kind, event.milestone, event.text) == (
        "callback_arranged",
        milestone,
        "After school run",
    )
    page = text_of(signed_in(world.advisor).get(url(case)))
    assert f"Agreed time: {at.day} {at:%B} {at.year}, 14:30" in page


def test_a_callback_on_a_case_without_a_callback_deadline_is_recorded(signed_in, world):
    case = world.mine_breached
    deadlines = list(Milestone.objects.filter(case=case).values_list("due_at", flat=True))
    at = timezone.localtime(world.now + timedelta(days=1)).replace(second=0, microsecond=0)

    signed_in(world.advisor).post(url(case, "callback"), {"at": at.strftime("%Y-%m-%dT%H:%M")})

    assert events(case)[-1] == ("callback_arranged", "")
    assert list(Milestone.objects.filter(case=case).values_list("due_at", flat=True)) == deadlines


@pytest.mark.parametrize(
    ("value", "language", "error"),
    [
        ("", "en", "Enter the date and time agreed with the customer."),
        ("tomorrow", "en", "Enter a real date and time"),
        ("99999-01-01T10:00", "en", "Enter a real date and time"),
        ("2020-01-01T10:00", "en", "The callback must be arranged for a time in the future."),
        ("2090-01-01T10:00", "en", "The callback must be within a year from now."),
        ("", "cy", "Rhowch y dyddiad a'r amser a gytunwyd gyda'r cwsmer."),
    ],
)
def test_a_bad_callback_time_is_refused(signed_in, world, service, value, language, error):
    case = callback_case(service, world)
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "callback", language), {"at": value})

    assert error in text_of(answer)
    assert snapshot(case) == before


# --- Extend a deadline --------------------------------------------------------------------


def test_extending_the_response_tells_the_customer(signed_in, world):
    case = world.mine_breached
    respond = Milestone.objects.get(case=case, kind="respond")
    # A working day, whatever today is: a day the office is shut would need confirming.
    calendar = working_calendar()
    new_day = calendar.add_working_days(timezone.localdate(respond.due_at), 5)
    new_due = timezone.localtime(calendar.end_of_business(new_day))
    client = signed_in(world.advisor)

    page = text_of(client.get(url(case, "extend")))
    answer = client.post(
        url(case, "extend"),
        {
            "milestone": "respond",
            "due_at": new_due.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Awaiting the contractor",
        },
    )

    assert "the customer is told the reason and the new date" in page
    assert "Language Welsh Sent by E-mail" in page
    assert answer.status_code == 302
    respond.refresh_from_db()
    assert (respond.due_at, respond.extension_reason) == (new_due, "Awaiting the contractor")
    assert events(case)[-1] == ("extended", "Awaiting the contractor")
    (notice,) = OutboundMessage.objects.filter(case=case, purpose="extension")
    assert notice.language == "cy"
    timeline = text_of(client.get(url(case))).split("Timeline")[1]
    assert "Deadline extended by Alex" in timeline and "Respond Awaiting the contractor" in timeline


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"milestone": "respond", "due_at": "2020-01-01T10:00", "reason": "x"},
            "The new due time must be later than the current one and than now.",
        ),
        (
            {"milestone": "respond", "due_at": "2099-01-01T10:00", "reason": " "},
            "Give the reason for the extension.",
        ),
        (
            {"milestone": "publish", "due_at": "2099-01-01T10:00", "reason": "x"},
            "Choose a deadline from the list.",
        ),
        ({"milestone": "", "due_at": "", "reason": "x"}, "Choose the deadline to extend."),
    ],
)
def test_a_bad_extension_is_refused(signed_in, world, data, error):
    case = world.mine_breached
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "extend"), data)

    assert error in text_of(answer)
    assert snapshot(case) == before


# --- Customer seen / officer arrived / callback made ------------------------------------------


def test_recording_the_callback_made(signed_in, world, service):
    case = callback_case(service, world)
    client = signed_in(world.advisor)

    page = client.get(url(case))
    answer = client.post(url(case, "meet"), {"milestone": "callback"})

    assert "Callback made" in text_of(page)
    assert answer.status_code == 302
    milestone = Milestone.objects.get(case=case, kind="callback")
    assert milestone.state == "met" and milestone.met_at is not None
    assert events(case)[-1] == ("milestone_met", "")
    assert "Callback made" not in text_of(client.get(url(case)))


@pytest.mark.parametrize(
    ("contact_type", "kind", "button"),
    [("appointment", "seen", "Customer seen"), ("officer_visit", "arrive", "Officer arrived")],
)
def test_recording_the_customer_seen_or_the_officer_arrived(
    signed_in, world, service, contact_type, kind, button
):
    case = make_case(
        service=service,
        channel="visit",
        details={
            "contact_type": contact_type,
            "scheduled_at": (world.now - timedelta(minutes=2)).isoformat(),
        },
        received_at=world.now - timedelta(days=1),
        owner=world.advisor,
    )
    client = signed_in(world.advisor)

    assert f'value="{kind}"' in client.get(url(case)).text
    assert button in text_of(client.get(url(case)))
    answer = client.post(url(case, "meet"), {"milestone": kind})

    assert answer.status_code == 302
    assert Milestone.objects.get(case=case, kind=kind).state == "met"


def test_recording_a_milestone_the_case_does_not_have_is_refused(signed_in, world, service):
    case = callback_case(service, world)
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "meet"), {"milestone": "seen"})

    assert "That has already been recorded, or this case does not need it." in text_of(answer)
    assert snapshot(case) == before


# --- Resolve and reopen --------------------------------------------------------------------


def test_resolving_with_an_outcome_and_a_message(signed_in, world):
    case = world.mine_breached

    answer = signed_in(world.advisor).post(
        url(case, "resolve"),
        {"outcome": "Bin collected on Thursday", "message": "Casglwyd eich bin ddydd Iau."},
    )

    assert answer.status_code == 302
    case.refresh_from_db()
    assert case.status == "resolved" and case.resolved_at is not None
    assert set(Milestone.objects.filter(case=case).values_list("state", flat=True)) <= {
        "met",
        "met_late",
    }
    status_event = CaseEvent.objects.filter(case=case, kind="status_changed").last()
    assert (status_event.payload["to"], status_event.text) == (
        "resolved",
        "Bin collected on Thursday",
    )
    (message,) = OutboundMessage.objects.filter(case=case, purpose="resolution")
    assert "Casglwyd eich bin ddydd Iau." in message.body


def test_resolving_without_an_outcome_is_refused_in_welsh(signed_in, world):
    case = world.mine_breached
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "resolve", "cy"), {"outcome": ""})

    assert "Dywedwch beth a wnaed i ddatrys yr achos." in text_of(answer)
    assert snapshot(case) == before


def test_a_resolved_case_cannot_be_resolved_again(signed_in, world):
    case = world.team_resolved
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "resolve"), {"outcome": "Again"}, follow=True)

    assert "That cannot be done to this case as it stands now." in text_of(answer)
    assert snapshot(case) == before


def test_reopening_with_a_reason(signed_in, world):
    case = world.team_resolved

    answer = signed_in(world.advisor).post(url(case, "reopen"), {"reason": "Bin missed again"})

    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.reopened_count, case.resolved_at) == ("in_progress", 1, None)
    assert events(case)[-1] == ("reopened", "Bin missed again")


def test_reopening_without_a_reason_is_refused(signed_in, world):
    case = world.team_resolved
    before = snapshot(case)

    answer = signed_in(world.advisor).post(url(case, "reopen"), {"reason": "\x00"})

    assert "Remove the null characters from the text." in text_of(answer)
    assert snapshot(case) == before


def test_an_open_case_cannot_be_reopened(signed_in, world):
    case = world.mine_breached
    before = snapshot(case)

    signed_in(world.advisor).post(url(case, "reopen"), {"reason": "why not"})

    assert snapshot(case) == before


def test_a_resolved_case_can_still_be_noted_on(signed_in, world):
    case = world.team_resolved
    signed_in(world.advisor).post(url(case, "note"), {"text": "Customer rang to thank us"})

    assert events(case)[-1] == ("note", "Customer rang to thank us")


def test_a_manager_of_the_service_can_act(signed_in, world):
    answer = signed_in(world.manager).post(url(world.team_letter, "take"))

    assert answer.status_code == 302
    assert Case.objects.get(pk=world.team_letter.pk).owner == world.manager


def test_an_inactive_colleague_is_not_offered(signed_in, world, team):
    gone = UserFactory(team=team, username="gone", is_active=False)

    page = signed_in(world.advisor).get(url(world.mine_breached, "transfer")).text

    assert f'value="user:{gone.pk}"' not in page
