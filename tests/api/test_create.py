"""POST /api/v1/cases/: a contact becomes a case, or a clear error in the caller's language and
nothing stored (SPEC §5, §8).

Received times are fixed in the past, so the due times are known: received Monday 2 March 2026
10:00 GMT, an e-mail to a department is to be acknowledged within 24 hours (Tuesday 10:00) and
answered within 10 working days (Monday 16 March, 17:00). DRF renders times in Europe/London
local time: ``Z`` while GMT, ``+01:00`` in summer time.
"""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.api_tokens.models import ApiToken
from accounts.api_tokens.scopes import Scope
from contacts.models import Case, CaseEvent, Customer
from tests.factories import CustomerFactory, token_for

from .conftest import CASES_URL, PASSWORD, counts

pytestmark = pytest.mark.django_db

EMAIL = {
    "contact_type": "department",
    "from_address": "ann@example.com",
    "to_address": "waste@example.gov.wales",
}

NEW_CASE = {
    "channel": "email",
    "received_at": "2026-03-02T10:00:00Z",
    "summary": "Missed bin",
    "channel_details": EMAIL,
}

CREATED = {
    "reference": "CYS-2026-000001",
    "channel": "email",
    "contact_type": "department",
    "kind": "enquiry",
    "status": "new",
    "standard": "EMAIL_DEPARTMENT",
    "service": "waste",
    "in_full": True,
    "team": None,
    "request_type": None,
    "owner": None,
    "submitted_by": None,
    "customer": None,
    "language": "",
    "received_at": "2026-03-02T10:00:00Z",
    "summary": "Missed bin",
    "description": "",
    "channel_details": EMAIL,
    "right_first_time": True,
    "reopened_count": 0,
    "resolved_at": None,
    "closed_at": None,
    "sla_state": "pending",
    "next_due_at": "2026-03-03T10:00:00Z",
    "milestones": [
        {
            "kind": "acknowledge",
            "description": "Acknowledge within 24 hours",
            "rule": "hours",
            "starts_at": "2026-03-02T10:00:00Z",
            "due_at": "2026-03-03T10:00:00Z",
            "due_soon_at": "2026-03-03T04:00:00Z",
            "state": "pending",
            "met_at": None,
            "extended_at": None,
            "extension_reason": "",
            "original_due_at": None,
        },
        {
            "kind": "respond",
            "description": "Respond within 10 working days",
            "rule": "working_days",
            "starts_at": "2026-03-02T10:00:00Z",
            "due_at": "2026-03-16T17:00:00Z",
            "due_soon_at": "2026-03-13T17:00:00Z",
            "state": "pending",
            "met_at": None,
            "extended_at": None,
            "extension_reason": "",
            "original_due_at": None,
        },
    ],
}

NOTHING = {"cases": 0, "customers": 0, "milestones": 0, "events": 0}


def post(client: APIClient, payload: Any):
    return client.post(CASES_URL, payload, format="json")


# --- Success -------------------------------------------------------------------------------


def test_a_contact_becomes_a_case_with_its_milestones_due_in_local_time(api, advisor):
    response = post(api, NEW_CASE)

    assert response.status_code == 201
    assert response.json() == CREATED
    case = Case.objects.get()
    assert (case.reference, case.service.code, case.submitted_by) == (
        "CYS-2026-000001",
        "waste",
        None,
    )
    assert counts() == {"cases": 1, "customers": 0, "milestones": 2, "events": 1}
    assert CaseEvent.objects.get().actor == advisor


def test_due_times_in_summer_time_are_rendered_with_the_bst_offset(api):
    # Received Thursday 2 April 2026 09:00 BST; 10 working days skip Good Friday and Easter
    # Monday: Monday 20 April, 17:00 BST.
    response = post(api, {**NEW_CASE, "received_at": "2026-04-02T08:00:00Z"})

    assert response.status_code == 201
    body = response.json()
    assert body["received_at"] == "2026-04-02T09:00:00+01:00"
    assert [(m["kind"], m["due_at"]) for m in body["milestones"]] == [
        ("acknowledge", "2026-04-03T09:00:00+01:00"),
        ("respond", "2026-04-20T17:00:00+01:00"),
    ]
    assert body["next_due_at"] == "2026-04-03T09:00:00+01:00"


def test_a_time_given_with_another_offset_is_stored_as_the_same_instant(api):
    response = post(api, {**NEW_CASE, "received_at": "2026-03-02T11:00:00+01:00"})

    assert response.status_code == 201
    assert response.json()["received_at"] == "2026-03-02T10:00:00Z"


def test_a_recent_contact_received_an_hour_ago_is_accepted(api):
    received = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)

    response = post(api, {**NEW_CASE, "received_at": received.isoformat()})

    assert response.status_code == 201
    assert Case.objects.get().received_at == received


