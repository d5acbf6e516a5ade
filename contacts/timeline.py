"""The one writer of the timeline: every ``CaseEvent`` is made here.

``event_record`` writes one event, ``events_record`` many built with ``event_build`` (one
INSERT), ``events_record_for_milestones`` one per milestone id with an ``INSERT ... SELECT``
for the set-based jobs (the SLA sweep, a closure day), and ``events_record_for_cases`` the same
event on every case of a queryset (a customer's record changed or merged), likewise. Each
checks the payload against its kind's shape (``contacts/event_payloads.py``, where the shapes
are written down), so the case page can render every event in the reader's language.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import translation

from accounts.models import User

from .event_payloads import payload_check
from .models import Case, CaseEvent, Milestone
from .timeline_sql import ids_condition, q


def in_both_languages(text: object) -> dict[str, str]:
    """A translatable name (a lazy string, or a model field translated by modeltranslation,
    given as a function of nothing) as ``{"cy": …, "en": …}`` for a payload."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(text() if callable(text) else text)
    return names


def event_build(
    *,
    case: Case | int,
    kind: str,
    at: datetime,
    actor: User | int | None = None,
    milestone: Milestone | None = None,
    payload: Mapping[str, Any] | None = None,
    text: str = "",
) -> CaseEvent:
    """An event not yet saved (for ``events_record``)."""
    payload = dict(payload or {})
    payload_check(kind, payload)
    return CaseEvent(
        case_id=case if isinstance(case, int) else case.pk,
        kind=kind,
        created_at=at,
        actor_id=actor if actor is None or isinstance(actor, int) else actor.pk,
        milestone=milestone,
        payload=payload,
        text=text,
    )


def event_record(
    *,
    case: Case | int,
    kind: str,
    at: datetime,
    actor: User | int | None = None,
    milestone: Milestone | None = None,
    payload: Mapping[str, Any] | None = None,
    text: str = "",
) -> CaseEvent:
    """Write one event on ``case``'s timeline."""
    event = event_build(
        case=case, kind=kind, at=at, actor=actor, milestone=milestone, payload=payload, text=text
    )
    event.save(force_insert=True)
    return event


def events_record(events: Iterable[CaseEvent]) -> list[CaseEvent]:
    """Write events made by ``event_build``, with one INSERT."""
    events = list(events)
    for event in events:
        payload_check(event.kind, event.payload)
    return CaseEvent.objects.bulk_create(events)


def milestone_state_sql() -> str:
    """The payload ``{"state": <the milestone's state>}`` of milestone ``m``, in SQL."""
    build = "jsonb_build_object" if connection.vendor == "postgresql" else "json_object"
    return f"{build}('state', m.state)"


def events_record_for_milestones(ids: Sequence[int], *, kind: str, now: datetime) -> None:
    """One event of ``kind`` per milestone of ``ids``, carrying its state as it now is: one
    ``INSERT ... SELECT`` however many milestones."""
    payload_check(kind, {"state": ""})
    condition, params = ids_condition("m.id", ids)
    events, milestones = q(CaseEvent._meta.db_table), q(Milestone._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (case_id, kind, created_at, milestone_id, payload, text) "
            f"SELECT m.case_id, %s, %s, m.id, {milestone_state_sql()}, '' "
            f"FROM {milestones} m WHERE {condition}",
            [kind, now, *params],
        )


def events_record_for_cases(
    cases: QuerySet[Case],
    *,
    kind: str,
    at: datetime,
    actor: User | None = None,
    payload: Mapping[str, Any] | None = None,
) -> int:
    """The same event on every case of ``cases``: one ``INSERT ... SELECT`` however many
    cases, so nothing loops over them. Returns how many were written."""
    payload = dict(payload or {})
    payload_check(kind, payload)
    selected, params = cases.order_by().values(event_case=F("pk")).query.sql_with_params()
    json_value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(CaseEvent._meta.db_table)} "
            "(case_id, kind, created_at, actor_id, milestone_id, payload, text) "
            f"SELECT chosen.event_case, %s, %s, %s, NULL, {json_value}, '' "
            f"FROM ({selected}) chosen",
            [kind, at, actor.pk if actor else None, json.dumps(payload), *params],
        )
        return cursor.rowcount
