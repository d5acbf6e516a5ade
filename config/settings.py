"""Settings for Cyswllt, read from the environment.

With nothing set, the project runs on an embedded default that needs no server: a SQLite file
and a filesystem Celery broker under ``var/``. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and Redis, which production and the test suite use.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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
# The embedded default is for a first run on a laptop; production must set its own key. With
# DEBUG off, a system check refuses to start on it (common/checks.py, config/wsgi.py).
EMBEDDED_SECRET_KEY = "insecure-embedded-default-key-change-me"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", EMBEDDED_SECRET_KEY)
# Earlier keys, still accepted while a new DJANGO_SECRET_KEY takes over: signatures made with
# them verify, and secrets encrypted with them (common/encrypted_fields.py) still decrypt.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
# The salt from which, with the secret key, the key encrypting stored secrets (mailboxes' IMAP
# passwords) is derived (django-fernet-encrypted-fields); comma-separated, the first encrypts.
SALT_KEY = env_list("CYSWLLT_ENCRYPTION_SALT", "cyswllt-stored-secrets")
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
    # Django's form and widget templates, for FORM_RENDERER below.
    "django.forms",
    # Full-text search and the operator-class indexes behind it; inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    # API tokens per client: hashed keys with a prefix to find them by (accounts/api_tokens/).
    "rest_framework_api_key",
    # Sign-in lockout and the staff's second factor (ADR 0025).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "common",
    "accounts",
    "audit",
    "dataprotection",
    "routing",
    "standards",
    "contacts",
    "messaging",
    "channels_app",
    "complaints",
    "councillors",
    # Website changes and emergency information in both languages (docs/adr/0033).
    "publishing",
    "consultations",
    "performance",
    "demo",
    # manage.py backup and restore (docs/adr/0040).
    "backups",
    # Health and readiness answers, liveness checks, metrics (docs/adr/0039).
    "operations",
    # Request counts and latencies by view and status, for /metrics.
    "django_prometheus",
]

MIDDLEWARE = [
    # /healthz, /readyz and /metrics, answered before anything below reads a session, picks a
    # language, checks the Host header or redirects to https (operations/views.py).
    "operations.views.EndpointsMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Each request's id, for its log lines and the X-Request-ID header (common/request_context.py).
    "common.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (ADR 0028); its nonce is made on first use.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen: an API query string holding NUL is refused in it.
    "common.null_characters.NullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who has passed the second factor (ADR 0025).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The session's idle and absolute limits (they leave a message), then the second factor
    # asked for before any page (ADR 0025).
    "accounts.session_limits.SessionLimitsMiddleware",
    "accounts.second_factor.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Signed-in pages carry personal data: no cache keeps them (ADR 0028). Before axes, so
    # that its lockout answers are marked too.
    "common.cache_control.PrivatePagesNotStoredMiddleware",
    # Last, as django-axes asks: turns a lockout found while signing in into its answer.
    "axes.middleware.AxesMiddleware",
    # After axes: it only measures, and sees the response every other middleware made.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# What an API request presenting a token does without (common/token_requests.py, ADR 0037): it
# has no session, CSRF cookie, second factor, sign-in limits, messages or htmx.
BROWSER_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.session_limits.SessionLimitsMiddleware",
    "accounts.second_factor.middleware.SecondFactorRequiredMiddleware",
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
                "csp.context_processors.nonce",
                "contacts.navigation.queue_navigation",
            ],
        },
    },
]

# Widgets are rendered by the engine above, so that a widget template in templates/ is found
# before Django's own: the admin's date-and-time boxes are labelled there
# (templates/admin/widgets/split_datetime.html, ADR 0041). Django's default renderer reads
# only the installed apps' templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'cyswllt.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The statement that writes a new case (common/bulk.py) is prepared once a connection, which
# halves PostgreSQL's CPU for it. Off behind a pooler that cannot keep prepared statements
# (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check that asks the socket before the server
    # (common/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "common.postgresql"
    # PostgreSQL compiles a query to machine code once its estimated cost passes jit_above_cost:
    # worth it for analytics, not here, where one index look-up per row is estimated costly
    # and then runs in milliseconds (the possible-duplicates list spent 730 ms of 1.4 s
    # compiling at 1 M cases). A DBA can still turn it on per role.
    _database_options = DATABASES["default"].setdefault("OPTIONS", {})
    _database_options["options"] = "-c jit=off"
    # Without it libpq waits as long as the kernel keeps retrying (minutes) for a host that
    # drops packets, holding the request or /readyz's check that wanted the connection. A
    # connect_timeout in DATABASE_URL's query string wins; 0 waits indefinitely.
    _database_options.setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
    if DATABASE_PREPARED_STATEMENTS:
        # psycopg prepares nothing while this is None (Django's default). Django's own cursors
        # send the values in the text and never prepare whatever it says; only the chain's
        # cursor asks for it.
        _database_options["prepare_threshold"] = 5
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share the file: wait for each other's writes.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
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
# Production serves static files under names that carry a hash of their content (app.css as
# app.3f2a9c1b0e7d.css, from the manifest collectstatic writes), so that the proxy can let
# browsers keep them for a year and a release still reaches everyone at once (docs/adr/0038).
# The demo (scripts/run), the tests and DEBUG serve the files as they are, without collectstatic.
HASHED_STATIC_FILES = env_bool("CYSWLLT_HASHED_STATIC_FILES", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            if HASHED_STATIC_FILES
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
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

# Staff sessions (SPEC §12): signed out after this long without a request, and after this long
# whatever they do; the cookie lives no longer than the session may (accounts/session_limits.py).
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("CYSWLLT_SESSION_IDLE_MINUTES", "30")))
SESSION_ABSOLUTE_LIFETIME = timedelta(
    hours=int(os.environ.get("CYSWLLT_SESSION_ABSOLUTE_HOURS", "12"))
)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_LIFETIME.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Sign-in lockout (django-axes): this many wrong passwords for one account from one address
# lock that pair out for the cool-off; other accounts and other addresses are unaffected. The
# staff form, the admin's sign-in and the API's token endpoint all count.
AXES_FAILURE_LIMIT = int(os.environ.get("CYSWLLT_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CYSWLLT_SIGN_IN_COOL_OFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "common.client_address.client_address"
AXES_HANDLER = "accounts.lockout_store.LockoutStore"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Axes' log lines name the path only: no username or address in the logs (SPEC §12).
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_str"
AXES_VERBOSE = False
# The cool-off runs from the lockout: trying again while locked out does not lengthen it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Who signed in from where is not kept: the audit of reads records staff's access (ADR 0021).
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp"]

# The second factor (django-otp, TOTP): always for administrators, managers, complaints
# officers and data protection officers; for every other signed-in user too when this is on.
OTP_REQUIRED_FOR_ALL = env_bool("CYSWLLT_OTP_REQUIRED_FOR_ALL", default=False)
OTP_TOTP_ISSUER = "Cyswllt"
# The admin never shows a device's secret (an administrator removes a lost phone's device).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# API tokens (accounts/api_tokens/): the longest an administrator may give one, and the life of
# one issued by POST /api/v1/auth/token/.
API_TOKEN_MAX_DAYS = int(os.environ.get("CYSWLLT_API_TOKEN_MAX_DAYS", "365"))
API_TOKEN_SIGN_IN_HOURS = int(os.environ.get("CYSWLLT_API_TOKEN_SIGN_IN_HOURS", "12"))

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
        "default": {
            # Redis down is a slower service, not an error (common/cache.py, issue 20); a
            # connection that hangs gives up after a second instead of holding the request.
            "BACKEND": "common.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
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
    # Beat's heartbeat (operations/heartbeats.py): stale after four missed beats.
    "beat-heartbeat": {"task": "operations.tasks.beat_heartbeat", "schedule": 30.0},
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
    "subject-access-exports-purge": {
        "task": "dataprotection.tasks.subject_access_exports_purge",
        "schedule": 3600.0,
    },
    # The retention schedule (docs/adr/0030): hourly, so a missed night costs an hour; a run
    # with nothing due is one indexed query.
    "retention-apply": {"task": "dataprotection.tasks.retention_apply", "schedule": 3600.0},
    # Consultations (docs/adr/0034): ward councillors told when one opens; responses
    # anonymised after CONSULTATION_RESPONSE_RETENTION_DAYS.
    "consultation-openings": {
        "task": "consultations.tasks.consultation_openings",
        "schedule": 300.0,
    },
    "consultation-responses-anonymise": {
        "task": "consultations.tasks.responses_anonymise",
        "schedule": 3600.0,
    },
}

#: Cases anonymised per transaction by the retention job: each batch's locks last that long.
RETENTION_BATCH_SIZE = int(os.environ.get("CYSWLLT_RETENTION_BATCH_SIZE", "1000"))
#: Days after a consultation closes that its responses are kept before they are anonymised.
CONSULTATION_RESPONSE_RETENTION_DAYS = int(
    os.environ.get("CYSWLLT_CONSULTATION_RESPONSE_RETENTION_DAYS", "730")
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_tokens.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        # A token reaches only the endpoints its scopes name.
        "accounts.api_tokens.permissions.TokenScopeAllows",
    ],
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
    # JSON only: the browsable API's HTML pages (forms over every endpoint) are for development;
    # the API is described at /api/v1/docs/ (ADR 0028).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
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
    # How many days a subject access request's export is kept (encrypted) before it is deleted
    # (docs/adr/0031): long enough to review, redact and release it.
    "SAR_EXPORT_DAYS": max(1, int(os.environ.get("CYSWLLT_SAR_EXPORT_DAYS", "30"))),
    # Where residents write to the council's data protection officer, on the privacy notice
    # (UK GDPR art. 13(1)(b): the officer's contact details). Empty: the notice says only
    # "write to the council's data protection officer".
    "DPO_EMAIL": os.environ.get("CYSWLLT_DPO_EMAIL", "").strip(),
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
    # How much of an e-mail's structure is read (channels_app/inbound/mime_limits.py): a
    # message beyond any of these is quarantined whole, unread, as too complex.
    "INBOUND_EMAIL_LIMITS": {
        "max_headers": int(os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_HEADERS", "2000")),
        "max_header_bytes": int(
            os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_HEADER_BYTES", str(32 * 1024))
        ),
        "max_header_params": int(os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_HEADER_PARAMS", "50")),
        "max_parts": int(os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_PARTS", "200")),
        "max_depth": int(os.environ.get("CYSWLLT_INBOUND_EMAIL_MAX_DEPTH", "20")),
    },
    # The longest one IMAP fetch of every mailbox may run (the Celery task's hard time limit;
    # its soft limit stops it cleanly a little earlier). Each mailbox's lock lasts as long, so
    # that a killed fetch never leaves a mailbox locked past the next run.
    "INBOUND_FETCH_SECONDS": int(os.environ.get("CYSWLLT_INBOUND_FETCH_SECONDS", "300")),
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

# /readyz answers 503 while one of these checks fails (database, migrations, redis, broker,
# beat); the others it reports but does not fail on. The cache and the broker being away is a
# slower service, not an outage (common/cache.py, common/jobs.py), and a proxy that stopped
# sending requests to every web process because Redis or beat was away would make it one.
CYSWLLT_READINESS_REQUIRES = frozenset(
    env_list("CYSWLLT_READINESS_REQUIRES", "database,migrations")
)
if CYSWLLT_READINESS_REQUIRES - {"database", "migrations", "redis", "broker", "beat"}:
    # A misspelt name would otherwise be required by nothing, silently.
    raise ValueError(
        "CYSWLLT_READINESS_REQUIRES names checks among database, migrations, redis, broker, beat."
    )
# The bearer token Prometheus sends for /metrics ("Authorization: Bearer <token>"); without one
# /metrics answers 404. A token, not a list of addresses: behind a proxy every scrape would come
# from the proxy's address.
CYSWLLT_METRICS_TOKEN = os.environ.get("CYSWLLT_METRICS_TOKEN", "")
# Under gunicorn with several workers: an empty folder, emptied at each start, where each web
# process writes its request metrics for /metrics to add up (prometheus_client reads it too).
PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")

# URL parameters whose values never reach the logs (common/log_redaction.py): an Open311
# client's api_key always, and any others named here (comma-separated).
CYSWLLT_REDACTED_PARAMETERS = ["api_key", *env_list("CYSWLLT_REDACTED_PARAMETERS")]

# "json": one JSON object per line, with the request's id and the user's (common/log_json.py),
# for a log platform; "text", the default: the message alone, for people reading a terminal.
CYSWLLT_LOG_FORMAT = os.environ.get("CYSWLLT_LOG_FORMAT", "text").strip().lower()
if CYSWLLT_LOG_FORMAT not in {"text", "json"}:
    raise ValueError("CYSWLLT_LOG_FORMAT must be text or json.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "common.log_json.JsonFormatter"},
    },
    "filters": {
        "redact": {
            "()": "common.log_redaction.RedactParameters",
            "parameters": CYSWLLT_REDACTED_PARAMETERS,
        },
        # E-mail addresses, phone numbers and postcodes in any line or traceback (issue 17).
        "personal_data": {"()": "common.log_redaction.RedactPersonalData"},
        # A 403 or 404 as one line, without the exception's traceback (issue 20).
        "refusals": {"()": "common.log_refusals.RefusalsWithoutTraceback"},
        # The request's id and its user's (common/log_json.py): written in JSON only.
        "request_context": {"()": "common.log_json.RequestContext"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": CYSWLLT_LOG_FORMAT,
            "filters": ["refusals", "redact", "personal_data", "request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request lines (runserver's, and gunicorn's when its access log is on) go through the
    # same handler, so through the filter; they are not logged twice.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Security headers (ADR 0028) ---------------------------------------------------------------

# Content-Security-Policy, enforced everywhere: scripts, styles, images and fonts from our own
# static files only; no inline script, no eval, no plug-ins, no framing. The pages that must
# run an inline script or style (the API's Swagger page) give it the response's nonce
# (request.csp_nonce), which django-csp adds to the header only when a page used it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # GOV.UK Frontend's and Swagger UI's small icons are data: URLs inside their CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Browser features no page of Cyswllt uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# A link out of Cyswllt tells the other site nothing of the page it came from (case
# references and search pages); within Cyswllt the whole address is kept.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docker-compose's proxy,
# a council's load balancer): requests count as https, plain http is redirected, browsers are
# told to use https only for a year (subdomains included), and the session and CSRF cookies
# are never sent without TLS. Off for the embedded first run, which is plain http on a laptop.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The proxy may redirect http itself (DJANGO_SECURE_SSL_REDIRECT=false leaves it to it).
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Asking browsers' makers to build in "https only" for the council's domain is the council's
# decision (it cannot be undone quickly): DJANGO_HSTS_PRELOAD=true, not a deploy warning.
SILENCED_SYSTEM_CHECKS = [] if env_bool("DJANGO_HSTS_PRELOAD", default=False) else ["security.W021"]
