from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django_celery_beat.admin import PeriodicTaskAdmin
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        from common import checks  # noqa: F401  (registers the checks)

        # django-celery-beat leaves these labels unmarked for translation (the admin makes the
        # last three from attribute names), so its pages said them in English in Welsh.
        PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
        PeriodicTask.scheduler.fget.short_description = _("Scheduler")  # type: ignore[attr-defined]
        CrontabSchedule.human_readable.fget.short_description = _("Human readable")  # type: ignore[attr-defined]
        PeriodicTaskAdmin.crontab_translation.short_description = _("Crontab translation")  # type: ignore[attr-defined]
