"""A crontab schedule in words, in the page's language, for the admin's periodic task pages.

django-celery-beat words a crontab (``CrontabSchedule.human_readable``) with cron_descriptor,
which has no Welsh and reads the process's locale, not the request's: the Welsh admin said
"At 02:00 AM, only on Monday". cron_descriptor builds its sentence from fragments it looks up
one by one (``ExpressionDescriptor._``), so on Welsh pages the fragments come from our
catalogue instead (context "a crontab schedule in words"), with Welsh day and month names and
the 24-hour clock Welsh bodies write. English pages keep cron_descriptor's own English.

Only the fragments a Celery crontab can reach are worded: five fields, no seconds or years,
and none of cron's "L", "W" or "#" (Celery refuses them). A fragment missing from the table
reads as empty, as cron_descriptor's own catalogues do, which lets its "or" fallbacks work.
"""

from typing import Any

from cron_descriptor import (
    ExpressionDescriptor,
    FormatException,
    MissingFieldException,
    Options,
    WrongArgumentException,
)
from django.utils.dates import MONTHS
from django.utils.translation import get_language, pgettext_lazy

#: cron_descriptor's fragment (its msgid) → ours. Welsh needs no serial comma and mutates
#: after "ar" and "i", so days are said as "dydd Llun ... yn unig" and ranges with "rhwng ...
#: a ...", which leave the names as they are.
FRAGMENTS = {
    "At ": pgettext_lazy("a crontab schedule in words", "At "),
    "At": pgettext_lazy("a crontab schedule in words", "At"),
    " and": pgettext_lazy("a crontab schedule in words", " and"),
    " and ": pgettext_lazy("a crontab schedule in words", " and "),
    "Every minute between {0} and {1}": pgettext_lazy(
        "a crontab schedule in words", "Every minute between {0} and {1}"
    ),
    "every minute": pgettext_lazy("a crontab schedule in words", "every minute"),
    "every hour": pgettext_lazy("a crontab schedule in words", "every hour"),
    "every {0} minutes": pgettext_lazy("a crontab schedule in words", "every {0} minutes"),
    "every {0} hours": pgettext_lazy("a crontab schedule in words", "every {0} hours"),
    "at {0} minutes past the hour": pgettext_lazy(
        "a crontab schedule in words", "at {0} minutes past the hour"
    ),
    "minutes {0} through {1} past the hour": pgettext_lazy(
        "a crontab schedule in words", "minutes {0} through {1} past the hour"
    ),
    "between {0} and {1}": pgettext_lazy("a crontab schedule in words", "between {0} and {1}"),
    "at {0}": pgettext_lazy("a crontab schedule in words", "at {0}"),
    ", {0} through {1}": pgettext_lazy("a crontab schedule in words", ", {0} through {1}"),
    ", every minute": pgettext_lazy("a crontab schedule in words", ", every minute"),
    ", every hour": pgettext_lazy("a crontab schedule in words", ", every hour"),
    ", every day": pgettext_lazy("a crontab schedule in words", ", every day"),
    ", every {0} days": pgettext_lazy("a crontab schedule in words", ", every {0} days"),
    ", every {0} days of the week": pgettext_lazy(
        "a crontab schedule in words", ", every {0} days of the week"
    ),
    ", every {0} months": pgettext_lazy("a crontab schedule in words", ", every {0} months"),
    ", on day {0} of the month": pgettext_lazy(
        "a crontab schedule in words", ", on day {0} of the month"
    ),
    ", between day {0} and {1} of the month": pgettext_lazy(
        "a crontab schedule in words", ", between day {0} and {1} of the month"
    ),
    ", only on {0}": pgettext_lazy("a crontab schedule in words", ", only on {0}"),
    ", only in {0}": pgettext_lazy("a crontab schedule in words", ", only in {0}"),
    ", starting {0}": pgettext_lazy("a crontab schedule in words", ", starting {0}"),
}