def test_a_new_customer_is_stored_with_the_case_and_sets_its_language(api):
    response = post(
        api,
        {
            **NEW_CASE,
            "customer": {
                "name": "Siân Jones",
                "email": "sian@example.com",
                "preferred_language": "cy",
            },
        },
    )

    assert response.status_code == 201
    customer = Customer.objects.get()
    assert response.json()["customer"] == {
        "id": customer.pk,
        "name": "Siân Jones",
        "email": "sian@example.com",
        "phone": "",
        "postcode": "",
        "preferred_language": "cy",
        "preferred_contact_method": "",
        "large_print": False,
        "bsl": False,
        "interpreter_language": "",
    }
    assert response.json()["language"] == "cy"
    assert counts() == {"cases": 1, "customers": 1, "milestones": 2, "events": 1}


def test_staff_may_give_an_existing_customer(api):
    customer = CustomerFactory(name="Ann Evans", preferred_language="en")

    response = post(api, {**NEW_CASE, "customer_id": customer.pk})

    assert response.status_code == 201
    assert response.json()["customer"]["id"] == customer.pk
    assert Case.objects.get().customer == customer
    assert Customer.objects.count() == 1


def test_a_callback_is_due_at_the_agreed_time(api):
    response = post(
        api,
        {
            **NEW_CASE,
            "channel": "phone",
            "channel_details": {
                "contact_type": "callback",
                "caller_number": "01824 706000",
                "callback_at": "2026-03-02T14:00:00Z",
            },
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["standard"], body["contact_type"]) == ("PHONE_CALLBACK", "callback")
    assert body["channel_details"] == {
        "contact_type": "callback",
        "caller_number": "01824 706000",
        "callback_at": "2026-03-02T14:00:00Z",
        "handled_in_welsh": False,
    }
    assert [(m["kind"], m["due_at"]) for m in body["milestones"]] == [
        ("callback", "2026-03-02T14:00:00Z")
    ]


def test_a_compliment_has_no_deadline_and_no_sla_state(api):
    response = post(api, {**NEW_CASE, "kind": "compliment"})

    assert response.status_code == 201
    body = response.json()
    assert (body["standard"], body["milestones"], body["sla_state"], body["next_due_at"]) == (
        "COMPLIMENT",
        [],
        None,
        None,
    )


# --- Authentication ------------------------------------------------------------------------


def test_session_authentication_works_too(advisor):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="advisor", password=PASSWORD)

    response = post(client, NEW_CASE)

    assert response.status_code == 201
    assert response.json()["reference"] == "CYS-2026-000001"


def test_session_authentication_checks_the_csrf_token(advisor):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="advisor", password=PASSWORD)

    refused = post(client, NEW_CASE)
    client.cookies["csrftoken"] = "k" * 32
    accepted = client.post(CASES_URL, NEW_CASE, format="json", HTTP_X_CSRFTOKEN="k" * 32)

    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "The security check of your session failed. Reload the page and try again."},
    )
    assert accepted.status_code == 201
    assert Case.objects.count() == 1


def test_a_csrf_failure_is_explained_in_welsh(advisor):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="cy")
    assert client.login(username="advisor", password=PASSWORD)

    response = post(client, NEW_CASE)

    assert response.status_code == 403
    assert not response.json()["detail"].startswith("CSRF Failed")


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "Authentication credentials were not provided."),
        ("cy", "Ni roddwyd manylion dilysu."),
    ],
)
def test_without_credentials_the_api_answers_401_and_stores_nothing(db, language, detail):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)

    response = post(client, NEW_CASE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": detail}
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("header", "en", "cy"),
    [
        ("Token not-a-real-token", "Invalid token.", "Tocyn annilys."),
        (
            "Token",
            "Invalid token header. No credentials provided.",
            "Pennawd tocyn annilys. Ni roddwyd manylion mewngofnodi.",
        ),
        (
            "Token one two",
            "Invalid token header. Token string should not contain spaces.",
            "Pennawd tocyn annilys. Ni ddylai'r tocyn gynnwys bylchau.",
        ),
    ],
    ids=["unknown", "empty", "spaces"],
)
def test_a_bad_token_is_refused_in_both_languages(db, header, en, cy):
    for language, detail in (("en", en), ("cy", cy)):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language, HTTP_AUTHORIZATION=header)
        response = client.get(CASES_URL)
        assert (response.status_code, response.json()) == (401, {"detail": detail})


def test_the_token_of_a_deactivated_user_is_refused(client_for, advisor):
    client = client_for(advisor, "cy")
    advisor.is_active = False
    advisor.save(update_fields=["is_active"])

    response = post(client, NEW_CASE)

    assert response.status_code == 401
    assert response.json() == {"detail": "Mae'r defnyddiwr yn anweithredol neu wedi'i ddileu."}
    assert counts() == NOTHING


