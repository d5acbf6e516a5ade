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

from common.admin_messages import ADMIN_MESSAGES
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
    ],
)
def test_our_welsh_is_what_the_admin_gets(english, welsh):
    with translation.override("cy"):
        assert gettext(english) == welsh
    with translation.override("en"):
        assert gettext(english) == english


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
