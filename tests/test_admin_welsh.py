"""The Welsh admin is Welsh: the messages Django's, its authentication app's and
django-celery-beat's own Welsh catalogues leave untranslated come from ours
(common/admin_messages.py), which wins over theirs because LOCALE_PATHS are read last."""

import html
import json
import re
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
)
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.admin_messages import ADMIN_MESSAGES
from common.cron_wording import crontab_in_words
from councillors.models import PaperKind
from standards.models import Standard
from tests.factories import sign_in_failure

PO_FILE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def test_every_listed_admin_message_is_in_our_catalogue():
    msgids = {entry.msgid for entry in polib.pofile(str(PO_FILE)) if entry.translated()}
    with translation.override("en"):  # a plural message, in English, is its singular msgid
        listed = {str(message) for message in ADMIN_MESSAGES}
    assert sorted(listed - msgids) == []


@pytest.mark.parametrize(
    ("english", "welsh"),
    [
        ("View site", "Gweld y wefan"),
        ("Periodic Tasks", "Tasgau cyfnodol"),
        ("Clear all filters", "Clirio pob hidlydd"),
        ("Recent actions", "Gweithredoedd diweddar"),
        ("Minutes", "Munudau"),
        ("Task Name", "Enw’r dasg"),
    ],
)
def test_our_welsh_is_what_the_admin_gets(english, welsh):
    with translation.override("cy"):
        assert gettext(english) == welsh
    with translation.override("en"):
        assert gettext(english) == english


def test_a_meetings_minutes_are_not_the_periods_minutes():
    # django-celery-beat's "Minutes" (an interval's period) has no context; a meeting's has one
    with translation.override("cy"):
        assert gettext("Minutes") == "Munudau"
        assert str(PaperKind.MINUTES.label) == "Cofnodion"