def test_the_token_endpoint_gives_a_token_and_refuses_bad_credentials_in_welsh(advisor):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cy")

    good = client.post(
        "/api/v1/auth/token/", {"username": "advisor", "password": PASSWORD}, format="json"
    )
    bad = client.post(
        "/api/v1/auth/token/", {"username": "advisor", "password": "wrong"}, format="json"
    )

    assert good.status_code == 200
    issued = ApiToken.objects.get()
    assert good.json() == {
        "token": good.json()["token"],
        "expires": issued.expiry_date.isoformat().replace("+00:00", "Z"),
        "scopes": sorted(scope.value for scope in Scope),
    }
    # Issued for the user, for 12 hours (API_TOKEN_SIGN_IN_HOURS), stored hashed.
    assert ApiToken.objects.get_from_key(good.json()["token"]) == issued
    assert issued.user == advisor
    assert abs(issued.expiry_date - issued.created - timedelta(hours=12)) < timedelta(seconds=5)
    assert good.json()["token"] not in issued.hashed_key
    assert (bad.status_code, bad.json()) == (
        400,
        {"non_field_errors": ["Nid oes modd mewngofnodi gyda'r manylion a roddwyd."]},
    )


def test_without_accept_language_errors_come_in_welsh_first(advisor):
    # LANGUAGE_CODE is cy: Welsh comes first when the caller does not say (SPEC §5).
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")

    response = post(client, {**NEW_CASE, "summary": ""})

    assert response.json() == {"summary": ["Ni chaiff y maes hwn fod yn wag."]}


# --- Bad input: 400, field errors in both languages, nothing stored --------------------------

