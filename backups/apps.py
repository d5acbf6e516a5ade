from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backup and restore of the database and the media together (``manage.py backup`` and
    ``manage.py restore``, docs/adr/0040): at the top of the stack, beside the demo, since the
    restore holds the messages the backup still owed (``messaging.holds``)."""

    name = "backups"
    verbose_name = _("Backups")
