"""Backup and restore on PostgreSQL, end to end: a case with an attachment and an
acknowledgement still owed is backed up, restored into a new empty database and a new media
directory, and served from there as it was, its acknowledgement held for review, not sent."""

import io
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Role, Service, User
from backups.services import _libpq_env
from contacts.attachments import attachments_add
from contacts.models import Case
from messaging.delivery import messages_claim, messages_deliver_owed, messages_owed
from messaging.models import DeliveryState, OutboundMessage, Purpose
from standards.models import Standard
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backups are of PostgreSQL databases",
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(program: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run one of PostgreSQL's client programs as the test database's user."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    command = [program]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{flag}={db[key]}")
    return subprocess.run([*command, *args], env=env, check=True, capture_output=True, **kwargs)


def _postgres(sql: str) -> None:
    """Run ``sql`` on the server's maintenance database."""
    _client(
        "psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=postgres", "-c", sql
    )


def _copy_database(base: str, copy: str) -> None:
    """``copy``, a new database holding what ``base`` holds: as a template, a file copy, when
    nothing else is connected to ``base``; otherwise (a live server's thread left a session
    open) dumped and restored."""
    try:
        _postgres(f'CREATE DATABASE "{copy}" TEMPLATE "{base}"')
    except subprocess.CalledProcessError:
        _postgres(f'CREATE DATABASE "{copy}"')
        dump = _client("pg_dump", "--format=custom", f"--dbname={base}").stdout
        _client("pg_restore", "--no-owner", f"--dbname={copy}", input=dump)


@contextmanager
def pointed_at(name: str) -> Iterator[None]:
    """Django's connection on database ``name`` for the block, in autocommit: what is
    written there is committed, as the backup needs to see it."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@contextmanager
def scratch_database(name: str, *, copy_of: str | None = None) -> Iterator[str]:
    """Database ``name``, empty or a copy of ``copy_of``, dropped afterwards."""
    _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if copy_of:
        _copy_database(copy_of, name)
    else:
        _postgres(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        connection.close()
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A new empty database, named after the test database."""
    with django_db_blocker.unblock():
        connection.close()
        with scratch_database(f"{connection.settings_dict['NAME']}_backup_target") as name:
            yield name


