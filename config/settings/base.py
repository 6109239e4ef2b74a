"""Settings shared by every environment. Secrets and service addresses come from the environment."""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Project apps first so that their templates and translations take precedence.
    "core",
    "accounts",
    "audit",
    "cms",
    "competencies",
    "demo",
    "my_space",
    "figures",
    "alumni",
    "cockpit",
    "cohorts",
    "selection",
    "cohort_sessions",
    "lms",
    "internships",
    "final_validation",
    "attestations",
    "tasks",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    # Third party
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    # Identity: sign-up, e-mail verification, password reset, e-mail change, second factor (accounts/).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # Wagtail's database search backend uses its full-text fields on PostgreSQL
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "core.downloads.FileReadyCookieMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.FrenchFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the messages: both may log out, or send to the second-factor pages, with a calm message.
    "accounts.middleware.SessionExpiryMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must be last: it inspects the response of the login views.
    "axes.middleware.AxesMiddleware",
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
                "wagtail.contrib.settings.context_processors.settings",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# Without DATABASE_URL the project runs on an embedded SQLite file so that a newcomer needs no server.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share the file: wait for locks rather than failing, write-ahead log for readers.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif env.int("DATABASE_POOL_MAX", default=0):
    # Django's psycopg pool, one per process: connections are reused across requests and tasks, so
    # persistent connections must stay off (Django refuses a pool with CONN_MAX_AGE other than 0).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=1),
        "max_size": env.int("DATABASE_POOL_MAX"),
        "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The queries asked on every page view (core.prepared) are prepared by PostgreSQL once per connection; off behind a
# pooler that does not keep protocol-level prepared statements (docs/operations.md).
PREPARED_QUERIES_SERVER_SIDE = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: a locked-out address or client is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # allauth's and Django's, reading the logged-in person with a query compiled once (accounts.backends). A
    # session names the backend that opened it: renaming one logs its sessions out.
    "accounts.backends.AuthenticationBackend",
    # Object permissions: the named predicates of each app's rules.py (django-rules).
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every login door (the site, the Wagtail admin, Django's admin) is allauth's login page.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_space:home"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset serves every account, staff included
# The address and the password change through allauth only (new address confirmed, owner told by mail, rate
# limits): the Wagtail account page would change them at once, without either.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# django-allauth (docs.allauth.org, account/configuration and mfa/configuration).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "accounts.allauth_forms.LoginForm",
    "signup": "accounts.allauth_forms.SignupForm",
    "reset_password": "accounts.allauth_forms.ResetPasswordForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Signup and password reset answer the same whether or not the address has an account; the owner gets a mail.
ACCOUNT_PREVENT_ENUMERATION = True
# Stored, single-use confirmation keys (not stateless HMAC links), valid for three days.
ACCOUNT_EMAIL_CONFIRMATION_HMAC = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Logs in only the browser that signed up (allauth keeps the pending login in that session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = True  # no "remember me" box: SESSION_* below decide how long a session lasts
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Pair-aidance] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "manage_email": "10/m/user",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pair-aidance"
MFA_RECOVERY_CODE_COUNT = 10

# Lockout (django-axes) on every door that checks a password: failures are counted per address, whatever its
# letter case or surrounding spaces (accounts.axes.lockout_username), and per client address, separately.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=8)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "accounts.axes.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client address, for axes and allauth's rate limits alike: REMOTE_ADDR, or, behind proxies of ours (a TLS
# terminator), the address they saw. Set TRUSTED_PROXY_COUNT to their number, never more (accounts.axes).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.axes.client_ip"

# Sessions: an idle and an absolute limit, shorter for staff (anyone the second factor is required of).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=2 * 3600)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=14 * 24 * 3600)
SESSION_STAFF_IDLE_TIMEOUT = env.int("SESSION_STAFF_IDLE_TIMEOUT", default=30 * 60)
SESSION_STAFF_ABSOLUTE_TIMEOUT = env.int("SESSION_STAFF_ABSOLUTE_TIMEOUT", default=12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# --- Security headers -------------------------------------------------------------------------------
# Django's own Content-Security-Policy: scripts only from this site or with the per-response nonce.
# Inline style attributes stay allowed (the Wagtail admin sets some); video embeds come from CSP_FRAME_SOURCES.
CSP_FRAME_SOURCES = env.list(
    "CSP_FRAME_SOURCES",
    default=["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "frame-src": [CSP.SELF, *CSP_FRAME_SOURCES],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# Features the platform never uses, refused to every page and frame (config.security).
PERMISSIONS_POLICY = {
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
        "serial",
        "bluetooth",
        "hid",
        "browsing-topics",
    )
}
# /healthz gives details (database, broker) to superusers, or to a request carrying this token.
HEALTHZ_TOKEN = env("HEALTHZ_TOKEN", default="")

# --- Internationalisation --------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded files go to an S3-compatible bucket when one is configured (several web machines then share
# them), to MEDIA_ROOT otherwise. Files stay private: every read goes through a permission-checked view.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env("AWS_LOCATION", default=""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents go through permission-checked views, never straight from the media folder.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Lesson files go through the project's upload gate (core.uploads), like every other upload.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.LessonDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "odt", "mp4", "m4v", "webm", "mp3", "ogg", "oga"]
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pair-aidance — plateforme de formation"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar requests (privacy, and the CSP's img-src)
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's own background work (reference index, image renditions...) goes through Celery too.
TASKS = {"default": {"BACKEND": "tasks.django_tasks_backend.CeleryTaskBackend"}}

# --- Celery ---------------------------------------------------------------------------------------
# Without REDIS_URL the broker is kombu's filesystem transport: no server, yet tasks really run.
REDIS_URL = env("REDIS_URL", default="")
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),  # exchange tables (kombu's default: ./control)
        "polling_interval": 0.2,  # seconds between two looks at the folder (kombu's default: 1)
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Files prepared in the background (long exports, large PDFs: tasks.prepared) are deleted this long after being ready.
PREPARED_FILE_RETENTION_HOURS = env.int("PREPARED_FILE_RETENTION_HOURS", default=24)

# --- Cache and sessions ---------------------------------------------------------------------------
# With Redis, every web process and worker shares one cache, and sessions are read from it (written
# through to the database, so a Redis restart logs nobody out). Without Redis: a cache per process and
# sessions in the database, which is right for a single machine.
REDIS_CACHE_URL = env("REDIS_CACHE_URL", default=REDIS_URL)
if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="pairaidance"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- E-mail ---------------------------------------------------------------------------------------
# Django 6.1 mailers. The demo writes each message to a file so that a newcomer can read what was sent.
SENT_EMAILS_DIR = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "sent-emails"))
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": SENT_EMAILS_DIR},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Pair-aidance <ne-pas-repondre@pair-aidance.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pair-aidance API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["config.api_schema.only_public_api"],
    # Ids in API paths (the `id` converter of core.converters): an integer of at most 18 digits.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api_schema.document_error_responses",
    ],
    # Swagger UI is served from the installed sidecar package: nothing is fetched from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Access log -----------------------------------------------------------------------------------
