"""Every setting the code reads from the environment is documented in the README's
configuration (issue 20: four were read but not documented, so an operator could not know
them)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where production code lives: every top-level package with an apps.py, and config/.
PACKAGES = sorted(
    {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config"},
)
#: os.environ.get("NAME"…), os.environ["NAME"], os.getenv("NAME"…), env_bool("NAME"…)…
READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list|env_int)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]"""
)


def settings_read() -> set[str]:
    names: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for match in READ.finditer(path.read_text()):
                names.add(match.group(1) or match.group(2))
    return names


def test_the_scan_finds_the_settings_it_should():
    # A scan that found nothing would pass the test below whatever the README says.
    assert {"DJANGO_SECRET_KEY", "CYSWLLT_DPO_EMAIL", "CYSWLLT_ATTACHMENT_MAX_FILES"} <= (
        settings_read()
    )


def test_every_setting_read_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))

    assert sorted(settings_read() - documented) == []