@pytest.fixture
def source_database(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A copy of the test database (migrated, with the standards its migrations seed), not
    the test database itself: what is written there is committed, as a backup sees it."""
    with django_db_blocker.unblock():
        base = connection.settings_dict["NAME"]
        connection.close()  # a template database may have no session open on it
        with scratch_database(f"{base}_backup_source", copy_of=base) as name:
            with pointed_at(name):
                if not Standard.objects.exists():
                    # pytest-django runs tests without a database mark after the transactional
                    # ones, whose teardown empties the test database (serialized_rollback puts
                    # the seed data back only when the next one starts): put it back here.
                    contents = connection._test_serialized_contents  # type: ignore[attr-defined]
                    connection.creation.deserialize_db_from_string(contents)
            yield name


@pytest.fixture
def no_broker(monkeypatch):
    """Nothing is handed to a worker: what the restore does with owed messages is the point."""
    monkeypatch.setattr("common.jobs._send", lambda task, args, kwargs: None)


def test_a_restored_backup_serves_the_case_and_holds_what_it_owed(
    source_database, empty_database, tmp_path, settings, client, no_broker, django_db_blocker
):
    source, target = source_database, empty_database
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_db_blocker.unblock(), pointed_at(source):
        service = ServiceFactory(code="waste", name_en="Waste", name_cy="Gwastraff")
        team = TeamFactory(service=service, code="waste-team")
        advisor = UserFactory(role=Role.ADVISOR, team=team, username="advisor")
        case = make_case(service=service, summary="Bin not emptied on Heol y Felin")
        (attachment,) = attachments_add(
            case=case,
            files=[SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")],
            actor=advisor,
        )
        owed = OutboundMessage.objects.get(case=case, purpose=Purpose.ACKNOWLEDGEMENT)
        assert owed.state == DeliveryState.QUEUED
        printed = io.StringIO()
        call_command("backup", tmp_path / "backups", stdout=printed)
    archive = Path(printed.getvalue().strip())
    assert archive.parent == tmp_path / "backups" and archive.name.endswith("Z.tar")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in archive.parent.iterdir()] == [archive.name]

    with django_db_blocker.unblock(), pointed_at(target):
        settings.MEDIA_ROOT = tmp_path / "not-empty"
        settings.MEDIA_ROOT.mkdir()
        (settings.MEDIA_ROOT / "left.txt").write_text("x")
        with pytest.raises(CommandError, match=r"MEDIA_ROOT .* is not empty"):
            call_command("restore", archive)
        assert connection.introspection.table_names() == []

        # All or nothing: a restore that fails half-way leaves the database and media empty.
        settings.MEDIA_ROOT = tmp_path / "restored-media"
        with connection.cursor() as cursor:
            cursor.execute("CREATE SEQUENCE case_reference_2026")  # the dump creates it too
        with pytest.raises(CommandError, match=r"rolled back.*case_reference_2026"):
            call_command("restore", archive)
        assert connection.introspection.table_names() == []
        assert not settings.MEDIA_ROOT.exists()
        with connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE case_reference_2026")

        said = io.StringIO()
        call_command("restore", archive, stdout=said)
        assert "the database and 1 files" in said.getvalue()
        assert "1 messages owed at backup time are held for review" in said.getvalue()

        client.force_login(User.objects.get(username="advisor"))
        page = client.get(f"/en/cases/{case.reference}/")
        assert page.status_code == 200
        assert "Bin not emptied on Heol y Felin" in page.content.decode()
        download = client.get(f"/en/cases/{case.reference}/attachments/{attachment.pk}/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes() == PDF

        held = OutboundMessage.objects.get(pk=owed.pk)
        assert (held.state, held.sent_at, held.claim_token) == (DeliveryState.HELD, None, "")
        # Neither a worker's claim nor beat's re-dispatch takes it, however late it is.
        later = timezone.now() + timedelta(days=1)
        assert messages_owed(now=later) == []
        assert messages_claim([held.pk], now=later, extra=10) == []
        assert messages_deliver_owed(now=later) == 0
        assert OutboundMessage.objects.get(pk=owed.pk).state == DeliveryState.HELD

        # The restored database carries on: the next case takes the next reference.
        another = make_case(service=Service.objects.get(code="waste"))
        assert another.reference != case.reference
        assert Case.objects.count() == 2

        with pytest.raises(CommandError, match=f"The database {target} is not empty"):
            call_command("restore", archive)


def test_a_file_that_is_not_a_backup_is_refused(
    empty_database, tmp_path, settings, django_db_blocker
):
    target = empty_database
    settings.MEDIA_ROOT = tmp_path / "media"
    fake = tmp_path / "cyswllt-backup-20260101T000000Z.tar"
    fake.write_bytes(b"not a tar at all" * 100)
    with django_db_blocker.unblock(), pointed_at(target):
        with pytest.raises(CommandError, match="cannot be read as a backup"):
            call_command("restore", fake)
        assert connection.introspection.table_names() == []
    assert not settings.MEDIA_ROOT.exists()


def test_a_backup_is_not_written_inside_the_media_it_copies(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"

    with pytest.raises(CommandError, match="Write backups outside MEDIA_ROOT"):
        call_command("backup", tmp_path / "media" / "backups")

    assert not (tmp_path / "media").exists()


def test_the_client_programs_give_up_on_a_database_that_does_not_answer():
    """pg_dump, pg_restore and psql get the connect timeout the service connects with
    (DATABASE_CONNECT_TIMEOUT, 5 s by default), which Django's client does not pass on."""
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5
    assert _libpq_env("default")["PGCONNECT_TIMEOUT"] == "5"
