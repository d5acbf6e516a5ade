"""Production settings (ADR 0028): the server refuses the public built-in secret key without
DEBUG, and behind a TLS proxy ``manage.py check --deploy`` finds nothing to warn about."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from common.checks import secret_key_is_not_the_embedded_one

REAL_KEY = "a-real-key-" + "x7Qp2LmZ9vRt4WsK8nYc3JdF6hGb1" * 2


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` in a process of its own, with the environment production would have."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_BEHIND_TLS_PROXY"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_built_in_key_without_debug_is_an_error(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.EMBEDDED_SECRET_KEY

    (error,) = secret_key_is_not_the_embedded_one()
    assert error.id == "cyswllt.E002"
    assert error.is_serious()
    assert error.msg == "DJANGO_SECRET_KEY is not set: the built-in secret key is public."


def test_the_built_in_key_is_fine_for_debugging_and_another_key_always(settings):
    settings.SECRET_KEY = settings.EMBEDDED_SECRET_KEY
    settings.DEBUG = True
    assert secret_key_is_not_the_embedded_one() == []
    settings.DEBUG = False
    settings.SECRET_KEY = REAL_KEY
    assert secret_key_is_not_the_embedded_one() == []


def test_gunicorn_s_entry_point_refuses_to_start_on_the_built_in_key(settings):
    wsgi = importlib.import_module("config.wsgi")
    settings.DEBUG = False
    settings.SECRET_KEY = settings.EMBEDDED_SECRET_KEY

    with pytest.raises(ImproperlyConfigured, match=r"cyswllt\.E002"):
        wsgi._refuse_to_start_on_errors()


def test_manage_py_check_fails_without_a_key():
    result = manage("check")

    assert result.returncode == 1
    assert "(cyswllt.E002) DJANGO_SECRET_KEY is not set" in result.stderr


def test_the_deploy_check_is_clean_behind_a_tls_proxy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=REAL_KEY,
        DJANGO_BEHIND_TLS_PROXY="true",
    )

    assert result.returncode == 0, result.stderr
    # The one silenced: asking for the HSTS preload list is the council's choice.
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_behind_a_tls_proxy_https_is_required_for_a_year_and_cookies_are_secure():
    printed = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        DJANGO_SECRET_KEY=REAL_KEY,
        DJANGO_BEHIND_TLS_PROXY="true",
    )

    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip().splitlines()[-1] == (
        "('HTTP_X_FORWARDED_PROTO', 'https') True 31536000 True False True True"
    )