@pytest.mark.django_db
def test_the_welsh_admin_pages_say_it_in_welsh(client, administrator):
    client.force_login(administrator)
    index = client.get("/cy/admin/").content.decode()
    assert "Gweld y wefan" in index and "Tasgau cyfnodol" in index
    assert "View site" not in index and "Periodic Tasks" not in index

    standard = Standard.objects.get(code="LETTER")
    change = reverse("admin:standards_standard_change", args=[standard.pk])[3:]
    refused = client.post(f"/cy{change}", {"code": "", "section": "nonsense"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Cywirwch y gwall isod." in page or "Cywirwch y gwallau isod." in page
    assert "Please correct" not in page


@pytest.mark.django_db
def test_the_admins_calendar_is_welsh(client, administrator):
    client.force_login(administrator)
    script = client.get("/cy/admin/jsi18n/").content.decode()
    for welsh in ("Dewis dyddiad", "Dewis amser", "Ionawr", "Dydd Llun"):
        assert welsh in script
    assert "Dewis dyddiad" not in client.get("/en/admin/jsi18n/").content.decode()


@pytest.mark.django_db
def test_the_periodic_task_pages_are_welsh(client, administrator):
    client.force_login(administrator)
    every = IntervalSchedule.objects.create(every=3, period=IntervalSchedule.DAYS)
    PeriodicTask.objects.create(
        name="Nightly", task="performance.tasks.daily_stats", interval=every
    )

    add = client.get("/cy/admin/django_celery_beat/periodictask/add/").content.decode()
    for welsh, english in (
        ("Tasg (gofrestredig)", "Task (registered)"),
        ("Amserlen cyfwng", "Interval Schedule"),
        ("Amserlen crontab", "Crontab Schedule"),
        ("Dadleuon safleol", "Positional Arguments"),
        ("Dadleuon allweddair", "Keyword Arguments"),
        ("Diystyru’r ciw", "Queue Override"),
        ("Allwedd lwybro", "Routing Key"),
        ("Dyddiad ac amser dod i ben", "Expires Datetime"),
        ("Tasg untro", "One-off Task"),
        ("Dewisiadau gweithredu", "Execution Options"),
        ("Y crontab mewn geiriau", "Crontab translation"),
        ("bob 3 (diwrnodau)", "every 3 days"),
    ):
        assert welsh in add and english not in add, english

    listing = client.get("/cy/admin/django_celery_beat/periodictask/").content.decode()
    for welsh, english in (
        ("Galluogi’r tasgau a ddewiswyd", "Enable selected tasks"),
        ("Rhedeg y tasgau a ddewiswyd", "Run selected tasks"),
        ("Dyddiad ac amser y rhediad diwethaf", "Last Run Datetime"),
        ("Wrth Enw’r dasg", "Task Name"),
        ("Wedi’i alluogi", "Enabled"),
    ):
        assert welsh in listing and english not in listing, english
    assert ">Scheduler<" not in listing

    english = client.get("/en/admin/django_celery_beat/periodictask/add/").content.decode()
    assert "Interval Schedule" in english and "Amserlen cyfwng" not in english


@pytest.mark.django_db
def _action_done(client, model_path: str, action: str, pk: int) -> str:
    """The Welsh page an admin list answers with after ``action`` on the row ``pk``."""
    return client.post(
        f"/cy/admin/{model_path}/", {"action": action, "_selected_action": [pk]}, follow=True
    ).content.decode()


def test_the_periodic_task_actions_report_in_welsh(client, administrator):
    client.force_login(administrator)
    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    task = PeriodicTask.objects.create(
        name="Hourly", task="performance.tasks.daily_stats", interval=every, enabled=False
    )
    done = _action_done(client, "django_celery_beat/periodictask", "enable_tasks", task.pk)
    assert "Galluogwyd 1 tasg yn llwyddiannus" in done and "successfully" not in done
    assert "bob awr" in done


def _text(page: str) -> str:
    """What a reader sees of ``page``: its text, not its markup, scripts or URLs."""
    page = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.django_db
def test_the_crontabs_are_worded_in_welsh(client, administrator):
    """cron_descriptor has no Welsh: 02:00 on weekdays was "At 02:00 AM, only on Monday, ...".
    Celery reads "1-5" as the five days, which django-celery-beat words as a list."""
    client.force_login(administrator)
    weekdays = CrontabSchedule.objects.create(
        minute="0", hour="2", day_of_week="1-5", timezone="Europe/London"
    )
    quarterly = CrontabSchedule.objects.create(
        minute="*/15", hour="9-17", month_of_year="3-11", timezone="Europe/London"
    )
    PeriodicTask.objects.create(
        name="Weekdays", task="performance.tasks.daily_stats", crontab=weekdays
    )
    in_words = (
        "Am 02:00, dydd Llun, dydd Mawrth, dydd Mercher, dydd Iau a dydd Gwener yn unig "
        "Europe/London"
    )
    in_english = "At 02:00 AM, only on Monday, Tuesday, Wednesday, Thursday, and Friday"
    every_quarter = "Bob 15 munud, rhwng 09:00 a 17:59, rhwng Mawrth a Thachwedd Europe/London"

    listing = _text(client.get("/cy/admin/django_celery_beat/crontabschedule/").content.decode())
    assert in_words in listing and every_quarter in listing
    assert "At " not in listing and "Monday" not in listing and " AM" not in listing
    change = f"/cy/admin/django_celery_beat/crontabschedule/{weekdays.pk}/change/"
    assert in_words in _text(client.get(change).content.decode())

    task = PeriodicTask.objects.get(name="Weekdays")
    form = client.get(f"/cy/admin/django_celery_beat/periodictask/{task.pk}/change/")
    page = form.content.decode()
    assert in_words in _text(page)
    # The words the page's script shows when another crontab is chosen: Welsh as well.
    readable = re.search(r'id="readable-crontabs"[^>]*>(.*?)</script>', page, re.S)
    assert readable and json.loads(readable.group(1))[str(quarterly.pk)] == every_quarter
    assert "Translation:" not in page and '<script id="periodic-task-overrides">' not in page

    english = client.get("/en/admin/django_celery_beat/crontabschedule/").content.decode()
    assert in_english in _text(english)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "in_words"),
    [
        ("cy", "Am 06:30, dydd Llun a dydd Gwener yn unig Europe/London"),
        ("en", "At 06:30 AM, only on Monday and Friday Europe/London"),
    ],
)
def test_a_crontab_is_named_in_words_not_as_cron(client, administrator, language, in_words):
    """django-celery-beat names a crontab "30 6 * * 1,5 (m/h/dM/MY/d) Europe/London": in the
    periodic tasks' list, the crontabs' list, the task's choice of crontab and the titles."""
    client.force_login(administrator)
    crontab = CrontabSchedule.objects.create(
        minute="30", hour="6", day_of_week="1,5", timezone="Europe/London"
    )
    task = PeriodicTask.objects.create(
        name="Twice weekly", task="performance.tasks.daily_stats", crontab=crontab
    )
    beat = f"/{language}/admin/django_celery_beat"
    tasks = client.get(f"{beat}/periodictask/").content.decode()
    assert f'<td class="field-scheduler">{in_words}</td>' in html.unescape(tasks)
    crontabs = _text(client.get(f"{beat}/crontabschedule/").content.decode())
    assert in_words in crontabs
    form = html.unescape(client.get(f"{beat}/periodictask/{task.pk}/change/").content.decode())
    assert f'<option value="{crontab.pk}" selected>{in_words}</option>' in form
    title = _text(client.get(f"{beat}/crontabschedule/{crontab.pk}/change/").content.decode())
    assert in_words in title
    for page in (tasks, crontabs, form, title):
        assert "(m/h/dM/MY/d)" not in page and "30 6 * * 1,5" not in page


