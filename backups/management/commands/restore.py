"""``manage.py restore <archive>``: a backup into an empty database and media directory, with
the messages it still owed held for review."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'manage.py backup' into the database DATABASE_URL names and "
        "into MEDIA_ROOT, both empty. Messages the backup still owed are held for review, "
        "never sent again by themselves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The cyswllt-backup-….tar to restore.")

    def handle(self, *args: object, archive: Path, **options: object) -> None:
        try:
            restored = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {restored.created_at}: the database and "
            f"{restored.files} files."
        )
        if restored.migrations_to_apply:
            self.stdout.write(
                f"This release has {restored.migrations_to_apply} migrations the backup has "
                "not: run 'python manage.py migrate' before starting the service."
            )
        if restored.held:
            self.stdout.write(
                self.style.WARNING(
                    f"{restored.held} messages owed at backup time are held for review: they "
                    "may have gone since. In the admin, Outbound messages, filter by state "
                    "'Held for review', then 'Release held messages for sending' or 'Cancel "
                    "held messages: never send them'."
                )
            )
