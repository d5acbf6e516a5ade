"""Production names static files after a hash of their content (docs/adr/0038), so that the
proxy can let browsers keep them for a year: collectstatic with the manifest storage, then the
pages name the hashed copies, and every one they name was collected. The rest of the suite, like
the demo, serves the files under their own names without collectstatic (tests/conftest.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
HASHED = re.compile(r"/static/(?P<name>[\w./-]+?)\.(?P<hash>[0-9a-f]{12})\.(?P<ext>\w+)")


def storage_backend(**env: str) -> str:
    """The static files' storage a fresh process picks from the environment given."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "CYSWLLT_HASHED_STATIC_FILES"}
    }
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        cwd=django_settings.BASE_DIR,
        env={**environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout.strip()


def test_production_serves_hashed_names_and_debug_and_the_demo_do_not():
    assert storage_backend() == MANIFEST
    plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert storage_backend(DJANGO_DEBUG="true") == plain
    assert storage_backend(CYSWLLT_HASHED_STATIC_FILES="false") == plain
    assert (
        "export CYSWLLT_HASHED_STATIC_FILES=false"
        in (django_settings.BASE_DIR / "scripts" / "run").read_text()
    )


def manifest_settings(root: Path) -> dict:
    return {
        "STATIC_ROOT": root,
        "STORAGES": {**django_settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}},
    }


@pytest.fixture(scope="module")
def collected_once(tmp_path_factory) -> Path:
    """collectstatic as the image runs it, into a folder of the module's own (once: it takes
    seconds)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(**manifest_settings(root)):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def collected(settings, collected_once) -> Path:
    for name, value in manifest_settings(collected_once).items():
        setattr(settings, name, value)
    return collected_once


def static_urls(html: str) -> set[str]:
    return set(re.findall(r"""(?:href|src)=["'](/static/[^"'?#]+)""", html))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(lambda: reverse("accounts:sign-in"), id="staff sign-in"),
        pytest.param(lambda: "/cy/admin/login/", id="admin"),
    ],
)
def test_pages_name_the_hashed_copies_that_collectstatic_made(client, collected, path):
    response = client.get(path())

    assert response.status_code == 200
    html = response.content.decode()
    urls = static_urls(html)
    assert urls, "the page names no static file"
    for url in urls:
        assert HASHED.fullmatch(url), f"{url} is not a hashed name"
        assert (collected / url.removeprefix("/static/")).is_file(), f"{url} was not collected"


def test_the_staff_stylesheet_is_app_css_under_its_hash(client, collected):
    html = client.get(reverse("accounts:sign-in")).content.decode()

    (stylesheet,) = [url for url in static_urls(html) if url.endswith(".css")]
    match = HASHED.fullmatch(stylesheet)
    assert (match["name"], match["ext"]) == ("dist/app", "css")
    # The hashed copy is app.css's content, and the images it points at are hashed too.
    css = (collected / stylesheet.removeprefix("/static/")).read_text()
    assert css.startswith((collected / "dist" / "app.css").read_text()[:200])
    images = re.findall(r"url\(\"?([^\")]+)\"?\)", css)
    assert images and all(HASHED.fullmatch("/static/dist/" + image) for image in images)