@pytest.mark.django_db
def test_a_periodic_tasks_schedule_errors_are_welsh(client, administrator):
    """django-celery-beat's model raises these in English never marked for translation."""
    client.force_login(administrator)
    every = IntervalSchedule.objects.create(every=3, period=IntervalSchedule.DAYS)
    crontab = CrontabSchedule.objects.create(minute="0", hour="2")
    add = "/cy/admin/django_celery_beat/periodictask/add/"
    form = {
        "name": "Nightly",
        "task": "performance.tasks.daily_stats",
        "enabled": "on",
        "args": "[]",
        "kwargs": "{}",
        "headers": "{}",
    }

    none = _text(client.post(add, form).content.decode())
    assert "Gosodwch un amserlen: cyfwng, crontab, digwyddiad solar neu amser penodol." in none
    assert "must be set" not in none

    both = _text(
        client.post(add, {**form, "interval": every.pk, "crontab": crontab.pk}).content.decode()
    )
    assert "Gosodwch un amserlen yn unig." in both and "Only one of" not in both

    clocked = ClockedSchedule.objects.create(clocked_time=timezone.now())
    once = _text(client.post(add, {**form, "clocked": clocked.pk}).content.decode())
    assert "Mae tasg ar amser penodol yn rhedeg unwaith: ticiwch “Tasg untro”." in once
    assert "clocked must be one off" not in once
    assert not PeriodicTask.objects.filter(name="Nightly").exists()

    saved = client.post(add, {**form, "interval": every.pk})
    assert saved.status_code == 302
    assert PeriodicTask.objects.get(name="Nightly").interval == every


CRONTAB_FORM = {
    "minute": "0",
    "hour": "2",
    "day_of_month": "*",
    "month_of_year": "*",
    "day_of_week": "*",
    "timezone": "Europe/London",
    # The tasks on the crontab, shown below it: an inline formset, with its management form.
    "periodictask_set-TOTAL_FORMS": "0",
    "periodictask_set-INITIAL_FORMS": "0",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "welsh"),
    [
        ("minute", "99", "Ysgrifennwch y munud fel rhif o 0 i 59"),
        ("minute", "abc", "Ysgrifennwch y munud fel rhif o 0 i 59"),
        ("hour", "24", "Ysgrifennwch yr awr fel rhif o 0 i 23"),
        ("day_of_month", "5-1", "Ysgrifennwch ddiwrnod y mis fel rhif o 1 i 31"),
        ("month_of_year", "*/0", "Ysgrifennwch y mis fel rhif o 1 i 12"),
        ("day_of_week", "funday", "Ysgrifennwch ddiwrnod yr wythnos fel rhif o 0 (dydd Sul)"),
    ],
)
def test_a_crontab_field_refused_says_why_in_welsh(client, administrator, field, value, welsh):
    """python-crontab words its refusals with f-strings ("'99', not in 0-59 for Minutes"), in
    English whatever the page's language; the crontab's page and the one the periodic task's
    "+" opens (a pop-up) say them in Welsh, and save nothing."""
    client.force_login(administrator)
    add = "/cy/admin/django_celery_beat/crontabschedule/add/"
    for url in (add, f"{add}?_to_field=id&_popup=1"):
        refused = client.post(url, {**CRONTAB_FORM, field: value})
        assert refused.status_code == 200
        text = _text(refused.content.decode())
        assert welsh in text
        for english in ("not in", "Unrecognised", "No enumeration", "Bad range", "Sequence"):
            assert english not in text, english
    assert not CrontabSchedule.objects.exists()

    english = _text(
        client.post(
            "/en/admin/django_celery_beat/crontabschedule/add/", {**CRONTAB_FORM, field: value}
        ).content.decode()
    )
    assert "Write the " in english and welsh not in english


@pytest.mark.django_db
def test_a_right_crontab_is_saved_from_the_welsh_admin(client, administrator):
    client.force_login(administrator)
    saved = client.post(
        "/cy/admin/django_celery_beat/crontabschedule/add/",
        {**CRONTAB_FORM, "minute": "*/15", "hour": "9-17", "day_of_week": "mon-fri"},
    )
    assert saved.status_code == 302
    crontab = CrontabSchedule.objects.get()
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("*/15", "9-17", "mon-fri")


