"""``manage.py backup <directory>``: the database and the media, together, in one dated archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump) and every file under MEDIA_ROOT into one archive, "
        "DIRECTORY/cyswllt-backup-<UTC time>.tar, readable by its owner only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Where to write the archive.")

    def handle(self, *args: object, directory: Path, **options: object) -> None:
        try:
            archive = backup_create(destination=directory, now=timezone.now())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