#: Cron's day numbers (0 and 7 are Sunday), as a schedule says them mid-sentence.
DAYS = (
    pgettext_lazy("a crontab schedule in words", "Sunday"),
    pgettext_lazy("a crontab schedule in words", "Monday"),
    pgettext_lazy("a crontab schedule in words", "Tuesday"),
    pgettext_lazy("a crontab schedule in words", "Wednesday"),
    pgettext_lazy("a crontab schedule in words", "Thursday"),
    pgettext_lazy("a crontab schedule in words", "Friday"),
    pgettext_lazy("a crontab schedule in words", "Saturday"),
)


def fragment(msgid: str) -> str:
    """cron_descriptor's ``msgid`` in our words (not called ``_``, which makemessages would
    take for a msgid without the context)."""
    return str(FRAGMENTS.get(msgid, ""))


class _WelshDescriptor(ExpressionDescriptor):  # type: ignore[misc]
    def _(self, message: str) -> str:
        return fragment(message)

    def get_day_of_week_description(self) -> str:
        expression = self._expression_parts[5]
        if expression == "*":
            return ""
        return str(
            self.get_segment_description(
                expression,
                fragment(", every day"),
                lambda s: str(DAYS[int(s) % 7]),
                lambda s: fragment(", every {0} days of the week").format(s),
                lambda s: fragment(", {0} through {1}"),
                lambda s: fragment(", only on {0}"),
                lambda s: fragment(", {0} through {1}"),
            )
        )

    def get_month_description(self) -> str:
        return str(
            self.get_segment_description(
                self._expression_parts[4],
                "",
                lambda s: str(MONTHS[int(s)]),
                lambda s: fragment(", every {0} months").format(s),
                lambda s: fragment(", {0} through {1}"),
                lambda s: fragment(", only in {0}"),
                lambda s: fragment(", {0} through {1}"),
            )
        )


def _welsh(expression: str) -> str | None:
    if any(mark in expression for mark in "LW#?"):
        return None
    options = Options()
    options.locale_code = "en_US"  # only for its loader: every fragment comes from ours
    options.use_24hour_time_format = True
    try:
        words = _WelshDescriptor(expression, options).get_description()
    except (FormatException, MissingFieldException, WrongArgumentException, IndexError):
        return None
    # cron_descriptor lists "a, b, and c"; Welsh writes "a, b a c" (and "a Thachwedd").
    return str(words).replace(", a ", " a ").replace(" a Tachwedd", " a Thachwedd")


def crontab_in_words(crontab: Any) -> str:
    """``crontab`` (a ``CrontabSchedule``) in words and its time zone, in the active
    language; on Welsh pages, an expression our Welsh cannot word is shown as it is."""
    if not (get_language() or "").startswith("cy"):
        return str(crontab.human_readable)
    expression = _expression(crontab)
    return f"{_welsh(expression) or expression} {crontab.timezone}"


def _expression(crontab: Any) -> str:
    """The expression django-celery-beat words (``CrontabSchedule.human_readable``): Celery's
    reading of the days of the week, so "1-5" and "mon-fri" are the same five days."""
    from celery import schedules
    from django_celery_beat.models import cronexp

    try:
        parsed = schedules.crontab(
            minute=crontab.minute,
            hour=crontab.hour,
            day_of_week=crontab.day_of_week,
            day_of_month=crontab.day_of_month,
            month_of_year=crontab.month_of_year,
        )
        if parsed.day_of_week and set(parsed.day_of_week) == set(range(7)):
            day_of_week = "*"
        else:
            day_of_week = cronexp(",".join(map(str, sorted(parsed.day_of_week))))
    except ValueError:
        day_of_week = cronexp(crontab.day_of_week)
    return " ".join(
        (
            cronexp(crontab.minute),
            cronexp(crontab.hour),
            cronexp(crontab.day_of_month),
            cronexp(crontab.month_of_year),
            day_of_week,
        )
    )
