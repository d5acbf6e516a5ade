"""What each kind of timeline event records, as data: the one place the payload shapes are
written down.

A ``CaseEvent`` keeps what happened as a typed payload (``CaseEvent.payload``, JSON) and the
words people wrote (a note, a reason, the message sent) in ``text``. Nothing in the payload is
a sentence: the case page renders each kind from its payload in the reader's language when it
is read (``contacts/presenters.py``). Only ``contacts/timeline.py`` writes events; its SQL form
(the SLA sweep, a closure day) writes the same shape, built by ``milestone_state_sql``.

Shapes, by kind (keys absent when they do not apply):

============================  =================================================================
``created``                   ``{"status": "new"}``
``status_changed``            ``{"from": "new", "to": "acknowledged"}`` (case statuses)
``reopened``                  ``{"from": "resolved", "to": "in_progress"}``
``milestone_met``             ``{"state": "met" | "met_late"}``
``milestone_due_soon``        ``{"state": "due_soon"}`` (the state after the sweep)
``milestone_breached``        ``{"state": "breached"}``
``deadline_moved``            ``{"state": "pending"}`` (the state after the move)
``extended``                  ``{"due_at": T, "previous_due_at": T}``
``transferred``               ``{"from_user": 12, "from_team": 3, "to_user": 7 | "to_team": 4,
                              "from_service": 1, "to_service": 2}``, and when it went back
                              because it came to the wrong service ``"misrouted": true,
                              "reason": "not_ours"`` (``routing.reasons.MisrouteReason``)
``callback_arranged``         ``{"at": T}``
``voicemail_acknowledged``    ``{"callback_at": T, "agreed": true}`` (false: by the end of that day)
``running_late``              ``{"minutes": 20, "booked_at": T, "expected_at": T}``
``rebooked``                  ``{"previous_at": T, "at": T}``
``complaint_recorded``        ``{"category": {"cy": "…", "en": "…"}, "stage": 1}``
``member_told``               ``{"update": {"cy": "…", "en": "…"}}`` (what kind of update)
``complaint_action``          ``{"owner": "Sam Jones", "due_on": "2026-03-20"}``
``made_into_complaint``       ``{"reference": "CYS-2026-000042"}`` (the complaint made)
``made_from_case``            ``{"reference": "CYS-2026-000041"}`` (the case it came from)
``customer_changed``          ``{"fields": ["preferred_contact_method", "large_print"]}``
``customer_merged``           ``{"merged_customer": 41, "kept_customer": 12}`` (record ids)
``published``                 ``{"language": "en" | "cy", "url": "https://…"}`` (the page's address)
others                        ``{}``
============================  =================================================================

``T`` is a UTC time to the minute, ``2026-03-02T14:00Z`` (``time_value``). Ids are integers.
Names that belong to a higher app (a complaint category, a kind of member update) are kept in
both languages (``contacts.timeline.in_both_languages``), since ``contacts`` cannot look them up.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypedDict

USER, TEAM, SERVICE = "user", "team", "service"
TIME_FORMAT = "%Y-%m-%dT%H:%MZ"


class Empty(TypedDict):
    pass


class CreatedPayload(TypedDict):
    status: str


#: A case's status before and after ("from" is a Python keyword, hence this form).
StatusPayload = TypedDict("StatusPayload", {"from": str, "to": str})


class MilestonePayload(TypedDict):
    state: str


class ExtendedPayload(TypedDict, total=False):
    due_at: str
    previous_due_at: str


class TransferPayload(TypedDict, total=False):
    from_user: int  # the owner before, if it had one
    from_team: int  # the team it was in before, if any
    to_user: int
    to_team: int
    from_service: int
    to_service: int
    misrouted: bool  # sent back: it came to the wrong service
    reason: str  # why (``routing.reasons.MisrouteReason``)


class CallbackPayload(TypedDict):
    at: str


class VoicemailAcknowledgedPayload(TypedDict):
    callback_at: str
    agreed: bool  # a time the officer gave; else by closing time on that day


class RunningLatePayload(TypedDict):
    minutes: int
    booked_at: str
    expected_at: str


class RebookedPayload(TypedDict):
    previous_at: str
    at: str


class ComplaintRecordedPayload(TypedDict):
    category: dict[str, str]
    stage: int


class MemberToldPayload(TypedDict):
    update: dict[str, str]


class ComplaintActionPayload(TypedDict):
    owner: str  # a person's name, the same in both languages
    due_on: str  # ISO date


class ReferencePayload(TypedDict):
    reference: str


class CustomerChangedPayload(TypedDict):
    fields: list[str]  # names of the customer's fields (contacts.domain.customer_records)


class CustomerMergedPayload(TypedDict):
    merged_customer: int
    kept_customer: int


class PublishedPayload(TypedDict):
    language: str  # "en" or "cy"
    url: str  # the public page's address: no personal data


#: The payload type of each event kind (the values of ``contacts.models.EventKind``).
PAYLOADS: dict[str, type] = {
    "created": CreatedPayload,
    "note": Empty,
    "status_changed": StatusPayload,
    "milestone_met": MilestonePayload,
    "milestone_due_soon": MilestonePayload,
    "milestone_breached": MilestonePayload,
    "extended": ExtendedPayload,
    "deadline_moved": MilestonePayload,
    "reopened": StatusPayload,
    "transferred": TransferPayload,
    "callback_arranged": CallbackPayload,
    "reply_sent": Empty,
    "fax_sent": Empty,
    "message_sent_again": Empty,
    "extension_notice_sent": Empty,
    "callback_notice_sent": Empty,
    "voicemail_acknowledged": VoicemailAcknowledgedPayload,
    "letter_ready": Empty,
    "message_failed": Empty,
    "visitor_arrived": Empty,
    "running_late": RunningLatePayload,
    "rebooked": RebookedPayload,
    "appointment_notice_sent": Empty,
    "complaint_recorded": ComplaintRecordedPayload,
    "member_told": MemberToldPayload,
    "complaint_escalated": Empty,
    "complaint_action": ComplaintActionPayload,
    "ombudsman_recorded": Empty,
    "made_into_complaint": ReferencePayload,
    "made_from_case": ReferencePayload,
    "customer_changed": CustomerChangedPayload,
    "customer_merged": CustomerMergedPayload,
    "published": PublishedPayload,
}


class PayloadError(ValueError):
    pass


def payload_check(kind: str, payload: Mapping[str, Any]) -> None:
    """Refuse a payload that is not the shape of ``kind``'s (a programming error)."""
    shape = PAYLOADS.get(kind)
    if shape is None:
        raise PayloadError(f"unknown event kind {kind!r}")
    allowed = set(shape.__annotations__)
    required = set(getattr(shape, "__required_keys__", allowed))  # set on every TypedDict
    keys = set(payload)
    if not keys <= allowed or not required <= keys:
        raise PayloadError(f"{kind} payload needs {sorted(required)} of {sorted(allowed)}: {keys}")