# (payload changes, English errors, Welsh errors); ``None`` as a value removes the key.
BAD_INPUT = {
    "naive-received-at": (
        {"received_at": "2026-03-02T10:00:00"},
        {
            "received_at": [
                "Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."
            ]
        },
        {
            "received_at": [
                "Rhowch yr amser gyda'i wrthbwyso UTC, er enghraifft 2026-03-02T10:00:00+00:00."
            ]
        },
    ),
    "future-received-at": (
        {"received_at": "2099-03-02T10:00:00Z"},
        {"received_at": ["The time received cannot be in the future."]},
        {"received_at": ["Ni all yr amser derbyn fod yn y dyfodol."]},
    ),
    "received-at-not-a-time": (
        {"received_at": "yesterday"},
        {
            "received_at": [
                "Datetime has wrong format. Use one of these formats instead: "
                "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
            ]
        },
        {
            "received_at": [
                "Mae fformat y dyddiad a'r amser yn anghywir. Defnyddiwch un o'r fformatau hyn yn "
                "lle hynny: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
            ]
        },
    ),
    "unknown-channel": (
        {"channel": "pigeon"},
        {"channel": ['"pigeon" is not a valid choice.']},
        {"channel": ['Nid yw "pigeon" yn ddewis dilys.']},
    ),
    "unknown-kind": (
        {"kind": "gossip"},
        {"kind": ['"gossip" is not a valid choice.']},
        {"kind": ['Nid yw "gossip" yn ddewis dilys.']},
    ),
    "unknown-standard": (
        {"standard": "NO_SUCH_STANDARD"},
        {"standard": ["Object with code=NO_SUCH_STANDARD does not exist."]},
        {"standard": ["Nid yw gwrthrych â code=NO_SUCH_STANDARD yn bodoli."]},
    ),
    "unknown-service": (
        {"service": "parks"},
        {"service": ["Object with code=parks does not exist."]},
        {"service": ["Nid yw gwrthrych â code=parks yn bodoli."]},
    ),
    "unknown-customer-id": (
        {"customer_id": 999999},
        {"customer_id": ["Select a valid customer."]},
        {"customer_id": ["Dewiswch gwsmer dilys."]},
    ),
    "callback-without-callback-at": (
        {
            "channel": "phone",
            "channel_details": {"contact_type": "callback", "caller_number": "01824 706000"},
        },
        {
            "channel_details": {
                "callback_at": ["Give the time agreed with the caller for the callback."]
            }
        },
        {
            "channel_details": {
                "callback_at": ["Rhowch yr amser a gytunwyd gyda'r galwr ar gyfer yr alwad yn ôl."]
            }
        },
    ),
    "voicemail-without-number": (
        {"channel": "phone", "channel_details": {"contact_type": "voicemail"}},
        {
            "channel_details": {
                "caller_number": ["Give the caller's number so that we can call back."]
            }
        },
        {
            "channel_details": {
                "caller_number": ["Rhowch rif y galwr er mwyn i ni allu ffonio'n ôl."]
            }
        },
    ),
    "text-without-from-number": (
        {"channel": "text", "channel_details": {"message_id": "sms-1"}},
        {"channel_details": {"from_number": ["This field is required."]}},
        {"channel_details": {"from_number": ["Mae angen y maes hwn."]}},
    ),
    "text-with-a-bad-number": (
        {"channel": "text", "channel_details": {"from_number": "call me"}},
        {
            "channel_details": {
                "from_number": [
                    "Enter a telephone number using digits, spaces and an optional leading +."
                ]
            }
        },
        {
            "channel_details": {
                "from_number": [
                    "Rhowch rif ffôn gan ddefnyddio digidau a bylchau, gyda + ar y dechrau os oes "
                    "angen."
                ]
            }
        },
    ),
    "appointment-without-time": (
        {"channel": "visit", "channel_details": {"contact_type": "appointment"}},
        {"channel_details": {"scheduled_at": ["Give the appointment or agreed visit time."]}},
        {
            "channel_details": {
                "scheduled_at": [
                    "Rhowch amser yr apwyntiad neu'r amser a gytunwyd ar gyfer yr ymweliad."
                ]
            }
        },
    ),
    "email-details-missing-addresses": (
        {"channel_details": {"contact_type": "department", "from_address": "not-an-address"}},
        {
            "channel_details": {
                "from_address": ["Enter a valid email address."],
                "to_address": ["This field is required."],
            }
        },
        {
            "channel_details": {
                "from_address": ["Rhowch gyfeiriad e-bost dilys."],
                "to_address": ["Mae angen y maes hwn."],
            }
        },
    ),
    "channel-details-not-an-object": (
        {"channel_details": ["department"]},
        {"channel_details": ["Give the channel details as an object."]},
        {"channel_details": ["Rhowch fanylion y sianel fel gwrthrych."]},
    ),
    "summary-201-characters": (
        {"summary": "x" * 201},
        {"summary": ["Ensure this field has no more than 200 characters."]},
        {"summary": ["Sicrhewch nad oes mwy na 200 nod yn y maes hwn."]},
    ),
    "description-20001-characters": (
        {"description": "y" * 20001},
        {"description": ["Ensure this field has no more than 20000 characters."]},
        {"description": ["Sicrhewch nad oes mwy na 20000 nod yn y maes hwn."]},
    ),
    "blank-summary": (
        {"summary": "   "},
        {"summary": ["This field may not be blank."]},
        {"summary": ["Ni chaiff y maes hwn fod yn wag."]},
    ),
    "null-character": (
        {"summary": "Bin\x00"},
        {"summary": ["Null characters are not allowed."]},
        {"summary": ["Ni chaniateir nodau null."]},
    ),
    "missing-fields": (
        {"channel": None, "received_at": None, "summary": None},
        {
            "channel": ["This field is required."],
            "received_at": ["This field is required."],
            "summary": ["This field is required."],
        },
        {
            "channel": ["Mae angen y maes hwn."],
            "received_at": ["Mae angen y maes hwn."],
            "summary": ["Mae angen y maes hwn."],
        },
    ),
    "bad-new-customer": (
        {"customer": {"email": "nowhere", "preferred_language": "fr"}},
        {
            "customer": {
                "name": ["This field is required."],
                "email": ["Enter a valid email address."],
                "preferred_language": ['"fr" is not a valid choice.'],
            }
        },
        {
            "customer": {
                "name": ["Mae angen y maes hwn."],
                "email": ["Rhowch gyfeiriad e-bost dilys."],
                "preferred_language": ['Nid yw "fr" yn ddewis dilys.'],
            }
        },
    ),
    "team-of-another-service": (
        {"team": "highways-team"},
        {"team": ["The team does not belong to the case's service."]},
        {"team": ["Nid yw'r tîm yn perthyn i wasanaeth yr achos."]},
    ),
}


def with_changes(changes: dict[str, Any]) -> dict[str, Any]:
    payload = {**NEW_CASE, **changes}
    return {key: value for key, value in payload.items() if value is not None}


