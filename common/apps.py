from typing import Any

from django.apps import AppConfig, apps
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django_celery_beat.admin import PeriodicTaskAdmin
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        from common import checks  # noqa: F401  (registers the checks)
        from common.cron_wording import crontab_in_words

        _psycopg_keeps_long_statements_parsed()

        # django-celery-beat leaves these labels unmarked for translation (the admin makes the
        # last three from attribute names), so its pages said them in English in Welsh.
        PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
        PeriodicTask.scheduler.fget.short_description = _("Scheduler")  # type: ignore[attr-defined]
        CrontabSchedule.human_readable.fget.short_description = _("Human readable")  # type: ignore[attr-defined]
        PeriodicTaskAdmin.crontab_translation.short_description = _("Crontab translation")  # type: ignore[attr-defined]
        # It names a crontab "0 2 * * * (m/h/dM/MY/d) Europe/London" in the admin's lists, the
        # periodic task's choice of crontab and every title; its words say it in either language.
        CrontabSchedule.__str__ = crontab_in_words

        _name_the_second_factor_and_lockouts()


def _name_the_second_factor_and_lockouts() -> None:
    """django-axes and django-otp name their apps by label ("Axes", "Otp_Totp"), and django-otp
    names its device and its fields in English never marked for translation.

    Only the names the admin shows are set (``verbose_name``, not the ``_verbose_name`` a
    field was declared with), and help texts keep their English as the msgid, so the
    migrations' view of the models does not change."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # django-axes names an attempt "Attempted Access: 2026-12-07 17:18:53.447995+00:00", the
    # title of its admin page and its entries in the admin's history.
    AccessAttempt.__str__ = _attempt_in_words

    apps.get_app_config("axes").verbose_name = _("Sign-in lockouts")
    apps.get_app_config("otp_totp").verbose_name = _("Two-factor authentication")
    TOTPDevice._meta.verbose_name = pgettext_lazy("an authenticator app", "TOTP device")
    TOTPDevice._meta.verbose_name_plural = pgettext_lazy("an authenticator app", "TOTP devices")
    device = "a two-factor authentication device"
    for name, label, help_text in (
        ("user", pgettext_lazy(device, "user"), _("The user that this device belongs to.")),
        ("name", pgettext_lazy(device, "name"), _("The human-readable name of this device.")),
        ("confirmed", pgettext_lazy(device, "confirmed"), _("Is this device ready for use?")),
        (
            "created_at",
            pgettext_lazy(device, "created at"),
            _("The date and time when this device was initially created in the system."),
        ),
        (
            "last_used_at",
            pgettext_lazy(device, "last used at"),
            _("The most recent date and time this device was used."),
        ),
        ("key", pgettext_lazy(device, "key"), _("A hex-encoded secret key of up to 40 bytes.")),
        ("step", pgettext_lazy(device, "step"), _("The time step in seconds.")),
        ("t0", pgettext_lazy(device, "t0"), _("The Unix time at which to begin counting steps.")),
        (
            "digits",
            pgettext_lazy(device, "digits"),
            _("The number of digits to expect in a token."),
        ),
        (
            "tolerance",
            pgettext_lazy(device, "tolerance"),
            _("The number of time steps in the past or future to allow."),
        ),
        (
            "drift",
            pgettext_lazy(device, "drift"),
            _("The number of time steps the prover is known to deviate from our clock."),
        ),
        (
            "throttling_failure_timestamp",
            pgettext_lazy(device, "throttling failure timestamp"),
            _(
                "A timestamp of the last failed verification attempt. Null if last attempt"
                " succeeded."
            ),
        ),
        (
            "throttling_failure_count",
            pgettext_lazy(device, "throttling failure count"),
            _("Number of successive failed attempts."),
        ),
    ):
        field = TOTPDevice._meta.get_field(name)
        field.verbose_name = label
        field.help_text = help_text


def _attempt_in_words(attempt: Any) -> str:
    when = formats.date_format(timezone.localtime(attempt.attempt_time), "DATETIME_FORMAT")
    return gettext("Sign-in attempt, %(when)s") % {"when": when}


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