@pytest.mark.django_db
def test_running_a_task_celery_does_not_know_says_so_in_welsh(client, administrator):
    """django-celery-beat builds this message with an f-string inside gettext, so no catalogue
    could translate it: "task "performance.tasks.gone" not found"."""
    client.force_login(administrator)
    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    task = PeriodicTask.objects.create(name="Gone", task="performance.tasks.gone", interval=every)
    done = _text(_action_done(client, "django_celery_beat/periodictask", "run_tasks", task.pk))
    assert "Nid oes tasg “performance.tasks.gone”: ni redwyd dim." in done
    assert "not found" not in done


#: The English django-axes and django-otp put on the admin's index and their lists and forms.
SECOND_FACTOR_AND_LOCKOUT_ENGLISH = (
    "Axes",
    "Access attempt",
    "access attempt",
    "Attempt Time",
    "IP Address",
    "User Agent",
    "Locked Out",
    "Otp_Totp",
    "TOTP device",
    "Created at",
    "Last used at",
    "Confirmed",
    "Search by",
    "Identity",
    "Timestamps",
    "Throttling",
    "The user that this device belongs to",
    "Is this device ready for use?",
    "Attempted Access",
    "expiration",
)


@pytest.mark.django_db
def test_the_lockouts_and_second_factor_devices_are_named_in_welsh(client, administrator):
    client.force_login(administrator)
    device = TOTPDevice.objects.create(user=administrator, name="ffôn")
    attempt = sign_in_failure(failures=5)
    pages = {
        "index": (
            "/cy/admin/",
            (
                "Cloi allan wrth fewngofnodi",
                "Ymgeisiau i fewngofnodi",
                "Dilysu dau gam",
                "Dyfeisiau dilysu dau gam",
            ),
        ),
        "lockouts": (
            "/cy/admin/axes/accessattempt/",
            ("Amser yr ymgais", "Cyfeiriad IP", "Wrth Wedi’i gloi allan", "Statws"),
        ),
        "devices": (
            "/cy/admin/otp_totp/totpdevice/",
            (
                "Dewis dyfais dilysu dau gam i newid",
                "Crëwyd",
                "Defnyddiwyd ddiwethaf",
                "Wedi’i chadarnhau",
                "Chwilio yn ôl enw defnyddiwr",
            ),
        ),
        "device": (
            "/cy/admin/otp_totp/totpdevice/add/",
            (
                "Hunaniaeth",
                "Y defnyddiwr y mae’r ddyfais hon yn perthyn iddo.",
                "Arafu ar ôl methu",
            ),
        ),
        "a device": (
            f"/cy/admin/otp_totp/totpdevice/{device.pk}/change/",
            ("Newid dyfais dilysu dau gam", "Wedi’i chadarnhau", "Nifer y methiannau"),
        ),
        "an attempt": (
            f"/cy/admin/axes/accessattempt/{attempt.pk}/change/",
            ("Newid ymgais i fewngofnodi", "Ymgais i fewngofnodi, ", "Pryd y daw’r ymgais i ben"),
        ),
    }
    for name, (url, welsh) in pages.items():
        text = _text(client.get(url).content.decode())
        for words in welsh:
            assert words in text, (name, words)
        for english in SECOND_FACTOR_AND_LOCKOUT_ENGLISH:
            assert english not in text, (name, english)

    english = _text(client.get("/en/admin/").content.decode())
    assert "Two-factor authentication" in english and "Sign-in lockouts" in english


@pytest.mark.django_db
def test_cleaning_up_lockouts_reports_in_welsh(client, administrator):
    """django-axes builds this message with an f-string inside gettext (and its action failed
    outside a sign-in request). One attempt is older than the 15-minute cool-off, one is not."""
    client.force_login(administrator)
    expired, current = (sign_in_failure(name) for name in ("expired", "current"))
    AccessAttempt.objects.filter(pk=expired.pk).update(
        attempt_time=timezone.now() - timedelta(hours=1)
    )
    done = _text(_action_done(client, "axes/accessattempt", "cleanup_expired_attempts", current.pk))
    assert "Cliriwyd 1 ymgais a oedd wedi dod i ben." in done
    assert "Cleaned up" not in done
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["current"]