# --- Parties and times ---------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    kind: str  # USER, TEAM or SERVICE
    pk: int


def transfer_payload(
    *,
    from_user: int | None = None,
    from_team: int | None = None,
    to_user: int | None = None,
    to_team: int | None = None,
    from_service: int | None = None,
    to_service: int | None = None,
    misrouted: str | None = None,
) -> TransferPayload:
    """Who held a case before and after a transfer (its owner when it had one, else its
    team; and the team it was in), the services before and after, and, for a case sent back
    because it came to the wrong service, why."""
    payload = TransferPayload()
    if from_user is not None:
        payload["from_user"] = from_user
    if from_team is not None:
        payload["from_team"] = from_team
    if to_user is not None:
        payload["to_user"] = to_user
    elif to_team is not None:
        payload["to_team"] = to_team
    if from_service is not None and to_service is not None:
        payload["from_service"], payload["to_service"] = from_service, to_service
    if misrouted:
        payload["misrouted"], payload["reason"] = True, misrouted
    return payload


def transfer_parties(payload: Mapping[str, Any]) -> tuple[Party | None, Party | None]:
    """(before, after) of a transfer's payload."""

    def party(side: str) -> Party | None:
        if isinstance(payload.get(f"{side}_user"), int):
            return Party(USER, payload[f"{side}_user"])
        if isinstance(payload.get(f"{side}_team"), int):
            return Party(TEAM, payload[f"{side}_team"])
        return None

    return party("from"), party("to")


def transfer_services(payload: Mapping[str, Any]) -> tuple[Party | None, Party | None]:
    """(before, after) services of a transfer's payload (none for hops before issue 14)."""

    def service(side: str) -> Party | None:
        value = payload.get(f"{side}_service")
        return Party(SERVICE, value) if isinstance(value, int) else None

    return service("from"), service("to")


def party_parse(value: str) -> Party | None:
    """A party written as text (``user:12``, ``team:3``), as the transfer form's choices are."""
    kind, _sep, pk = value.partition(":")
    if kind not in (USER, TEAM) or not pk.isdigit():
        return None
    return Party(kind, int(pk))


def time_value(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def time_parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
