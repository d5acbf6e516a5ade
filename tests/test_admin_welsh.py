"""The Welsh admin is Welsh: the messages Django's, its authentication app's and
django-celery-beat's own Welsh catalogues leave untranslated come from ours
(common/admin_messages.py), which wins over theirs because LOCALE_PATHS are read last."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from common.admin_messages import ADMIN_MESSAGES
from councillors.models import PaperKind
from standards.models import Standard

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
def test_the_periodic_task_actions_report_in_welsh(client, administrator):
    client.force_login(administrator)
    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    task = PeriodicTask.objects.create(
        name="Hourly", task="performance.tasks.daily_stats", interval=every, enabled=False
    )
    done = client.post(
        "/cy/admin/django_celery_beat/periodictask/",
        {"action": "enable_tasks", "_selected_action": [task.pk]},
        follow=True,
    ).content.decode()
    assert "Galluogwyd 1 tasg yn llwyddiannus" in done and "successfully" not in done
    assert "bob awr" in done
