"""All settings, read from environment variables with safe development defaults.

Every variable is documented in `.env.example` and the README; `tests/test_docs.py` checks that.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import to_locale

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    """The variable's value; empty counts as unset, so a sourced `NAME=` line keeps the default."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
DATA_DIR = Path(env_str("CBAP_DATA_DIR") or PROJECT_DIR / "var")

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "With DEBUG off, SECRET_KEY must be set (50+ random characters)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("With DEBUG off, ALLOWED_HOSTS must list the site's host names.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's address, for the links in e-mails sent outside a request (notifications).
SITE_URL = env_str("CBAP_SITE_URL") or (
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
)

# Demo mode: demo accounts, demo data and the banner saying so. Never on in production.
DEMO = env_bool("CBAP_DEMO", DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "cbap.core",
    "cbap.audit",
    "cbap.accounts",
    "cbap.notifications",
    "cbap.records",
    "cbap.plan",
    "cbap.parties",
    "cbap.contacts",
    "cbap.organizations",
    "cbap.activities",
    "cbap.needs",
    "cbap.reports",
    "cbap.analyzer",
    "cbap.indicators",
    "cbap.evaluation",
    "cbap.web",
    "cbap.search",
    "cbap.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cbap.core.middleware.security_headers",
    "cbap.core.middleware.refuse_nul_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag → 304 Not Modified
    "cbap.core.languages.first_visit_middleware",  # the home page in the reader's language
    # anonymous public pages from the cache, before the middleware that readers of it don't need
    "cbap.core.pagecache.public_page_cache_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cbap.accounts.sessions.idle_session_middleware",
    "cbap.core.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cbap.accounts.twofactor.two_factor_middleware",
    "cbap.audit.middleware.refusal_audit_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cbap.urls"
WSGI_APPLICATION = "cbap.wsgi.application"

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
                "cbap.demo.context_processors.demo",
                "cbap.web.context_processors.navigation",
                "cbap.web.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'cbap.sqlite3'}",
        # Seconds a connection outlives its request. 0 (the default): closed after each request,
        # because `cbap serve` starts a thread per request and a kept connection per thread would
        # exhaust a shared PostgreSQL server; `cbap serve --production` sets it, since its fixed
        # pool of threads reuses one connection each (core/webserver.py).
        conn_max_age=env_int("CBAP_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no data folder yet
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every process shares (pages, charts, sign-in waits, import progress): Redis in
# production, else files in the data folder, so that the worker's warm-up reaches the web server.
# "pages" keeps the current version's public pages in each process too: a hit needs no round trip.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cbap-pages",
        "OPTIONS": {"MAX_ENTRIES": 600},  # the heavy pages in three languages, and more
    },
}

# Background work (big imports): tasks queued in the database, run by `cbap db_worker`, which
# `make run` starts beside the web server (cbap/reports/formats/jobs.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# How many synthetic activities (and a tenth as many resources) `cbap setup --demo` makes.
CBAP_DEMO_ACTIVITIES = env_int("CBAP_DEMO_ACTIVITIES", 3000)

# The largest file a library resource may have (bytes); bigger material is linked instead.
CBAP_LIBRARY_FILE_MAX = env_int("CBAP_LIBRARY_FILE_MAX", 20 * 2**20)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["cbap.accounts.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "cbap.accounts.hashers.Argon2Hasher",  # 7 MiB per hash (Django's default: 100 MiB)
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:my_work"
LOGOUT_REDIRECT_URL = "web:home"
# Secretariat administrators sign in with a code from an authenticator app as well
# (cbap/accounts/twofactor.py); on by default in production.
ADMIN_TWO_FACTOR = env_bool("CBAP_ADMIN_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = "cbap"

# E-mail (invitations, password resets, notifications; cbap/core/mail.py): printed to the
# console in development; an SMTP server in production (EMAIL_HOST …, Django's settings of the
# same names); EMAIL_BACKEND and EMAIL_FILE_PATH choose another (e.g. the file backend).
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not env_str("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or str(DATA_DIR / "mail")
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "cbap <noreply@localhost>"
# Where people report a problem with the site (the accessibility statement names it).
CONTACT_EMAIL = env_str("CBAP_CONTACT_EMAIL")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an e-mailed link works for three days

# Sign-in throttling (cbap/accounts/throttle.py): failures of one client and e-mail address
# before each further one waits (doubling from the first delay), failures of one client in the
# window before it waits out the window; password checks at once per server process.
LOGIN_FREE_FAILURES = env_int("CBAP_LOGIN_FREE_FAILURES", 5)
LOGIN_FIRST_DELAY_SECONDS = env_int("CBAP_LOGIN_FIRST_DELAY_SECONDS", 30)
LOGIN_CLIENT_FAILURES = env_int("CBAP_LOGIN_CLIENT_FAILURES", 30)
LOGIN_CLIENT_WINDOW_MINUTES = env_int("CBAP_LOGIN_CLIENT_WINDOW_MINUTES", 15)
LOGIN_CONCURRENT_HASHES = env_int("CBAP_LOGIN_CONCURRENT_HASHES", 4)
# Reverse proxies in front of cbap, each appending the address it saw to X-Forwarded-For. The
# audit trail takes the client's address that many entries from the right of the header; with 0
# it ignores the header (which anyone can forge) and uses the connection's address.
TRUSTED_PROXIES = env_int("CBAP_TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("CBAP_TRUSTED_PROXIES must be 0 or more (a number of proxies).")

# The interface's languages: the six UN languages by design, each offered once its catalogue
# (cbap/locale/<locale>/LC_MESSAGES/django.po) is in the repo, so adding one is a file, not code.
# English is the source language. Pages carry the language in their address (/fr/plan/), English
# without a prefix (cbap/core/languages.py).
LANGUAGE_CODE = "en"
UN_LANGUAGES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "zh-hans": "中文",
    "ru": "Русский",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [
    (code, name)
    for code, name in UN_LANGUAGES.items()
    if code == LANGUAGE_CODE
    or (LOCALE_PATHS[0] / to_locale(code) / "LC_MESSAGES/django.po").exists()
]
LANGUAGE_COOKIE_NAME = "cbap_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# In development static files come straight from the apps; `collectstatic` fills this in production.
STATIC_ROOT = None if DEBUG else DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "cbap.core.storage.StaticFilesStorage"
        )
    },
}

# A session ends after this long without a request (cbap/accounts/sessions.py): a government
# computer left signed in does not stay so.
SESSION_COOKIE_AGE = env_int("CBAP_SESSION_IDLE_MINUTES", 120) * 60

# Security headers; the strict ones apply when DEBUG is off (served over HTTPS).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cbap.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["cbap.core.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    # Requests per client (address, or account when signed in), counted in the cache: a 429 with
    # Retry-After beyond them.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("CBAP_API_RATE_ANONYMOUS") or "300/min",
        "user": env_str("CBAP_API_RATE_SIGNED_IN") or "1200/min",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cbap API",
    "DESCRIPTION": (
        "Open data of the Capacity-building Action Plan for the Cartagena Protocol on "
        "Biosafety (decision CP-10/4): the plan, Parties, national reports and indicators."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Tags folded until opened: Swagger UI stops drawing a page with over a hundred paths at once.
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "deepLinking": True},
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cbap.core.openapi.add_error_responses",
    ],
}

# CBAP_LOG_FORMAT=json: a JSON object per line, for a log collector (cbap/core/logs.py).
LOG_FORMAT = env_str("CBAP_LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("CBAP_LOG_FORMAT is text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "cbap.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools say every step of every PDF at INFO: only their warnings.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
WHITENOISE_USE_FINDERS = DEBUG
