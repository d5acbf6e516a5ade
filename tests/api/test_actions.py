"""POST /api/v1/cases/<reference>/<action>/: what staff do to a case, through the API.

Each case is received Monday 2 March 2026 10:00 GMT by e-mail to a department: acknowledge by
Tuesday 3 March 10:00, respond by Monday 16 March 17:00. ``at`` times are given in the past, so
the outcome (met or met late) is known; a refused action changes nothing.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from contacts.models import Case, CaseEvent, Milestone
from contacts.services import case_acknowledge, case_close, case_resolve
from tests.factories import make_case

from .conftest import case_url

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
REF = "CYS-2026-000001"


@pytest.fixture
def case(service) -> Case:
    return make_case(service=service, received_at=RECEIVED)


def act(client, action: str, data: Any = None, reference: str = REF):
    return client.post(case_url(reference, action), data or {}, format="json")


def milestones(body: dict) -> dict[str, tuple]:
    return {m["kind"]: (m["state"], m["met_at"]) for m in body["milestones"]}


def timeline(case: Case) -> list[tuple]:
    """(kind, status before, status or state after, text) of each event."""
    return [
        (
            kind,
            payload.get("from", ""),
            payload.get("to", payload.get("status", payload.get("state", ""))),
            text,
        )
        for kind, payload, text in CaseEvent.objects.filter(case=case)
        .order_by("id")
        .values_list("kind", "payload", "text")
    ]


def snapshot(case: Case) -> tuple:
    """Everything an action could change."""
    return (
        Case.objects.filter(pk=case.pk).values().get(),
        list(Milestone.objects.filter(case=case).order_by("kind").values()),
        list(CaseEvent.objects.filter(case=case).order_by("id").values()),
    )


def close_case(case: Case, advisor) -> Case:
    case_resolve(case=case, actor=advisor, at=RECEIVED + timedelta(hours=1))
    return case_close(case=case, actor=advisor)


# --- acknowledge, respond, resolve, close, reopen ----------------------------------------------


def test_acknowledging_on_time_meets_the_acknowledgement(api, case, advisor):
    response = act(api, "acknowledge", {"at": "2026-03-03T09:00:00Z"})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["sla_state"], body["next_due_at"]) == (
        "acknowledged",
        "pending",
        "2026-03-16T17:00:00Z",
    )
    assert milestones(body) == {
        "acknowledge": ("met", "2026-03-03T09:00:00Z"),
        "respond": ("pending", None),
    }
    assert timeline(case) == [
        ("created", "", "new", ""),
        ("milestone_met", "", "met", ""),
        ("status_changed", "new", "acknowledged", ""),
    ]
    assert set(CaseEvent.objects.exclude(kind="created").values_list("actor", flat=True)) == {
        advisor.pk
    }


def test_a_time_with_an_offset_is_compared_as_the_same_instant(api, case):
    # 10:30 at +01:00 is 09:30 UTC, before the 10:00 UTC deadline.
    body = act(api, "acknowledge", {"at": "2026-03-03T10:30:00+01:00"}).json()

    assert milestones(body)["acknowledge"] == ("met", "2026-03-03T09:30:00Z")


def test_acknowledging_a_second_late_is_met_late(api, case):
    body = act(api, "acknowledge", {"at": "2026-03-03T10:00:01Z"}).json()

    assert (body["status"], milestones(body)["acknowledge"]) == (
        "acknowledged",
        ("met_late", "2026-03-03T10:00:01Z"),
    )
    assert body["sla_state"] == "pending"  # the response is still to come


def test_acknowledging_now_is_late_for_a_contact_received_months_ago(api, case):
    before = timezone.now()

    body = act(api, "acknowledge").json()

    state, met_at = milestones(body)["acknowledge"]
    met = Milestone.objects.get(case=case, kind="acknowledge").met_at
    assert state == "met_late"
    assert before <= met <= timezone.now()
    assert met_at == timezone.localtime(met).isoformat().replace("+00:00", "Z")


def test_responding_meets_the_response_and_an_acknowledgement_still_owed(api, case):
    body = act(api, "respond", {"at": "2026-03-10T12:00:00Z"}).json()

    assert (body["status"], body["sla_state"], body["next_due_at"]) == (
        "in_progress",
        "met_late",
        None,
    )
    assert milestones(body) == {
        "acknowledge": ("met_late", "2026-03-10T12:00:00Z"),
        "respond": ("met", "2026-03-10T12:00:00Z"),
    }


def test_resolving_meets_every_open_milestone_and_records_the_note(api, case):
    body = act(api, "resolve", {"at": "2026-03-03T09:00:00Z", "note": "Bin collected"}).json()

    assert (body["status"], body["resolved_at"], body["sla_state"], body["next_due_at"]) == (
        "resolved",
        "2026-03-03T09:00:00Z",
        "met",
        None,
    )
    assert milestones(body) == {
        "acknowledge": ("met", "2026-03-03T09:00:00Z"),
        "respond": ("met", "2026-03-03T09:00:00Z"),
    }
    assert timeline(case)[-1] == ("status_changed", "new", "resolved", "Bin collected")


def test_closing_a_resolved_case(api, case):
    act(api, "resolve", {"at": "2026-03-03T09:00:00Z"})
    before = timezone.now()

    body = act(api, "close").json()

    assert body["status"] == "closed"
    closed_at = Case.objects.get().closed_at
    assert before <= closed_at <= timezone.now()
    assert body["closed_at"] == timezone.localtime(closed_at).isoformat().replace("+00:00", "Z")
    assert timeline(case)[-1] == ("status_changed", "resolved", "closed", "")


def test_reopening_costs_the_case_its_right_first_time(api, case, advisor):
    close_case(case, advisor)

    response = act(api, "reopen", {"reason": "The bin was missed again"})

    assert response.status_code == 200
    body = response.json()
    assert (
        body["status"],
        body["reopened_count"],
        body["right_first_time"],
        body["resolved_at"],
        body["closed_at"],
    ) == ("in_progress", 1, False, None, None)
    assert timeline(case)[-1] == ("reopened", "closed", "in_progress", "The bin was missed again")


def test_a_reopened_case_can_be_resolved_again(api, case, advisor):
    close_case(case, advisor)
    act(api, "reopen", {"reason": "Missed again"})

    body = act(api, "resolve", {"at": "2026-03-05T09:00:00Z"}).json()

    assert (body["status"], body["reopened_count"], body["right_first_time"]) == (
        "resolved",
        1,
        False,
    )


def test_closing_a_closed_case_again_does_not_move_its_closing_time(api, case, advisor):
    close_case(case, advisor)
    Case.objects.filter(pk=case.pk).update(closed_at=datetime(2026, 3, 4, 12, 0, tzinfo=UTC))

    act(api, "close")

    assert Case.objects.get().closed_at == datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


# --- extend and meet --------------------------------------------------------------------------


def test_extending_a_deadline_records_the_original_the_reason_and_the_timeline(api, case):
    before = timezone.now()

    response = act(
        api,
        "milestones/respond/extend",
        {"due_at": "2030-06-03T17:00:00+01:00", "reason": "Awaiting the contractor"},
    )

    assert response.status_code == 200
    respond = next(m for m in response.json()["milestones"] if m["kind"] == "respond")
    assert {key: respond[key] for key in respond if key != "extended_at"} == {
        "kind": "respond",
        "description": "Respond within 10 working days",
        "rule": "working_days",
        "starts_at": "2026-03-02T10:00:00Z",
        "due_at": "2030-06-03T17:00:00+01:00",
        # Due soon from the end of the working day before: Friday 31 May 2030.
        "due_soon_at": "2030-05-31T17:00:00+01:00",
        "state": "pending",
        "met_at": None,
        "extension_reason": "Awaiting the contractor",
        "original_due_at": "2026-03-16T17:00:00Z",
    }
    milestone = Milestone.objects.get(case=case, kind="respond")
    assert before <= milestone.extended_at <= timezone.now()
    assert milestone.due_at == datetime(2030, 6, 3, 16, 0, tzinfo=UTC)
    assert timeline(case)[-1] == ("extended", "", "", "Awaiting the contractor")
    assert CaseEvent.objects.get(kind="extended").milestone == milestone


def test_a_second_extension_keeps_the_first_original_due_time(api, case):
    act(api, "milestones/respond/extend", {"due_at": "2030-06-03T16:00:00Z", "reason": "One"})

    body = act(
        api, "milestones/respond/extend", {"due_at": "2030-07-01T16:00:00Z", "reason": "Two"}
    ).json()

    respond = next(m for m in body["milestones"] if m["kind"] == "respond")
    assert (respond["due_at"], respond["original_due_at"], respond["extension_reason"]) == (
        "2030-07-01T17:00:00+01:00",
        "2026-03-16T17:00:00Z",
        "Two",
    )


def test_meeting_a_callback_at_the_agreed_time(api, service):
    make_case(
        service=service,
        channel="phone",
        received_at=RECEIVED,
        details={
            "contact_type": "callback",
            "caller_number": "01824 706000",
            "callback_at": "2026-03-02T14:00:00Z",
        },
    )

    body = act(api, "milestones/callback/meet", {"at": "2026-03-02T14:00:00Z"}).json()

    assert milestones(body) == {"callback": ("met", "2026-03-02T14:00:00Z")}
    assert body["status"] == "new"  # making the callback does not move the case on


def test_meeting_a_callback_late(api, service):
    make_case(
        service=service,
        channel="phone",
        received_at=RECEIVED,
        details={
            "contact_type": "callback",
            "caller_number": "01824 706000",
            "callback_at": "2026-03-02T14:00:00Z",
        },
    )

    body = act(api, "milestones/callback/meet", {"at": "2026-03-02T14:05:00Z"}).json()

    assert milestones(body) == {"callback": ("met_late", "2026-03-02T14:05:00Z")}


# --- Refusals: 400 in both languages, nothing changed -----------------------------------------


def resolved(case, advisor):
    case_resolve(case=case, actor=advisor, at=RECEIVED + timedelta(hours=1))


def closed(case, advisor):
    close_case(case, advisor)


def acknowledged(case, advisor):
    case_acknowledge(case=case, actor=advisor, at=RECEIVED + timedelta(hours=1))


def untouched(case, advisor):
    pass


REFUSALS = {
    "acknowledge-closed": (
        closed,
        "acknowledge",
        {},
        {"status": ["The case is Closed; reopen it first."]},
        {"status": ['Statws yr achos yw "Wedi\'i gau"; ailagorwch ef yn gyntaf.']},
    ),
    "respond-resolved": (
        resolved,
        "respond",
        {},
        {"status": ["The case is Resolved; reopen it first."]},
        {"status": ['Statws yr achos yw "Wedi\'i ddatrys"; ailagorwch ef yn gyntaf.']},
    ),
    "resolve-closed": (
        closed,
        "resolve",
        {},
        {"status": ["The case is Closed; reopen it first."]},
        {"status": ['Statws yr achos yw "Wedi\'i gau"; ailagorwch ef yn gyntaf.']},
    ),
    "close-new": (
        untouched,
        "close",
        {},
        {"status": ["A case that is New cannot become Closed."]},
        {"status": ['Ni all achos sydd â\'r statws "Newydd" symud i\'r statws "Wedi\'i gau".']},
    ),
    "close-acknowledged": (
        acknowledged,
        "close",
        {},
        {"status": ["A case that is Acknowledged cannot become Closed."]},
        {
            "status": [
                "Ni all achos sydd â'r statws \"Wedi'i gydnabod\" symud i'r statws \"Wedi'i gau\"."
            ]
        },
    ),
    "reopen-new": (
        untouched,
        "reopen",
        {"reason": "Because"},
        {"status": ["Only a resolved or closed case can be reopened."]},
        {"status": ["Dim ond achos sydd wedi'i ddatrys neu wedi'i gau y gellir ei ailagor."]},
    ),
    "reopen-without-reason": (
        closed,
        "reopen",
        {},
        {"reason": ["This field is required."]},
        {"reason": ["Mae angen y maes hwn."]},
    ),
    "reopen-blank-reason": (
        closed,
        "reopen",
        {"reason": "   "},
        {"reason": ["This field may not be blank."]},
        {"reason": ["Ni chaiff y maes hwn fod yn wag."]},
    ),
    "at-in-the-future": (
        untouched,
        "acknowledge",
        {"at": "2099-01-01T00:00:00Z"},
        {"at": ["The time cannot be in the future."]},
        {"at": ["Ni all yr amser fod yn y dyfodol."]},
    ),
    "at-before-receipt": (
        untouched,
        "respond",
        {"at": "2026-03-02T09:59:59Z"},
        {"at": ["The time cannot be before the case was received."]},
        {"at": ["Ni all yr amser fod cyn i'r achos ddod i law."]},
    ),
    "naive-at": (
        untouched,
        "resolve",
        {"at": "2026-03-03T09:00:00"},
        {"at": ["Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."]},
        {"at": ["Rhowch yr amser gyda'i wrthbwyso UTC, er enghraifft 2026-03-02T10:00:00+00:00."]},
    ),
    "note-too-long": (
        untouched,
        "resolve",
        {"note": "n" * 5001},
        {"note": ["Ensure this field has no more than 5000 characters."]},
        {"note": ["Sicrhewch nad oes mwy na 5000 nod yn y maes hwn."]},
    ),
    "extend-without-anything": (
        untouched,
        "milestones/respond/extend",
        {},
        {"due_at": ["This field is required."], "reason": ["This field is required."]},
        {"due_at": ["Mae angen y maes hwn."], "reason": ["Mae angen y maes hwn."]},
    ),
    "extend-naive": (
        untouched,
        "milestones/respond/extend",
        {"due_at": "2030-06-03T17:00:00", "reason": "Contractor"},
        {"due_at": ["Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."]},
        {
            "due_at": [
                "Rhowch yr amser gyda'i wrthbwyso UTC, er enghraifft 2026-03-02T10:00:00+00:00."
            ]
        },
    ),
    "extend-earlier": (
        untouched,
        "milestones/respond/extend",
        {"due_at": "2026-03-13T17:00:00Z", "reason": "Contractor"},
        {"due_at": ["The new due time must be later than the current one and than now."]},
        {
            "due_at": [
                "Rhaid i'r amser dyledus newydd fod yn hwyrach na'r un presennol ac yn hwyrach "
                "na nawr."
            ]
        },
    ),
    "extend-later-but-past": (
        untouched,
        "milestones/respond/extend",
        {"due_at": "2026-04-01T17:00:00+01:00", "reason": "Contractor"},
        {"due_at": ["The new due time must be later than the current one and than now."]},
        {
            "due_at": [
                "Rhaid i'r amser dyledus newydd fod yn hwyrach na'r un presennol ac yn hwyrach "
                "na nawr."
            ]
        },
    ),
    "extend-unknown-milestone": (
        untouched,
        "milestones/callback/extend",
        {"due_at": "2030-06-03T16:00:00Z", "reason": "Contractor"},
        {"milestone": ["This case has no such milestone."]},
        {"milestone": ["Nid oes gan yr achos hwn garreg filltir o'r fath."]},
    ),
    "extend-met-milestone": (
        acknowledged,
        "milestones/acknowledge/extend",
        {"due_at": "2030-06-03T16:00:00Z", "reason": "Contractor"},
        {"milestone": ["A milestone that has been met cannot be extended."]},
        {"milestone": ["Ni ellir estyn carreg filltir sydd wedi'i chyflawni."]},
    ),
    "meet-met-milestone": (
        acknowledged,
        "milestones/acknowledge/meet",
        {},
        {"milestone": ["This milestone has already been met."]},
        {"milestone": ["Mae'r garreg filltir hon wedi'i chyflawni eisoes."]},
    ),
    "meet-unknown-milestone": (
        untouched,
        "milestones/seen/meet",
        {},
        {"milestone": ["This case has no such milestone."]},
        {"milestone": ["Nid oes gan yr achos hwn garreg filltir o'r fath."]},
    ),
}


@pytest.mark.parametrize(("language", "index"), [("en", 3), ("cy", 4)])
@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_action_answers_400_and_changes_nothing(
    client_for, advisor, case, refusal, language, index
):
    refusal[0](case, advisor)
    before = snapshot(case)

    response = act(client_for(advisor, language), refusal[1], refusal[2])

    assert (response.status_code, response.json()) == (400, refusal[index])
    assert snapshot(case) == before


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_deadline_that_is_measured_cannot_be_extended(client_for, advisor, service, language):
    case = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=RECEIVED,
    )
    before = snapshot(case)

    response = act(
        client_for(advisor, language),
        "milestones/seen/extend",
        {"due_at": "2030-06-03T16:00:00Z", "reason": "Queue"},
    )

    assert response.status_code == 400
    assert (
        response.json()
        == {
            "en": {"milestone": ["This milestone has no deadline to extend."]},
            "cy": {"milestone": ["Nid oes gan y garreg filltir hon derfyn amser i'w estyn."]},
        }[language]
    )
    assert snapshot(case) == before


# --- Who may act ------------------------------------------------------------------------------

ACTIONS = [
    ("acknowledge", {}),
    ("respond", {}),
    ("resolve", {}),
    ("close", {}),
    ("reopen", {"reason": "Why not"}),
    ("milestones/respond/extend", {"due_at": "2030-06-03T16:00:00Z", "reason": "Contractor"}),
    ("milestones/acknowledge/meet", {}),
]


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "Only staff of the case's service can do this."),
        ("cy", "Dim ond staff gwasanaeth yr achos sy'n gallu gwneud hyn."),
    ],
)
def test_a_councillor_may_follow_their_enquiry_but_not_act_on_it(
    client_for, service, councillor, action, data, language, detail
):
    case = make_case(
        service=service, kind="councillor_enquiry", submitted_by=councillor, received_at=RECEIVED
    )
    before = snapshot(case)

    response = act(client_for(councillor, language), action, data)

    assert (response.status_code, response.json()) == (403, {"detail": detail})
    assert snapshot(case) == before


def test_a_clerk_may_not_act_on_their_enquiry_either(client_for, service, clerk):
    case = make_case(service=service, submitted_by=clerk, received_at=RECEIVED)
    before = snapshot(case)

    response = act(client_for(clerk, "cy"), "acknowledge")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Dim ond staff gwasanaeth yr achos sy'n gallu gwneud hyn."},
    )
    assert snapshot(case) == before


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_staff_of_another_service_may_read_the_case_but_not_act_on_it(
    client_for, highways_advisor, case, action, data
):
    before = snapshot(case)

    response = act(client_for(highways_advisor, "cy"), action, data)

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Dim ond staff gwasanaeth yr achos sy'n gallu gwneud hyn."},
    )
    assert snapshot(case) == before


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_staff_of_another_service_cannot_find_a_confidential_case(
    client_for, highways_advisor, case, action, data
):
    Case.objects.filter(pk=case.pk).update(confidential=True)
    before = snapshot(case)

    response = act(client_for(highways_advisor, "cy"), action, data)

    assert (response.status_code, response.json()) == (404, {"detail": "Heb ei ganfod."})
    assert snapshot(case) == before


def test_the_manager_and_the_administrator_may_act(client_for, team, administrator, case):
    assert act(client_for(team.manager), "acknowledge").json()["status"] == "acknowledged"
    assert act(client_for(administrator), "respond").json()["status"] == "in_progress"


def test_acting_needs_credentials(anonymous, case):
    before = snapshot(case)

    response = act(anonymous, "acknowledge")

    assert response.status_code == 401
    assert snapshot(case) == before


def test_actions_answer_only_post(api, case):
    response = api.get(case_url(REF, "acknowledge"))

    assert (response.status_code, response.json()) == (405, {"detail": 'Method "GET" not allowed.'})


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_actions_on_an_unknown_case_are_not_found(api, case, action, data):
    response = act(api, action, data, reference="CYS-2026-999999")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


ODD_BODIES = [
    '{"at": null}',
    '{"at": 1700000000}',
    '{"at": ["2026-03-03T09:00:00Z"]}',
    '{"at": "9999-12-31T23:59:59-05:00"}',
    '{"due_at": {"a": 1}, "reason": ["x"]}',
    '{"due_at": "9999-12-31T23:59:59Z", "reason": "far"}',
    '{"due_at": "0001-01-01T00:00:00+01:00", "reason": "x"}',
    '{"reason": 12}',
    '{"note": null}',
    "[]",
    '"x"',
    "null",
    "{",
    "",
]


@pytest.mark.parametrize("body", ODD_BODIES)
@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_odd_action_bodies_never_make_a_server_error(api, case, action, data, body):
    response = api.post(case_url(REF, action), body, content_type="application/json")

    assert response.status_code < 500