# Reads of sensitive data are logged by the `audit` app; changes made by staff are the domain's own history
# rows (transitions, round setting changes, decision stamps), shown where the coordinators work.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "wagtail": {"level": "WARNING"},  # page-creation chatter in the demo seed
    },
}
AXES_VERBOSE = False

# --- Selection rounds (cohorts) -------------------------------------------------------------------
# Refused and withdrawn dossiers are anonymised, and their files deleted, this many months after they closed.
SELECTION_ANONYMISE_AFTER_MONTHS = env.int("SELECTION_ANONYMISE_AFTER_MONTHS", default=24)

# --- Course content access (cms issue #3) -----------------------------------------------------------
# cms cannot import lms: it asks this policy who may read lessons, search a programme and fetch its documents.
CMS_CONTENT_ACCESS_POLICY = "lms.access.ContentAccessPolicy"
# Rendered lesson bodies are cached per live revision and language.
CMS_LESSON_BODY_CACHE_SECONDS = 60 * 60 * 24

# --- Reminders (tasks app) ------------------------------------------------------------------------
# Europe/Paris quiet hours: no reminder from 20:00 until 08:30 (None switches them off).
REMINDERS_QUIET_HOURS = ("20:00", "08:30")
REMINDERS_PLANNING_HORIZON = 3600  # seconds: plan rows due within the next hour
REMINDERS_CLAIM_BATCH = 50  # rows claimed per transaction by the dispatcher
REMINDERS_TICK_LIMIT = 20_000  # rows queued per tick at most; the next tick continues
REMINDERS_STUCK_AFTER = 900  # seconds in "sending" before the reaper requeues a row
REMINDERS_MAX_RETRIES = env.int("REMINDERS_MAX_RETRIES", default=5)  # transient SMTP errors
REMINDERS_RETRY_BACKOFF = 30  # seconds, doubled at each retry (with jitter)
REMINDERS_RETRY_BACKOFF_MAX = 600
REMINDERS_KEY_PREFIX = env("REMINDERS_KEY_PREFIX", default="pairaidance")  # Redis lock keys

# --- Graduates' follow-up (alumni app) -----------------------------------------------------------
# How long a graduate's survey answers (and the invitations) are kept; alumni.delete_expired_answers runs nightly.
ALUMNI_ANSWERS_RETENTION_MONTHS = env.int("ALUMNI_ANSWERS_RETENTION_MONTHS", default=60)

# --- Learning records (lms issue #4) ---------------------------------------------------------------
# The lesson page renders this panel below the body (completion, quiz, journal); cms reaches it by name only.
CMS_LESSON_PANEL = "lms.lesson_panel.lesson_panel"
