"""The admins of django-celery-beat, django-axes and django-otp, in both languages.

Their packages say some of it in English whatever the language (messages built with
f-strings, labels never marked for translation, crontabs worded by cron_descriptor) and one of
their templates runs an inline script our Content-Security-Policy refuses. Each is registered
again here, as a subclass that says it through our catalogue (ADR 0041). ``common`` comes after
the three in ``INSTALLED_APPS``, so their admin modules have registered before this one runs.
"""

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.utils.translation import pgettext_lazy as pgettext
from django_celery_beat.admin import (
    CrontabScheduleAdmin,
    PeriodicTaskAdmin,
    PeriodicTaskForm,
)
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .cron_wording import crontab_in_words

# --- django-celery-beat ----------------------------------------------------------------------

SCHEDULE_FIELDS = ("interval", "crontab", "solar", "clocked")


class WelshPeriodicTaskForm(PeriodicTaskForm):  # type: ignore[misc]
    def validate_unique(self) -> None:
        """``PeriodicTask.validate_unique`` checks the schedule too, in English never marked
        for translation; the same rules are checked first here, in our words."""
        task = self.instance
        chosen = [name for name in SCHEDULE_FIELDS if getattr(task, f"{name}_id")]
        if not chosen:
            self.add_error(
                None,
                _("Set one schedule: an interval, a crontab, a solar event or a clocked time."),
            )
            return
        if len(chosen) > 1:
            for name in chosen:
                self.add_error(name if name in self.fields else None, _("Set only one schedule."))
            return
        if task.clocked_id and not task.one_off:
            self.add_error(
                "one_off",
                _("A task at a clocked time runs once: tick “One-off Task”."),
            )
            return
        super().validate_unique()


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class WelshPeriodicTaskAdmin(PeriodicTaskAdmin):  # type: ignore[misc]
    form = WelshPeriodicTaskForm
    # django-celery-beat's template, with its inline script moved to a static file.
    change_form_template = "admin/djcelery/cyswllt_change_periodictask_form.html"

    @admin.display(description=_("Crontab translation"))
    def crontab_translation(self, task: PeriodicTask) -> str:
        return crontab_in_words(task.crontab) if task.crontab_id else "-"

    def changeform_view(  # type: ignore[no-untyped-def]
        self, request, object_id=None, form_url="", extra_context=None
    ):
        extra_context = {
            **(extra_context or {}),
            "readable_crontabs": {
                crontab.pk: crontab_in_words(crontab) for crontab in CrontabSchedule.objects.all()
            },
        }
        # django-celery-beat's own view would put its English words in place of ours.
        return admin.ModelAdmin.changeform_view(
            self, request, object_id, form_url, extra_context=extra_context
        )

    @admin.action(description=_("Run selected tasks"))
    def run_tasks(self, request: HttpRequest, queryset: QuerySet[PeriodicTask]) -> None:
        # django-celery-beat names a task it cannot find in an f-string put through gettext,
        # which no catalogue can hold; the check is made first here, in words that can.
        self.celery_app.loader.import_default_modules()
        missing = next((t.task for t in queryset if t.task not in self.celery_app.tasks), None)
        if missing is not None:
            self.message_user(
                request,
                _("There is no task “%(task)s”: nothing was run.") % {"task": missing},
                level=messages.ERROR,
            )
            return
        super().run_tasks(request, queryset)


#: What each of a crontab's fields takes, said when what was written is not that. The model's
#: validators (python-crontab's) say it in English built with f-strings ("'99', not in 0-59
#: for Minutes"), which no catalogue can hold.
CRONTAB_FIELD_RULES = {
    "minute": _(
        "Write the minute as a number from 0 to 59, a list (0,30), a range (0-30), a step"
        " (*/15) or * for every minute."
    ),
    "hour": _(
        "Write the hour as a number from 0 to 23, a list (9,17), a range (9-17), a step (*/2)"
        " or * for every hour."
    ),
    "day_of_month": _(
        "Write the day of the month as a number from 1 to 31, a list (1,15), a range (1-7), a"
        " step (*/2) or * for every day."
    ),
    "month_of_year": _(
        "Write the month as a number from 1 to 12, a list (1,7), a range (3-11), a step (*/3)"
        " or * for every month."
    ),
    "day_of_week": _(
        "Write the day of the week as a number from 0 (Sunday) to 6 (Saturday) or its English"
        " name (mon), a list (1,3), a range (1-5) or * for every day."
    ),
}


def _crontab_field_cleaner(name: str) -> Any:
    """``clean_<name>``: the model's own validators judge the field, our words say why it is
    refused. A field refused here is left out of the model's validation, so its English is
    not said as well."""

    def clean(form: forms.ModelForm) -> str:  # type: ignore[type-arg]
        value = form.cleaned_data[name]
        try:
            for validator in CrontabSchedule._meta.get_field(name).validators:
                validator(value)
        except ValidationError:
            raise ValidationError(CRONTAB_FIELD_RULES[name], code="invalid") from None
        return str(value)

    return clean


class WelshCrontabScheduleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CrontabSchedule
        fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")

    clean_minute = _crontab_field_cleaner("minute")
    clean_hour = _crontab_field_cleaner("hour")
    clean_day_of_month = _crontab_field_cleaner("day_of_month")
    clean_month_of_year = _crontab_field_cleaner("month_of_year")
    clean_day_of_week = _crontab_field_cleaner("day_of_week")


admin.site.unregister(CrontabSchedule)


@admin.register(CrontabSchedule)
class WelshCrontabScheduleAdmin(CrontabScheduleAdmin):  # type: ignore[misc]
    form = WelshCrontabScheduleForm
    # A crontab's name is its words (common/apps.py); django-celery-beat's second column, its
    # words again, would say the same.
    list_display = ("__str__",)

    @admin.display(description=_("Human readable"))
    def human_readable(self, crontab: CrontabSchedule) -> str:
        return crontab_in_words(crontab) if crontab.pk else "-"


# --- django-axes -----------------------------------------------------------------------------

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class WelshAccessAttemptAdmin(AccessAttemptAdmin):  # type: ignore[misc]
    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # django-axes reads the cool-off's start from the request, which its middleware marks
        # only on sign-in requests: without it, its own action fails on every admin page.
        if not hasattr(request, "axes_attempt_time"):
            request.axes_attempt_time = timezone.now()  # type: ignore[attr-defined]
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request,
            ngettext(
                "Cleaned up %(count)d expired access attempt.",
                "Cleaned up %(count)d expired access attempts.",
                count,
            )
            % {"count": count},
        )

    @admin.display(description=pgettext("a sign-in lockout", "Status"))
    def status(self, attempt: AccessAttempt) -> str:
        return str(super().status(attempt))


# --- django-otp ------------------------------------------------------------------------------

admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class WelshTOTPDeviceAdmin(TOTPDeviceAdmin):  # type: ignore[misc]
    search_help_text = _("Search by the user’s username or email address.")

    #: django-otp's fieldsets' titles, which it does not mark for translation.
    TITLES = {
        "Identity": pgettext("a two-factor authentication device", "Identity"),
        "Timestamps": pgettext("a two-factor authentication device", "Timestamps"),
        "Configuration": pgettext("a two-factor authentication device", "Configuration"),
        "State": pgettext("a two-factor authentication device", "State"),
        "Throttling": pgettext("a two-factor authentication device", "Throttling"),
    }

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (self.TITLES.get(title, title) if title else title, options)
            for title, options in super().get_fieldsets(request, obj)
        ]
