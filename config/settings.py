"""Settings for Cyswllt, read from the environment.

With nothing set, the project runs on an embedded default that needs no server: a SQLite file
and a filesystem Celery broker under ``var/``. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and Redis, which production and the test suite use.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CYSWLLT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The embedded default is for a first run on a laptop; production must set its own key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-embedded-default-key-change-me")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "config.apps.CyswlltAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Full-text search and the operator-class indexes behind it; inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "common",
    "accounts",
    "audit",
    "routing",
    "standards",
    "contacts",
    "messaging",
    "channels_app",
    "complaints",
    "councillors",
    "performance",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen: an API query string holding NUL is refused in it.
    "common.null_characters.NullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.site",
                "contacts.navigation.queue_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'cyswllt.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share the file: wait for each other's writes.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Welsh comes first wherever both languages stand together (Welsh Language Standards).
LANGUAGE_CODE = "cy"
LANGUAGES = [("cy", _("Welsh")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("cy", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "cy")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# static/dist/ is built from package.json by `npm ci && npm run build` (scripts/run and
# scripts/test do it); it is not in git.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("CYSWLLT_MEDIA_ROOT", VAR_DIR / "media"))
# Case attachments live under MEDIA_ROOT, which no URL serves: they are downloaded only through
# the case's attachment view, which checks who is asking (contacts/views/attachments.py).
ATTACHMENT_MAX_BYTES = int(os.environ.get("CYSWLLT_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_MAX_CASE_BYTES = int(
    os.environ.get("CYSWLLT_ATTACHMENT_MAX_CASE_BYTES", str(30 * 1024 * 1024))
)
ATTACHMENT_MAX_FILES = int(os.environ.get("CYSWLLT_ATTACHMENT_MAX_FILES", "10"))

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cyswllt@example.gov.wales")

# Texts go through GOV.UK Notify when a key is set, using one text template whose whole content
# is ((body)); without a key they are written to files, like mail (messaging.backends.sms).
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_SMS_SENDER_ID = os.environ.get("NOTIFY_SMS_SENDER_ID", "")
SMS_FILE_PATH = VAR_DIR / "sms"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cyswllt_cache",
        }
    }
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
    _broker_dir = VAR_DIR / "broker"
    (_broker_dir / "processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "sla-sweep": {"task": "contacts.tasks.sla_sweep", "schedule": 60.0},
    # Every message to anyone, owed and not in a worker's hands: a lost task, a dead worker
    # (its claim stale after MESSAGE_CLAIM_SECONDS), a retry come due.
    "messages-redispatch": {"task": "messaging.tasks.messages_redispatch", "schedule": 15.0},
    "mailboxes-fetch": {"task": "channels_app.tasks.mailboxes_fetch", "schedule": 60.0},
    "pending-uploads-purge": {
        "task": "channels_app.tasks.pending_uploads_purge",
        "schedule": 3600.0,
    },
    "ward-event-notices": {"task": "councillors.tasks.ward_event_notices", "schedule": 300.0},
    "sla-snapshot": {"task": "performance.tasks.sla_snapshot", "schedule": 60.0},
    "evaluation-daily-stats": {"task": "performance.tasks.daily_stats", "schedule": 900.0},
    "monitoring-samples": {"task": "performance.tasks.monitoring_samples", "schedule": 3600.0},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "common.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.CasePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cyswllt API",
    "DESCRIPTION": "Cases, milestones and the council's Customer Care Standards.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served from our own static files: the machines (and council networks) reach no CDN.
    "ENUM_NAME_OVERRIDES": {
        "CaseKindEnum": "contacts.models.CaseKind.values",
        "MilestoneKindEnum": "standards.milestone_kinds.MilestoneKind.values",
        "LanguagePreferenceEnum": "contacts.models.LanguagePreference.values",
        "MilestoneStateEnum": "contacts.models.MilestoneState.values",
    },
    # Every operation declares the error answers DRF gives (400, 401, 403, 404, 405, 415, 429).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api_schema.declare_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Case rules the council may tune without a code change.
CYSWLLT = {
    "REFERENCE_PREFIX": os.environ.get("CYSWLLT_REFERENCE_PREFIX", "CYS"),
    # The council's name in each language (common/council.py); CYSWLLT_COUNCIL_NAME sets both.
    "COUNCIL_NAMES": {
        "cy": os.environ.get(
            "CYSWLLT_COUNCIL_NAME_CY",
            os.environ.get("CYSWLLT_COUNCIL_NAME", "Cyngor Sir Enghraifft"),
        ),
        "en": os.environ.get(
            "CYSWLLT_COUNCIL_NAME_EN",
            os.environ.get("CYSWLLT_COUNCIL_NAME", "Example County Council"),
        ),
    },
    # The address residents reach the site at, for links in messages (the satisfaction
    # question in a resolution).
    "PUBLIC_URL": os.environ.get("CYSWLLT_PUBLIC_URL", "http://localhost:8000").rstrip("/"),
    # How many days ahead ward councillors are told of planned works and events.
    "WARD_NOTICE_DAYS": int(os.environ.get("CYSWLLT_WARD_NOTICE_DAYS", "14")),
    # A message whose worker has not renewed its claim for this long (a live one renews it every
    # third of it) was left by a worker that died: it is tried again.
    "MESSAGE_CLAIM_SECONDS": int(os.environ.get("CYSWLLT_MESSAGE_CLAIM_SECONDS", "30")),
    # A read recorded in the audit (audit/reads.py) outside any other write is committed
    # without waiting for the disk: a crash of the database server may lose the last fraction
    # of a second of reads (ADR 0021). "false" makes every read wait for its commit.
    "AUDIT_COMMIT_WITHOUT_WAITING": env_bool("CYSWLLT_AUDIT_COMMIT_WITHOUT_WAITING", default=True),
    # The e-mail-to-fax gateway: the address a fax is e-mailed to, "{number}" standing for the
    # number dialled (e.g. "{number}@fax.example.gov.wales"). Without it no fax can be sent.
    "FAX_GATEWAY": os.environ.get("CYSWLLT_FAX_GATEWAY", ""),
    # The text message provider: a subclass of messaging.backends.sms.SmsBackend.
    "SMS_BACKEND": os.environ.get(
        "CYSWLLT_SMS_BACKEND",
        "messaging.backends.sms.NotifySmsBackend"
        if NOTIFY_API_KEY
        else "messaging.backends.sms.FileSmsBackend",
    ),
    # Inbound channels (channels_app/inbound/): the service that receives texts, social media
    # posts and phone events, the largest e-mail accepted, and each webhook's shared secret
    # (sent as "Authorization: Bearer <secret>"; a webhook without one refuses everything).
    "INBOUND_SERVICE": os.environ.get("CYSWLLT_INBOUND_SERVICE", ""),
    "INBOUND_EMAIL_MAX_BYTES": int(
        os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_BYTES", str(25 * 1024 * 1024))
    ),
    "WEBHOOK_SECRETS": {
        "notify_sms": os.environ.get("NOTIFY_INBOUND_SMS_TOKEN", ""),
        "sms": os.environ.get("CYSWLLT_SMS_WEBHOOK_SECRET", ""),
        "social": os.environ.get("CYSWLLT_SOCIAL_WEBHOOK_SECRET", ""),
        "phone": os.environ.get("CYSWLLT_PHONE_WEBHOOK_SECRET", ""),
    },
}

# The reverse proxies in front of Cyswllt (addresses or networks, comma-separated) whose
# X-Forwarded-For is believed when finding a client's address (common/client_address.py).
# Empty: nobody's, and the socket's peer is the client.
CYSWLLT_TRUSTED_PROXIES = env_list("CYSWLLT_TRUSTED_PROXIES")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
