"""The kept connection's health check asks the socket before the server (docs/adr/0037,
common/postgresql/base.py): no ``SELECT 1`` while nothing has come from the server; a session
the server ended is found and replaced before the next request's first query; something else
waiting (a notification) is left to Django's ``SELECT 1`` to judge."""

import select
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.postgresql import base as django_postgresql

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


@pytest.fixture
def kept() -> Iterator:
    """A connection of its own, outside the test's transaction, as a web process keeps one."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    other.ensure_connection()
    yield other
    other.close()


@pytest.fixture
def selects_one(monkeypatch) -> list[None]:
    asked: list[None] = []
    usable = django_postgresql.DatabaseWrapper.is_usable

    def counted(self):
        asked.append(None)
        return usable(self)

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return asked


def next_request(wrapper) -> None:
    """What Django does before a request's (or a task's) first query on a kept connection."""
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()


def wait_readable(wrapper) -> None:
    readable, _, _ = select.select([wrapper.connection.fileno()], [], [], 5)
    assert readable, "the server sent nothing"


def test_the_settings_use_the_backend_and_keep_health_checks_on(kept):
    assert type(kept).__module__ == "common.postgresql.base"
    assert kept.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert kept.health_check_enabled


def test_a_quiet_connection_is_used_without_a_round_trip(kept, selects_one):
    raw = kept.connection

    next_request(kept)

    assert selects_one == []
    assert kept.connection is raw
    with kept.cursor() as cursor:
        cursor.execute("SELECT 41 + 1")
        assert cursor.fetchone() == (42,)


def test_a_session_the_server_ended_is_replaced_before_the_next_query(kept, selects_one):
    ended = kept.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended.info.backend_pid])
    wait_readable(kept)

    next_request(kept)

    assert selects_one == [None]
    assert kept.connection is None
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != ended.info.backend_pid


def test_anything_else_waiting_is_judged_by_select_one(kept, selects_one):
    kept.set_autocommit(True)
    with kept.cursor() as cursor:
        cursor.execute("LISTEN cyswllt_health_check_test")
    notifier = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with notifier.cursor() as cursor:
            cursor.execute("NOTIFY cyswllt_health_check_test")
    finally:
        notifier.close()
    raw = kept.connection
    wait_readable(kept)

    next_request(kept)

    assert selects_one == [None]
    assert kept.connection is raw