@pytest.mark.parametrize(("language", "index"), [("en", 1), ("cy", 2)])
@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_with_field_errors_and_nothing_is_stored(
    client_for, advisor, highways_team, case, language, index
):
    response = post(client_for(advisor, language), with_changes(case[0]))

    assert response.status_code == 400
    assert response.json() == case[index]
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Give either an existing customer or a new one, not both."),
        ("cy", "Rhowch naill ai gwsmer sy'n bodoli eisoes neu gwsmer newydd, nid y ddau."),
    ],
)
def test_an_existing_and_a_new_customer_together_are_refused(
    client_for, advisor, language, message
):
    customer = CustomerFactory()

    response = post(
        client_for(advisor, language),
        {**NEW_CASE, "customer_id": customer.pk, "customer": {"name": "Someone Else"}},
    )

    assert (response.status_code, response.json()) == (400, {"customer": [message]})
    assert counts() == {**NOTHING, "customers": 1}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Choose the service the case is for."),
        ("cy", "Dewiswch y gwasanaeth y mae'r achos ar ei gyfer."),
    ],
)
def test_someone_outside_any_team_must_name_the_service(
    client_for, administrator, language, message
):
    response = post(client_for(administrator, language), NEW_CASE)

    assert (response.status_code, response.json()) == (400, {"service": [message]})
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The request body is not valid JSON."), ("cy", "Nid yw corff y cais yn JSON dilys.")],
)
def test_a_malformed_json_body_is_refused(client_for, advisor, language, message):
    response = client_for(advisor, language).post(
        CASES_URL, '{"channel": "email", "summary": ', content_type="application/json"
    )

    assert (response.status_code, response.json()) == (400, {"detail": message})
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("body", "en", "cy"),
    [
        (
            [NEW_CASE],
            "Invalid data. Expected a dictionary, but got list.",
            "Data annilys. Roedd disgwyl geiriadur, ond cafwyd list.",
        ),
        (
            "Missed bin",
            "Invalid data. Expected a dictionary, but got str.",
            "Data annilys. Roedd disgwyl geiriadur, ond cafwyd str.",
        ),
        (
            42,
            "Invalid data. Expected a dictionary, but got int.",
            "Data annilys. Roedd disgwyl geiriadur, ond cafwyd int.",
        ),
    ],
    ids=["list", "string", "number"],
)
def test_a_json_body_that_is_not_an_object_is_refused(client_for, advisor, body, en, cy):
    for language, message in (("en", en), ("cy", cy)):
        response = client_for(advisor, language).post(
            CASES_URL, json.dumps(body), content_type="application/json"
        )
        assert (response.status_code, response.json()) == (400, {"non_field_errors": [message]})
    assert counts() == NOTHING


def test_a_null_json_body_is_refused_in_welsh(api_cy):
    response = api_cy.post(CASES_URL, "null", content_type="application/json")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Ni roddwyd unrhyw ddata"]},
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", 'Unsupported media type "text/plain" in request.'),
        ("cy", 'Nid yw\'r math o gyfrwng "text/plain" yn y cais yn cael ei gefnogi.'),
    ],
)
def test_a_body_of_an_unsupported_type_is_refused(client_for, advisor, language, message):
    response = client_for(advisor, language).post(
        CASES_URL, json.dumps(NEW_CASE), content_type="text/plain"
    )

    assert (response.status_code, response.json()) == (415, {"detail": message})
    assert counts() == NOTHING


def test_a_form_encoded_body_is_accepted_with_the_details_as_json_text(api):
    response = api.post(
        CASES_URL, {**NEW_CASE, "channel_details": json.dumps(EMAIL)}, format="multipart"
    )

    assert response.status_code == 201
    assert response.json()["channel_details"] == EMAIL


def test_a_received_time_centuries_ago_is_refused(api):
    response = post(api, {**NEW_CASE, "received_at": "0999-12-31T23:59:59Z"})

    assert response.status_code == 400
    assert counts() == NOTHING


def test_a_callback_agreed_before_the_call_is_refused(api):
    response = post(
        api,
        {
            **NEW_CASE,
            "channel": "phone",
            "channel_details": {
                "contact_type": "callback",
                "caller_number": "01824 706000",
                "callback_at": "2026-03-01T14:00:00Z",
            },
        },
    )

    assert response.status_code == 400
    assert counts() == NOTHING


def test_a_broken_multipart_body_is_not_called_invalid_json(api):
    response = api.generic("POST", CASES_URL, "--x\r\n", content_type="multipart/form-data")

    assert response.status_code == 400
    assert response.json() != {"detail": "The request body is not valid JSON."}


# --- Idempotency -----------------------------------------------------------------------------


def test_the_same_inbound_message_twice_answers_200_with_the_first_case(api):
    payload = {**NEW_CASE, "channel_details": {**EMAIL, "message_id": "<abc@example.com>"}}

    first = post(api, payload)
    second = post(api, {**payload, "summary": "Missed bin (resent)"})

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"] == "CYS-2026-000001"
    assert second.json()["summary"] == "Missed bin"
    assert counts() == {"cases": 1, "customers": 0, "milestones": 2, "events": 1}


def test_the_same_text_message_id_twice_makes_one_case(api):
    payload = {
        **NEW_CASE,
        "channel": "text",
        "channel_details": {"from_number": "07700 900123", "message_id": "SM123"},
    }

    responses = [post(api, payload) for _ in range(3)]

    assert [r.status_code for r in responses] == [201, 200, 200]
    assert {r.json()["reference"] for r in responses} == {"CYS-2026-000001"}
    assert Case.objects.get().source_key == "text:SM123"


