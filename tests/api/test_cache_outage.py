"""Redis away as a cache (issue 20, item 4): on main every API request answered 500 for the
whole outage, because a cache read raised. The cache is an aid (common/cache.py): a case is
still created, with its acknowledgement owed, and an error the API cannot help answers in JSON
like its other errors."""

import json

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from common.views import server_error
from contacts.models import Case
from messaging.models import OutboundMessage, Purpose

from .conftest import CASES_URL

pytestmark = pytest.mark.django_db

#: Nothing listens on port 1: every connection is refused at once.
AWAY = "redis://127.0.0.1:1/0"
NEW_CASE = {
    "channel": "email",
    "received_at": "2026-03-02T10:00:00Z",
    "summary": "Missed bin",
    "channel_details": {
        "contact_type": "department",
        "from_address": "ann@example.com",
        "to_address": "waste@example.gov.wales",
    },
}


def redis_away(settings, backend: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": AWAY,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_django_s_own_backend_raises_while_redis_is_away(settings):
    redis_away(settings, "django.core.cache.backends.redis.RedisCache")

    with pytest.raises(redis.exceptions.ConnectionError):
        cache.get("anything")


def test_a_case_is_created_and_its_acknowledgement_owed_while_redis_is_away(settings, api):
    redis_away(settings, "common.cache.DegradingRedisCache")

    response = api.post(CASES_URL, NEW_CASE, format="json")

    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert OutboundMessage.objects.filter(case=case, purpose=Purpose.ACKNOWLEDGEMENT).exists()


def test_the_cache_reads_as_empty_and_takes_nothing_while_redis_is_away(settings):
    redis_away(settings, "common.cache.DegradingRedisCache")

    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    assert cache.incr("key") == 0
    assert cache.get_many(["a", "b"]) == {}
    cache.set("key", 1)
    cache.delete("key")


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "Something went wrong on our side. Please try again later."),
        ("cy", "Aeth rhywbeth o'i le ar ein hochr ni. Rhowch gynnig arall arni yn nes ymlaen."),
    ],
)
def test_an_api_error_it_cannot_help_is_json_like_its_others(language, detail):
    with translation.override(language):
        response = server_error(RequestFactory().post(CASES_URL))

    assert (response.status_code, response["Content-Type"]) == (500, "application/json")
    assert json.loads(response.content) == {"detail": detail}


def test_a_page_s_error_stays_the_html_page():
    response = server_error(RequestFactory().get("/en/my-work/"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_while_redis_is_away_the_rules_are_read_once_a_window_not_once_a_case(
    settings, api, monkeypatch
):
    """Every case read the standards, calendar and templates afresh while Redis was away, so
    the outage test created almost no cases; now the process keeps them for one window."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from standards import selectors

    redis_away(settings, "common.cache.DegradingRedisCache")
    monkeypatch.setattr(selectors.time, "time", lambda: 1_000_000.0)
    assert api.post(CASES_URL, NEW_CASE, format="json").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        assert api.post(CASES_URL, NEW_CASE, format="json").status_code == 201
    read_rules = [q for q in queries.captured_queries if "standards_standard" in q["sql"]]
    assert read_rules == []

    monkeypatch.setattr(selectors.time, "time", lambda: 1_000_000.0 + 30)
    with CaptureQueriesContext(connection) as queries:
        assert api.post(CASES_URL, NEW_CASE, format="json").status_code == 201
    assert [q for q in queries.captured_queries if "standards_standard" in q["sql"]]
