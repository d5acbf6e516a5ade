"""The Welsh catalogue is complete, keeps every placeholder, is compiled, and is up to date with
the source (SPEC §5: every page and message exists in Welsh and English).

When a test here fails after you add or change a string, run::

    .venv/bin/python manage.py makemessages -l cy --ignore=.venv --ignore=node_modules \\
        --ignore=var --ignore=bench --no-obsolete

translate the new entries in ``locale/cy/LC_MESSAGES/django.po`` (no fuzzy, no empty msgstr),
then ``.venv/bin/python manage.py compilemessages --ignore=.venv``.
"""

import re
import shutil
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation
from rest_framework import exceptions, fields, relations, serializers

from common.drf_messages import DRF_MESSAGES

LOCALE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES"
PO_FILE = LOCALE / "django.po"
MO_FILE = LOCALE / "django.mo"

MAKEMESSAGES_IGNORES = [".venv", "node_modules", "var", "bench"]
#: Not copied for the up-to-date check: environments, build output, caches, history.
NOT_SOURCE = {
    ".venv",
    "venv",
    "node_modules",
    "var",
    "bench",
    ".git",
    "staticfiles",
    "media",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
}

PERCENT_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[a-zA-Z%]")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def percent_placeholders(text: str) -> Counter:
    return Counter(m for m in PERCENT_PLACEHOLDER.findall(text) if m != "%%")


def brace_placeholders(text: str) -> Counter | None:
    """``{name}`` and ``{name:spec}`` fields, or ``None`` when ``text`` is no format string."""
    try:
        return Counter(
            (name, spec)
            for _literal, name, spec, _conversion in string.Formatter().parse(text)
            if name is not None
        )
    except ValueError:
        return None


def test_the_header_says_welsh_with_djangos_plural_rule(catalogue):
    django_cy = polib.pofile(
        str(Path(django.__file__).parent / "conf" / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    )

    assert catalogue.metadata["Language"] == "cy"
    assert catalogue.metadata["Project-Id-Version"].startswith("Cyswllt")
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata["Plural-Forms"] == django_cy.metadata["Plural-Forms"]
    assert not catalogue.metadata_is_fuzzy


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 4 and all(entry.msgstr_plural.values()), entry.msgid


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalogue):
    wrong = []
    for entry in catalogue.translated_entries():
        pairs = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for source, text in pairs:
            if percent_placeholders(source) != percent_placeholders(text):
                wrong.append((entry.msgid, text))
            source_fields = brace_placeholders(source)
            if not source_fields:
                continue
            text_fields = brace_placeholders(text) or Counter()
            # "no-python-brace-format" (from "xgettext:no-python-brace-format" in the source)
            # marks a msgid with fields that carry English grammar only: the Welsh may leave
            # those out, but may not bring in fields of its own
            if "no-python-brace-format" in entry.flags:
                if text_fields - source_fields or not text_fields:
                    wrong.append((entry.msgid, text))
            elif source_fields != text_fields:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    compiled = polib.mofile(str(MO_FILE))

    def entries(po):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in po
            if e.msgid
        }

    assert entries(compiled) == entries(catalogue)


def drf_field_messages() -> dict[str, str]:
    """Every ``default_error_messages`` msgid of DRF's fields, relations and serializers."""
    found = {}
    for module in (fields, relations, serializers):
        for cls in vars(module).values():
            if not isinstance(cls, type) or not issubclass(cls, fields.Field):
                continue
            for klass in cls.__mro__:
                for key, message in vars(klass).get("default_error_messages", {}).items():
                    found[f"{klass.__name__}.{key}"] = message._args[0]
    return found


def drf_exception_details() -> dict[str, str]:
    found = {}
    for name, cls in vars(exceptions).items():
        if isinstance(cls, type) and issubclass(cls, exceptions.APIException):
            for attr in ("default_detail", "extra_detail_singular", "extra_detail_plural"):
                message = vars(cls).get(attr)
                if message is not None and hasattr(message, "_args"):
                    found[f"{name}.{attr}"] = message._args[0]
    return found


def test_every_drf_error_message_is_listed_for_translation():
    listed = set(DRF_MESSAGES)
    messages = {**drf_field_messages(), **drf_exception_details()}

    assert len(messages) > 60
    assert {where: msgid for where, msgid in messages.items() if msgid not in listed} == {}


def test_every_listed_drf_message_is_in_the_catalogue(catalogue):
    msgids = {entry.msgid for entry in catalogue}

    assert [msgid for msgid in DRF_MESSAGES if msgid not in msgids] == []


@pytest.mark.parametrize(
    ("message", "welsh"),
    [
        (fields.CharField.default_error_messages["blank"], "Ni chaiff y maes hwn fod yn wag."),
        (fields.Field.default_error_messages["required"], "Mae angen y maes hwn."),
        (exceptions.NotFound.default_detail, "Heb ei ganfod."),
        (exceptions.NotAuthenticated.default_detail, "Ni roddwyd manylion dilysu."),
    ],
)
def test_drf_finds_its_welsh_in_our_catalogue(message, welsh):
    with translation.override("cy"):
        assert str(message) == welsh
    with translation.override("en"):
        assert str(message) == message._args[0]


def test_the_catalogue_is_up_to_date_with_the_source_slow(tmp_path):
    """Running ``makemessages`` on a copy of the tree finds no msgid the catalogue lacks.

    Slow-ish (a few seconds): it copies the project and runs xgettext over it.
    """
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "tree"
    shutil.copytree(
        root,
        copy,
        ignore=lambda directory, names: [
            name
            for name in names
            if name in NOT_SOURCE or name.endswith((".pyc", ".mo", ".egg-info", ".sqlite3"))
        ],
        symlinks=True,
    )
    command = [sys.executable, "manage.py", "makemessages", "-l", "cy", "--no-obsolete"]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES]
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "CYSWLLT_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LANG": "C.UTF-8",
    }

    result = subprocess.run(
        command, cwd=copy, env=environment, capture_output=True, text=True, timeout=55
    )

    assert result.returncode == 0, result.stderr
    regenerated = polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(PO_FILE))}
    missing = sorted(
        (entry.msgid, entry.occurrences[0][0] if entry.occurrences else "")
        for entry in regenerated
        if (entry.msgctxt, entry.msgid) not in known
    )
    assert missing == [], "run makemessages -l cy and translate these"