def test_one_message_id_on_two_channels_makes_two_cases(api):
    post(api, {**NEW_CASE, "channel_details": {**EMAIL, "message_id": "42"}})
    post(
        api,
        {
            **NEW_CASE,
            "channel": "text",
            "channel_details": {"from_number": "07700 900123", "message_id": "42"},
        },
    )

    assert Case.objects.count() == 2


# --- Roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You can log cases only for your own service."),
        ("cy", "Dim ond ar gyfer eich gwasanaeth eich hun y gallwch gofnodi achosion."),
    ],
)
def test_staff_cannot_log_a_case_for_another_service(
    client_for, advisor, highways, language, message
):
    response = post(client_for(advisor, language), {**NEW_CASE, "service": "highways"})

    assert (response.status_code, response.json()) == (403, {"detail": message})
    assert counts() == NOTHING


def test_an_administrator_may_log_a_case_for_any_service(client_for, administrator, highways):
    response = post(client_for(administrator), {**NEW_CASE, "service": "highways"})

    assert response.status_code == 201
    assert response.json()["service"] == "highways"
    assert Case.objects.get().submitted_by is None


def test_a_councillor_logs_a_councillor_enquiry_recorded_as_submitted_by_them(
    client_for, councillor, service
):
    response = post(
        client_for(councillor),
        {
            **NEW_CASE,
            "kind": "councillor_enquiry",
            "service": "waste",
            "customer": {"name": "Resident of Llanfair"},
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["standard"], body["submitted_by"]) == (
        "councillor_enquiry",
        "COUNCILLOR_ENQUIRY",
        "cllr-jones",
    )
    assert [(m["kind"], m["due_at"]) for m in body["milestones"]] == [
        ("respond", "2026-03-16T17:00:00Z")
    ]
    assert Case.objects.get().submitted_by == councillor


@pytest.mark.parametrize("kind", ["enquiry", "complaint", "service_request"])
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Your role cannot log this kind of case."),
        ("cy", "Ni all eich rôl gofnodi'r math hwn o achos."),
    ],
)
def test_a_councillor_may_log_only_councillor_enquiries(
    client_for, councillor, service, kind, language, message
):
    response = post(
        client_for(councillor, language), {**NEW_CASE, "kind": kind, "service": "waste"}
    )

    assert (response.status_code, response.json()) == (403, {"detail": message})
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Select a valid customer."), ("cy", "Dewiswch gwsmer dilys.")],
)
@pytest.mark.parametrize("who", ["councillor", "clerk"])
def test_a_member_naming_a_customer_is_answered_as_if_there_were_none(
    request, client_for, service, who, language, message
):
    """Councillors and clerks open no customer record (docs/adr/0018): an existing id gets the
    answer a missing one gets, so the API never tells them whether an id is someone's."""
    customer = CustomerFactory()
    missing = customer.pk + 1000
    client = client_for(request.getfixturevalue(who), language)
    kind = "councillor_enquiry" if who == "councillor" else "enquiry"

    answers = [
        post(client, {**NEW_CASE, "kind": kind, "service": "waste", "customer_id": pk})
        for pk in (customer.pk, missing)
    ]

    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"customer_id": [message]}),
        (400, {"customer_id": [message]}),
    ]
    assert counts() == {**NOTHING, "customers": 1}


def test_staff_attach_a_customer_of_any_service(client_for, highways_advisor):
    """One customer record for the council: the highways advisor logs a contact for the
    resident waste knows."""
    customer = CustomerFactory(name="Eira Jones")

    response = post(
        client_for(highways_advisor),
        {**NEW_CASE, "service": "highways", "customer_id": customer.pk},
    )

    assert response.status_code == 201
    assert response.json()["customer"]["name"] == "Eira Jones"


def test_a_councillor_cannot_choose_the_standard_or_the_officer(
    client_for, councillor, service, advisor
):
    response = post(
        client_for(councillor),
        {
            **NEW_CASE,
            "kind": "councillor_enquiry",
            "service": "waste",
            "standard": "COMPLIMENT",
            "owner": "advisor",
        },
    )

    assert response.status_code in (201, 403)
    assert not Case.objects.filter(standard__code="COMPLIMENT").exists()
    assert not Case.objects.filter(owner=advisor).exists()


def test_the_owner_must_work_for_the_cases_service(api, highways_advisor):
    response = post(api, {**NEW_CASE, "owner": "highways-advisor"})

    assert response.status_code == 400
    assert counts() == NOTHING


@pytest.mark.parametrize(("kind", "status"), [("enquiry", 201), ("service_request", 201)])
def test_a_clerk_logs_enquiries_and_service_requests(client_for, clerk, service, kind, status):
    response = post(client_for(clerk), {**NEW_CASE, "kind": kind, "service": "waste"})

    assert response.status_code == status
    assert response.json()["submitted_by"] == "clerk-llanfair"


