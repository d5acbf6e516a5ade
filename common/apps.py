from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django_celery_beat.admin import PeriodicTaskAdmin
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        from common import checks  # noqa: F401  (registers the checks)

        _psycopg_keeps_long_statements_parsed()

        # django-celery-beat leaves these labels unmarked for translation (the admin makes the
        # last three from attribute names), so its pages said them in English in Welsh.
        PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
        PeriodicTask.scheduler.fget.short_description = _("Scheduler")  # type: ignore[attr-defined]
        CrontabSchedule.human_readable.fget.short_description = _("Human readable")  # type: ignore[attr-defined]
        PeriodicTaskAdmin.crontab_translation.short_description = _("Crontab translation")  # type: ignore[attr-defined]


def _psycopg_keeps_long_statements_parsed() -> None:
    """psycopg remembers how it split a statement into text and placeholders only for
    statements of at most 4,096 characters and 50 parameters; a new case's one statement
    (``common.bulk.rows_insert_linked``: customer, case, milestones, event) has about 100, so it
    was split again with regular expressions on every request, 6 % of a case's CPU. The same
    few statement texts repeat on every request, and the memo is an LRU of 128."""
    try:
        from psycopg import _queries
    except ImportError:  # SQLite only (the demo): no psycopg
        return
    # Private names: tests/common/test_bulk.py fails if a psycopg release stops reading them.
    _queries.MAX_CACHED_STATEMENT_LENGTH = max(_queries.MAX_CACHED_STATEMENT_LENGTH, 16_384)
    _queries.MAX_CACHED_STATEMENT_PARAMS = max(_queries.MAX_CACHED_STATEMENT_PARAMS, 250)