@pytest.mark.parametrize(
    ("fields", "welsh"),
    [
        ({"minute": "0", "hour": "2"}, "Am 02:00"),
        ({"minute": "*/15", "hour": "*"}, "Bob 15 munud"),
        ({"minute": "15", "hour": "*"}, "Am 15 munud wedi’r awr"),
        ({"minute": "30", "hour": "6,14,16"}, "Am 06:30, 14:30 a 16:30"),
        ({"minute": "5", "hour": "0", "day_of_month": "1"}, "Am 00:05, ar ddiwrnod 1 o’r mis"),
        ({"minute": "0", "hour": "0", "day_of_month": "*/3"}, "Am 00:00, bob 3 diwrnod"),
        (
            {"minute": "0", "hour": "3", "month_of_year": "1,11"},
            "Am 03:00, ym mis Ionawr a Thachwedd yn unig",
        ),
        (
            {"minute": "0", "hour": "0", "day_of_week": "0,6"},
            "Am 00:00, dydd Sul a dydd Sadwrn yn unig",
        ),
        # cron's "last day of the month": Celery refuses it, so it is shown as it is.
        ({"minute": "0", "hour": "0", "day_of_month": "L"}, "0 0 L * *"),
    ],
)
def test_a_crontab_in_welsh_words(fields, welsh):
    crontab = CrontabSchedule(timezone="UTC", **fields)
    with translation.override("cy"):
        assert crontab_in_words(crontab) == f"{welsh} UTC"
    with translation.override("en"):
        assert crontab_in_words(crontab) == crontab.human_readable


@pytest.mark.django_db
def test_the_yes_no_filters_answer_ie_and_na(client, administrator):
    """Django's true-or-false list filter and django-axes' "Locked Out" filter say "Yes" and
    "No" without context; ours once gave them the web form's answer ("Hoffwn", I would like)."""
    client.force_login(administrator)
    TOTPDevice.objects.create(user=administrator, name="phone")
    devices = client.get("/cy/admin/otp_totp/totpdevice/").content.decode()
    attempts = client.get("/cy/admin/axes/accessattempt/").content.decode()
    for page in (devices, attempts):
        assert re.search(r"<a href=\"\?[^\"]*=1\"[^>]*>\s*Ie\s*</a>|>Ie</a>", page)
        assert ">Na</a>" in page
        assert "Hoffwn" not in page and "Na hoffwn" not in page
    with translation.override("cy"):
        assert gettext("Yes") == "Ie" and gettext("No") == "Na"
        # The question the answer is to still picks its own Welsh.
        assert translation.pgettext("would like to deal with us in Welsh", "Yes") == "Hoffwn"
        assert translation.pgettext("would like to deal with us in Welsh", "No") == "Na hoffwn"


@pytest.mark.django_db
def test_deleting_selected_says_yr_before_a_vowel(client, administrator):
    """Django's Welsh "Dileu y %(verbose_name_plural)s â ddewiswyd" read "Dileu y ymgeisiau i
    fewngofnodi"; "Dileu’r" is right before any word."""
    client.force_login(administrator)
    # The actions are offered only on a list with something in it.
    sign_in_failure()
    attempts = html.unescape(client.get("/cy/admin/axes/accessattempt/").content.decode())
    assert "Dileu’r ymgeisiau i fewngofnodi a ddewiswyd" in attempts
    assert "Dileu y " not in attempts
    english = html.unescape(client.get("/en/admin/axes/accessattempt/").content.decode())
    assert "Delete selected access attempts" in english


def test_no_welsh_of_ours_puts_y_before_a_name_it_does_not_know():
    """Before a vowel or h Welsh says "yr", not "y"; a name filled in when the page is made
    (a model's name, a field's) may begin with either, so no translation of ours puts "y"
    before one. "’r" after a vowel, or no article, is right before any word."""
    article_before_name = re.compile(
        r"(?<![\w’'])[yY] (%\((?!counter|cap|count|total_count)[^)]*\)s|%s|\{(?!count)[^}]*\})"
    )
    found = []
    for name in ("django.po", "djangojs.po"):
        for entry in polib.pofile(str(PO_FILE.with_name(name))):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if article_before_name.search(text):
                    found.append(text)
    assert found == []


@pytest.mark.django_db
def test_a_date_and_times_boxes_are_labelled_in_both_languages(client, administrator):
    client.force_login(administrator)
    for language, date, time in (("cy", "Dyddiad:", "Amser:"), ("en", "Date:", "Time:")):
        page = client.get(f"/{language}/admin/django_celery_beat/periodictask/add/")
        text = page.content.decode()
        assert f'<label for="id_start_time_0">{date}</label>' in text
        assert f'<label for="id_start_time_1">{time}</label>' in text