@pytest.mark.parametrize("kind", ["complaint", "councillor_enquiry", "compliment"])
def test_a_clerk_may_not_log_other_kinds(client_for, clerk, service, kind):
    response = post(client_for(clerk, "cy"), {**NEW_CASE, "kind": kind, "service": "waste"})

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Ni all eich rôl gofnodi'r math hwn o achos."},
    )
    assert counts() == NOTHING


# --- No input makes a 500 --------------------------------------------------------------------

ODD_JSON = {
    "nulls": {"channel": None, "received_at": None, "summary": None, "channel_details": None},
    "numbers-for-strings": {"channel": 1, "received_at": 1700000000, "summary": 12345, "kind": 2},
    "booleans": {**NEW_CASE, "channel": True, "summary": False, "customer_id": True},
    "nested-garbage": {
        **NEW_CASE,
        "channel": {"a": [1, {"b": None}]},
        "summary": ["x"],
        "channel_details": [[[]]],
        "customer": [{"name": {"first": "A"}}],
    },
    "garbage-in-channel-details": {
        **NEW_CASE,
        "channel": "visit",
        "channel_details": {
            "contact_type": {"x": 1},
            "scheduled_at": [1],
            "expected_wait_minutes": "many",
            "unknown": {"deep": [None, 1.5]},
        },
    },
    "huge-numbers": {**NEW_CASE, "customer_id": 10**40, "summary": 10**400},
    "negative-id": {**NEW_CASE, "customer_id": -1},
    "float-id": {**NEW_CASE, "customer_id": 1.5},
    "huge-wait": {
        **NEW_CASE,
        "channel": "visit",
        "channel_details": {"contact_type": "reception", "expected_wait_minutes": 10**30},
    },
    "unicode": {
        **NEW_CASE,
        "summary": "Bin heb ei gasglu 🗑️ ŵŷ ĉ \u202e \ufeff",
        "customer": {"name": "Siân ап Gwilym 王"},
    },
    "surrogate-in-details": {
        **NEW_CASE,
        "channel": "social",
        "channel_details": {"platform": "x", "handle": "\ud800"},
    },
    "times-out-of-range": {**NEW_CASE, "received_at": "9999-12-31T23:59:59-05:00"},
    "time-before-year-one": {**NEW_CASE, "received_at": "0001-01-01T00:00:00+01:00"},
    "far-past-time": {**NEW_CASE, "received_at": "1900-01-01T00:00:00Z"},
    "callback-far-future": {
        **NEW_CASE,
        "channel": "phone",
        "channel_details": {
            "contact_type": "callback",
            "caller_number": "01824 706000",
            "callback_at": "9999-12-31T23:59:59Z",
        },
    },
    "callback-before-receipt": {
        **NEW_CASE,
        "channel": "phone",
        "channel_details": {
            "contact_type": "callback",
            "caller_number": "01824 706000",
            "callback_at": "2020-01-01T00:00:00Z",
        },
    },
    "very-long-message-id": {**NEW_CASE, "channel_details": {**EMAIL, "message_id": "m" * 5000}},
    "very-long-strings": {**NEW_CASE, "summary": "s" * 100_000, "description": "d" * 1_000_000},
    "empty-object": {},
}

