"""Backup and restore of the database and the media together, in one dated archive
(docs/adr/0040).

The archive is a plain tar holding ``manifest.json``, ``database.pgdump`` (``pg_dump``'s custom
format, compressed) and ``media/`` (every file under MEDIA_ROOT: case attachments, council
papers, printed letters, subject-access exports, web-form uploads not yet sent). The database
is dumped first and the media copied after, so that every file a row of the dump names is in
the archive; a file added in between is an orphan the restore brings back harmlessly.

A restore goes into an empty database and an empty media directory only, so that it can never
mix two councils' data or overwrite a live one. The data comes back, and every message the
backup still owed is held for review (``messaging.holds``), in one transaction: no worker can
send one of them in between, whatever is running.
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from messaging.holds import HOLD_OWED_SQL
from messaging.models import DeliveryState, OutboundMessage

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.pgdump"
MEDIA = "media"
PREFIX = "cyswllt-backup-"


class BackupError(Exception):
    """A backup or restore refused or failed; the message tells the operator what to do."""


@dataclass(frozen=True)
class Restored:
    created_at: str
    files: int
    held: int
    migrations_to_apply: int


def _libpq_env(using: str) -> dict[str, str]:
    """The environment that points ``pg_dump``, ``pg_restore`` and ``psql`` at the database
    Django uses: the password goes in the environment, never on a command line."""
    settings_dict = connections[using].settings_dict
    if connections[using].vendor != "postgresql":
        raise BackupError(
            "Backups need PostgreSQL (set DATABASE_URL): the SQLite database of the first run "
            "on a laptop is a demonstration, not a council's records."
        )
    _args, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = str(settings_dict["NAME"])
    # Django's client does not pass it on: a database host that drops packets would otherwise
    # hang the backup for minutes before it failed.
    connect_timeout = settings_dict["OPTIONS"].get("connect_timeout")
    if connect_timeout is not None:
        env["PGCONNECT_TIMEOUT"] = str(connect_timeout)
    return env


_MISSING_CLIENT = (
    "{program} was not found: install PostgreSQL's client programs (Debian: postgresql-client),"
    " at the server's major version or later."
)


def _run(command: list[str], *, env: Mapping[str, str], **kwargs: Any) -> None:
    """Run ``command``; its error output, if it fails, in the ``BackupError``."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.PIPE)
    try:
        subprocess.run(command, env=env, check=True, **kwargs)
    except FileNotFoundError as error:
        raise BackupError(_MISSING_CLIENT.format(program=command[0])) from error
    except subprocess.CalledProcessError as error:
        said = (error.stderr or b"").decode(errors="replace").strip()
        raise BackupError(f"{command[0]} failed (exit {error.returncode}): {said}") from error


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def backup_create(*, destination: Path, now: datetime, using: str = "default") -> Path:
    """Write ``destination/cyswllt-backup-<UTC time>.tar``, readable by its owner only (it
    holds personal data), and return its path. The archive appears under its name only once
    complete: a backup that fails leaves nothing that looks like one."""
    env = _libpq_env(using)
    media_root = _media_root()
    destination = destination.resolve()
    if destination == media_root or media_root in destination.parents:
        raise BackupError("Write backups outside MEDIA_ROOT, or each would contain the last.")
    destination.mkdir(parents=True, exist_ok=True)
    created_at = now.astimezone(UTC)
    archive = destination / f"{PREFIX}{created_at:%Y%m%dT%H%M%SZ}.tar"
    if archive.exists():
        raise BackupError(f"{archive} exists already; it is left as it was.")
    partial = archive.with_name(f"{archive.name}.partial")
    applied = sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations()
    )
    with tempfile.TemporaryDirectory(dir=destination, prefix=".backup-") as work:
        dump = Path(work) / DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
            env=env,
        )
        manifest = {
            "format": FORMAT,
            "created_at": created_at.isoformat(),
            "database": {"file": DUMP, "sha256": _sha256(dump), "bytes": dump.stat().st_size},
            "migrations": applied,
        }
        try:  # another backup in the same second holds the name: it is left alone
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as error:
            raise BackupError(f"{partial} cannot be created: {error}") from error
        try:
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    _add_bytes(
                        tar, MANIFEST, json.dumps(manifest, indent=2).encode(), at=created_at
                    )
                    tar.add(dump, arcname=DUMP)
                    if media_root.is_dir():
                        tar.add(media_root, arcname=MEDIA)
                raw.flush()
                os.fsync(raw.fileno())
            partial.rename(archive)
        except OSError as error:  # a full disk, a file under MEDIA_ROOT it may not read
            raise BackupError(f"The backup could not be written, and was not: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
    return archive


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, *, at: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(at.timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup_restore(*, archive: Path, using: str = "default") -> Restored:
    """Restore ``archive`` into the database Django uses and into MEDIA_ROOT, both empty, and
    hold the messages it still owed; what was restored."""
    env = _libpq_env(using)
    connection = connections[using]
    if connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: a restore goes into "
            "a new, empty database only (createdb it, and point DATABASE_URL at it)."
        )
    media_root = _media_root()
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) is not empty: a restore puts the files into a new, "
            "empty directory only (set CYSWLLT_MEDIA_ROOT to one)."
        )
    if not archive.is_file() or not tarfile.is_tarfile(archive):
        raise BackupError(f"{archive} cannot be read as a backup: it is not a tar archive.")
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with (
        tarfile.open(archive, mode="r:") as tar,
        tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work,
    ):
        manifest = _manifest(tar, archive)
        unknown = sorted(set(manifest["migrations"]) - _migrations_on_disk())
        if unknown:
            raise BackupError(
                "The backup was made by a later release of Cyswllt (it has migrations this one "
                f"does not, e.g. {', '.join(unknown[:3])}): restore it with that release."
            )
        dump = _extract_dump(tar, manifest, Path(work))
        staged = Path(work) / MEDIA
        media = [m for m in tar.getmembers() if m.name == MEDIA or m.name.startswith(f"{MEDIA}/")]
        try:
            tar.extractall(work, members=media, filter="data")
        except tarfile.TarError as error:
            raise BackupError(f"The media in {archive} cannot be restored: {error}") from error
        _database_restore(dump, env=env)
        # The files take their place once the rows naming them are in.
        if media_root.exists():
            media_root.rmdir()
        if staged.is_dir():
            staged.rename(media_root)
        else:
            media_root.mkdir()
    return Restored(
        created_at=manifest["created_at"],
        files=sum(1 for m in media if m.isfile()),
        held=OutboundMessage.objects.using(using).filter(state=DeliveryState.HELD).count(),
        migrations_to_apply=len(_migrations_on_disk() - set(manifest["migrations"])),
    )


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, Any]:
    try:
        member = tar.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError, tarfile.TarError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Cyswllt backup this release can restore.")
    return manifest


