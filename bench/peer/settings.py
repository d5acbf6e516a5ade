"""Minimal Django project serving django-helpdesk 2.6.1 for bench/peer_helpdesk.py.

Only what helpdesk needs, production-like: DEBUG off, PostgreSQL ``cyswllt_peer`` (set by
PEER_DATABASE_URL's parts below), persistent connections as the project's own settings have
(CONN_MAX_AGE 60), helpdesk's REST API on, DRF token authentication (the scheme the project's
API uses too; helpdesk leaves the choice to REST_FRAMEWORK). Mail goes to Django's dummy
backend: helpdesk still renders the new-ticket e-mail to the submitter, but nothing is sent.
"""

import os
from urllib.parse import urlparse

_db = urlparse(os.environ.get("PEER_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_peer"))

SECRET_KEY = "peer-bench-only-key-never-used-in-production-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "helpdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "peer.urls"
WSGI_APPLICATION = "peer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": _db.username or "",
        "PASSWORD": _db.password or "",
        "HOST": _db.hostname or "",
        "PORT": str(_db.port or ""),
        "CONN_MAX_AGE": 60,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

USE_TZ = True
TIME_ZONE = "Europe/London"
LANGUAGE_CODE = "en-gb"
STATIC_URL = "/static/"
MEDIA_ROOT = os.path.join(os.path.dirname(__file__), ".media")
LOGIN_URL = "/login/"

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = "helpdesk@example.com"

# The REST API: HELPDESK_API_ENABLED is 2.6.1's name (default True), the docs' older name is
# HELPDESK_ACTIVATE_API_ENDPOINT; both are set so that either reading enables it.
HELPDESK_API_ENABLED = True
HELPDESK_ACTIVATE_API_ENDPOINT = True
HELPDESK_TEAMS_MODE_ENABLED = False  # no pinax-teams: the knowledge base's teams are unused
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
