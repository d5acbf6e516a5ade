"""WSGI entry point for gunicorn."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
site = get_wsgi_application()  # sets Django up, so the import below can read settings

from common.token_requests import ByCredentials, TokenRequestHandler  # noqa: E402

# API callers presenting a token skip the browser's middleware (common/token_requests.py).
application = ByCredentials(site=site, token_requests=TokenRequestHandler())


def _refuse_to_start_on_errors() -> None:
    """gunicorn, unlike runserver and manage.py, runs no system checks: run them here, so that
    a server that would be unsafe (the public built-in secret key without DEBUG) or misread
    its settings does not start (ADR 0028)."""
    from django.core import checks

    errors = [message for message in checks.run_checks() if message.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(str(error) for error in errors))


_refuse_to_start_on_errors()