def _migrations_on_disk() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _extract_dump(tar: tarfile.TarFile, manifest: Mapping[str, Any], work: Path) -> Path:
    try:
        tar.extract(DUMP, work, filter="data")
    except (KeyError, tarfile.TarError) as error:
        raise BackupError(f"The backup holds no readable database dump: {error}") from error
    dump = work / DUMP
    if _sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError("The backup's database dump is damaged (its checksum differs).")
    return dump


def _database_restore(dump: Path, *, env: Mapping[str, str]) -> None:
    """The dump's SQL, then the hold on owed messages, through psql in one transaction: all
    of it is restored, or none. psql commits when its input ends, so the hold is written only
    once pg_restore has succeeded, and psql is killed, committing nothing, if it did not. The
    dump empties ``search_path`` for its own statements; the hold runs with the database's."""
    with tempfile.TemporaryFile() as psql_said, tempfile.TemporaryFile() as restore_said:
        try:
            psql = subprocess.Popen(
                [
                    "psql",
                    "--no-psqlrc",
                    "--quiet",
                    "--single-transaction",
                    "--set=ON_ERROR_STOP=1",
                    "--file=-",
                ],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=psql_said,
            )
        except FileNotFoundError as error:
            raise BackupError(_MISSING_CLIENT.format(program="psql")) from error
        assert psql.stdin is not None
        with psql:
            try:
                _run(
                    ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
                    env=env,
                    stdout=psql.stdin,
                    stderr=restore_said,
                )
                psql.stdin.write(f"RESET search_path;\n{HOLD_OWED_SQL}\n".encode())
                psql.stdin.close()
            except (BackupError, BrokenPipeError) as error:
                psql.kill()
                psql.wait()
                if psql.returncode > 0:  # psql stopped first: its error is the cause
                    raise BackupError(_psql_failed(psql.returncode, psql_said)) from error
                raise BackupError(f"pg_restore failed: {_said(restore_said)}") from error
        if psql.returncode:
            raise BackupError(_psql_failed(psql.returncode, psql_said))


def _said(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode(errors="replace").strip()[-2000:]


def _psql_failed(code: int, output: IO[bytes]) -> str:
    return f"The restore failed and was rolled back (psql exit {code}): {_said(output)}"