ODD_RAW = {
    "empty-body": ("", "application/json"),
    "json-null": ("null", "application/json"),
    "json-true": ("true", "application/json"),
    "nan": ('{"customer_id": NaN}', "application/json"),
    "infinity": ('{"summary": Infinity}', "application/json"),
    "bad-utf8": (b'{"summary": "\xff\xfe"}', "application/json"),
    "deeply-nested": ("[" * 50 + "]" * 50, "application/json"),
    "form-garbage": ("channel=%ZZ&&&summary", "application/x-www-form-urlencoded"),
    "xml": ("<case><summary>x</summary></case>", "application/xml"),
    "no-content-type": ("{}", ""),
    "multipart-without-boundary": ("--x\r\n", "multipart/form-data"),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("payload", ODD_JSON.values(), ids=ODD_JSON.keys())
def test_odd_json_never_makes_a_server_error(client_for, advisor, payload, language):
    response = client_for(advisor, language).post(
        CASES_URL, json.dumps(payload), content_type="application/json"
    )

    assert response.status_code < 500
    if response.status_code >= 400:
        assert isinstance(response.json(), dict)
        assert counts() == NOTHING


@pytest.mark.parametrize(("body", "content_type"), ODD_RAW.values(), ids=ODD_RAW.keys())
def test_odd_bodies_never_make_a_server_error(api, body, content_type):
    response = api.generic("POST", CASES_URL, body, content_type=content_type)

    assert 400 <= response.status_code < 500
    assert counts() == NOTHING


def test_an_infinite_customer_id_is_a_400_not_a_500(api):
    response = api.post(
        CASES_URL,
        json.dumps(NEW_CASE)[:-1] + ', "customer_id": 1e400}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert counts() == NOTHING


def test_a_deeply_nested_json_body_is_a_400_not_a_500(api):
    response = api.post(CASES_URL, "[" * 100_000 + "]" * 100_000, content_type="application/json")

    assert response.status_code == 400
    assert counts() == NOTHING


def test_a_new_case_costs_one_statement_once_the_token_is_known(advisor):
    """The case with its reference, customer, milestones, event and the acknowledgement owed,
    in one statement (docs/adr/0037). The first request reads the token with the
    advisor's team (may they log for this service?) and the case rules with the services;
    later ones find them in the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")
    body = {
        **NEW_CASE,
        "service": "waste",
        "customer": {"name": "Ann Jones", "email": "ann@example.com"},
    }
    assert api.post(CASES_URL, body, format="json").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        answer = api.post(CASES_URL, body, format="json")

    assert answer.status_code == 201, answer.content
    statements = [
        q["sql"][:60]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert [s.split()[0] for s in statements] == ["WITH"], statements
    assert any("case_reference_next(" in q["sql"] for q in queries.captured_queries)
    case = Case.objects.get(reference=answer.json()["reference"])
    assert case.messages.get().key == f"case:{case.reference}:acknowledgement"
    assert case.customer.name == "Ann Jones"
    assert (case.milestones.count(), case.events.count(), case.messages.count()) == (2, 1, 1)


def test_a_new_case_reads_the_shared_cache_once(advisor, monkeypatch):
    """The API's ``service`` field and ``case_create`` both need the case rules, and the token
    is read before them: one request reads the token and the rules' version in one round trip
    to the shared cache (common/request_cache.py, docs/adr/0037)."""
    from django.core.cache import caches

    from accounts.api_tokens.lookup import cache_key
    from standards.selectors import CASE_RULES_VERSION_KEY

    shared = caches["default"]
    reads: list[list[str]] = []
    real_get, real_get_many = shared.get, shared.get_many

    def get(key: str, *args: Any, **kwargs: Any) -> Any:
        reads.append([key])
        return real_get(key, *args, **kwargs)

    def get_many(keys: list[str], *args: Any, **kwargs: Any) -> Any:
        reads.append(list(keys))
        return real_get_many(keys, *args, **kwargs)

    key = token_for(advisor)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = {**NEW_CASE, "service": "waste"}
    assert api.post(CASES_URL, body, format="json").status_code == 201
    monkeypatch.setattr(shared, "get", get)
    monkeypatch.setattr(shared, "get_many", get_many)

    answer = api.post(CASES_URL, body, format="json")

    assert answer.status_code == 201, answer.content
    assert reads == [[cache_key(key.partition(".")[0]), CASE_RULES_VERSION_KEY]]


def test_a_rules_change_in_a_request_is_seen_by_the_same_request(
    rf, django_capture_on_commit_callbacks
):
    """The version a request keeps is dropped with the rules it changed, so the same request
    reads the new rules once the change commits."""
    from common.request_context import current_request
    from standards.selectors import case_rules, case_rules_forget, case_rules_version

    token = current_request.set(rf.get("/"))
    try:
        first = case_rules_version()
        assert case_rules_version() == first
        with django_capture_on_commit_callbacks(execute=True):
            case_rules_forget()
        assert case_rules_version() != first
        assert case_rules().version == case_rules_version()
    finally:
        current_request.reset(token)


def test_a_service_closed_or_a_team_moved_is_seen_by_the_next_request(
    advisor, django_capture_on_commit_callbacks
):
    """The services come from the case rules and the advisor's team with the cached token
    (docs/adr/0037): saving either renews them, so nothing stale lets a case through."""
    from accounts.models import Service

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")
    body = {**NEW_CASE, "service": "waste"}
    assert api.post(CASES_URL, body, format="json").status_code == 201
    waste = Service.objects.get(code="waste")

    with django_capture_on_commit_callbacks(execute=True):
        Service.objects.filter(pk=waste.pk).update(active=False)
        waste.refresh_from_db()
        waste.save()
    closed = api.post(CASES_URL, body, format="json")

    assert closed.status_code == 403, closed.content
    assert closed.json()["detail"] == "This service no longer takes new cases."

    with django_capture_on_commit_callbacks(execute=True):
        waste.active = True
        waste.save()
        team = advisor.team
        team.service = Service.objects.create(code="roads", name="Roads")
        team.save()
    moved = api.post(CASES_URL, body, format="json")

    assert moved.status_code == 403, moved.content
    assert moved.json()["detail"] == "You can log cases only for your own service."
