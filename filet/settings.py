"""Filet's settings: one module, driven by the environment.

Every variable read here is listed in the README's configuration table. FILET_ENV selects
the posture: "development" (the default, for `make run` and tests) or "production", which
refuses to start without real secrets and turns on every transport protection.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


FILET_ENV = os.environ.get("FILET_ENV", "development")
if FILET_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("FILET_ENV must be 'development' or 'production'.")
PRODUCTION = FILET_ENV == "production"

_DEV_SECRET = "development-only-secret-key-not-for-production-use-0123456789"  # nosec B105
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("Production needs SECRET_KEY: at least 50 random characters.")

DEBUG = env_bool("DEBUG", default=False) and not PRODUCTION
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS.")

# Demo mode exists for `make run` only: it shows a banner and lets the fictional demo
# accounts skip MFA enrolment. It can never be combined with production.
DEMO_MODE = env_bool("FILET_DEMO", default=False)
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("FILET_DEMO cannot be used in production.")

# Bench mode adds an X-Filet-Queries header (SQL count) to each response; nothing else.
QUERY_COUNT_HEADER = env_bool("FILET_QUERY_COUNT_HEADER", default=False) and not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "filet.accounts",
    "filet.organisations",
    "filet.audit",
    "filet.dashboard",
    "filet.matrix",
    "filet.directory",
    "filet.taxonomy",
    "filet.observatory",
    "filet.meetings",
    "filet.plans",
    "filet.training",
    "filet.calendars",
    "filet.watch",
    "filet.resources",
    "filet.pivots",
    "filet.situations",
    "filet.consultations",
    "filet.privacy",
    "filet.ops",
    "filet.api",
    "filet.backups",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "filet.lib.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "filet.lib.locale.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "filet.accounts.middleware.SessionLimitsMiddleware",
    "filet.accounts.middleware.MandatoryMFAMiddleware",
    "filet.accounts.middleware.ContentRequiresRoleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "filet.ops.middleware.DatabaseUnavailableMiddleware",
]
if QUERY_COUNT_HEADER:
    MIDDLEWARE.insert(0, "filet.lib.querycount.QueryCountMiddleware")

ROOT_URLCONF = "filet.urls"
WSGI_APPLICATION = "filet.wsgi.application"

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
                "filet.dashboard.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes concurrent writers queue at BEGIN, which keeps the audit chain linear.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too: an in-memory database shared between threads locks whole tables
    # and ignores the timeout, so concurrency tests would not see what production sees.
    # FILET_TEST_DB lets two test runs on one machine keep apart.
    test_db = os.environ.get("FILET_TEST_DB", "test.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / test_db)}
else:
    timeout_ms = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "15000"))
    DATABASES["default"]["OPTIONS"] = {"options": f"-c statement_timeout={timeout_ms}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared between workers, because allauth keeps MFA replay markers and rate
# limits there (a per-process cache would fail open). Redis when configured, else the DB.
# With Redis, writes go to the database cache too and Redis down means slower, never a
# 500 and never a control failing open (filet/ops/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
# Django's database cache culls a third of its rows once it holds 300: a busy day would drop
# live MFA replay markers and counters. The cap is only a bound; the worker's cache_prune
# job deletes expired rows every hour.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "filet_cache",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
if REDIS_URL:
    _redis_timeout = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
    CACHES = {
        "default": {
            "BACKEND": "filet.ops.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database", "RETRY_SECONDS": 15},
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "filet",
            "OPTIONS": {
                "socket_connect_timeout": _redis_timeout,
                "socket_timeout": _redis_timeout,
            },
        },
        "database": DATABASE_CACHE,
    }
else:
    CACHES = {"default": DATABASE_CACHE}

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "filet.accounts.validators.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "account_login"
PASSWORD_RESET_TIMEOUT = 15 * 60

ACCOUNT_ADAPTER = "filet.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Filet] "
ACCOUNT_RATE_LIMITS = {
    # django-axes locks an account at 5 failures and says when to retry; allauth's own
    # per-account limit stays above it so that axes' answer is the one people see.
    "login_failed": "10/m/ip,10/5m/key",
    "reset_password": "20/m/ip,5/h/key",  # nosec B105  # a rate, not a password
    "reset_password_from_key": "20/m/ip",  # nosec B105  # a rate, not a password
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Filet"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_RATE_LIMITS = {"authenticate": "5/5m/user", "reauthenticate": "5/5m/user"}

AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "filet.accounts.auth.axes_username"
AXES_LOCKOUT_CALLABLE = "filet.accounts.views.locked_out"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

# --- Sessions and cookies -------------------------------------------------------------
SESSION_ENGINE = "filet.accounts.sessions"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute limit, also enforced by SessionLimitsMiddleware
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browsers only accept __Host- cookies over HTTPS: production uses them, development
# (plain http on 127.0.0.1) keeps ordinary names.
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-filet-session"
    CSRF_COOKIE_NAME = "__Host-filet-csrf"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
else:
    SESSION_COOKIE_NAME = "filet-session"
    CSRF_COOKIE_NAME = "filet-csrf"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- E-mail: never let a stalled server hang a worker ---------------------------------
# Every e-mail goes to the outbox, in the transaction of the action that wrote it; the worker
# (`manage.py worker`) sends it through OUTBOX_DELIVERY_BACKEND with retries.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "filet.ops.mail.OutboxBackend")
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "OUTBOX_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_RETRY_BASE_SECONDS = int(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_KEEP_DAYS = int(os.environ.get("OUTBOX_KEEP_DAYS", "30"))
# Without a worker (development), deliver in-process once the transaction commits.
OUTBOX_SEND_IMMEDIATELY = env_bool("OUTBOX_SEND_IMMEDIATELY", default=False) and not PRODUCTION
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Filet <filet@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation: French (Québec) first, English complete --------------------
LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["filet.formats"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
# Development serves static files from their source folders (WHITENOISE_USE_FINDERS).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# In development the files are served straight from the source folders; production
# serves the collected, fingerprinted copies.
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- REST API (filet/api): JSON answers (the browsable renderer needs inline script),
# a personal token or the documentation page's session, limits per token in the cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "filet.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["filet.api.permissions.CallerTakesPart"],
    "DEFAULT_THROTTLE_CLASSES": ["filet.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_RATE", "1200/hour")},
    "DEFAULT_PAGINATION_CLASS": "filet.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": [
        "filet.api.filters.DeclaredFilters",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["filet.api.renderers.NoStoreJSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "filet.api.problems.problem_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Filet API",
    "DESCRIPTION": "Filet's REST API: the same data and the same permissions as the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["filet.api.permissions.CallerTakesPart"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SituationStatusEnum": "filet.situations.models.Status",
        "ConsultationStatusEnum": "filet.consultations.models.Status",
        "ActionStatusEnum": "filet.plans.models.ActionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "filet.api.schema.problem_responses",
    ],
}
# The directory's HSDS API (/api/hsds/) is open to anyone only if the Table chooses so.
HSDS_API_PUBLIC = env_bool("HSDS_API_PUBLIC", default=False)

# --- Filet ----------------------------------------------------------------------------
INVITATION_LIFETIME = timedelta(hours=72)
# The public address, for links in e-mails sent outside a request (reminders, bulletins).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The library's files: outside the web root, served only through a view that checks access.
FILET_PRIVATE_STORAGE = Path(os.environ.get("FILET_PRIVATE_STORAGE", BASE_DIR / "var" / "private"))
FILET_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
