"""Settings for the civic-activity portal.

Everything comes from the environment (see `.env.example`); the defaults are safe for
local development only where that is harmless. There is no production-only branch:
production is this file with production values in the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DJANGO_DEBUG", default=False)

_INSECURE_DEV_KEY = "django-insecure-dev-key-only-for-local-development-0123456789"
SECRET_KEY = env("DJANGO_SECRET_KEY") or (_INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.apps.PortalConfig",
    "groups",
    "facilities",
    "subsidies",
    "collaboration",
    "consultations",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tasks_db",
]

MIDDLEWARE = [
    "portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Above the page cache and everything that may query: 503, not 500, when the
    # database cannot be reached.
    "portal.middleware.DatabaseUnavailableMiddleware",
    "portal.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.RequestSizeLimitMiddleware",
    "portal.middleware.PrivateCacheControlMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffMFAMiddleware",
    "portal.middleware.FormErrorStatusMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite when DATABASE_URL is unset (a first look needs no server); PostgreSQL through
# psycopg 3 otherwise. Persistent connections with health checks: CONN_MAX_AGE=0 cut a
# list page from 205 to 82 req/s on CI's machine, and without health checks requests
# fail after a PostgreSQL restart.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A network stall becomes a fast error instead of a killed worker.
        DATABASES["default"].setdefault("OPTIONS", {}).update({"connect_timeout": 5, "tcp_user_timeout": 10_000})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH") or str(BASE_DIR / "db.sqlite3"),
            # IMMEDIATE turns "database is locked" races into clean serialisation.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker process: rate limits (log-in, contact form) and cache
# invalidation (site configuration, facility catalogue) must reach all of them.
# CACHE_URL unset: the database cache (table "portal_cache", made by
# `manage.py createcachetable`, which `make run` and docker-compose run after migrating).
# CACHE_URL=redis://host:6379/0 (or rediss://, unix://): Redis through Django's RedisCache.
# CACHE_URL=locmem:// : per process, for a single-process development server only;
# `check --deploy` refuses it (portal/checks.py).
CACHE_URL = env("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # Django's RedisCache, reusing its client (portal/cache_backends.py).
    CACHES = {"default": {"BACKEND": "portal.cache_backends.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}
elif not CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must start with redis://, rediss://, unix:// or locmem://, or be unset.")
# Rendered fragments of lists (`{% load fragment_cache %}{% cache … using="fragments" %}`):
# a copy per process, so that reading one costs no round trip per list item. They are
# checked against the table versions in the shared cache like every cached page
# (portal.pagecache), so a per-process copy is as exact as a shared one.
FRAGMENT_CACHE_ALIAS = "fragments"
CACHES[FRAGMENT_CACHE_ALIAS] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-fragments",
    "OPTIONS": {"MAX_ENTRIES": 20000},
}
# The page cache for anonymous visitors (portal.pagecache, PageCacheMiddleware) and the
# table versions that invalidate it, in the shared cache. PAGE_CACHE_SECONDS bounds
# what no write announces: a deadline passing, a change made outside the portal.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=not DEBUG)  # a template edited shows at once
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120)
PAGE_CACHE_ALIAS = "default"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "portal.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my"
LOGOUT_REDIRECT_URL = "portal:home"

ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# Failed log-ins slow the attacker, not the account's owner (portal/adapters.py):
# "login_failed"'s key is the pair (e-mail address tried, client IP), so five wrong
# passwords from one address block that address for that account only, and the owner
# still logs in from elsewhere; "login_failed_account" is a much higher ceiling per
# e-mail address over all IPs, against a distributed guess. Per IP alone the limit is
# loose, so one city office sharing a public address is not locked out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "60/m/ip,5/5m/key",
    "login_failed_account": "100/h/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Civic Activity Portal")
# Staff (city staff, centre staff, reviewers and superusers) must use TOTP in
# production. Only the local demo (`make run`) turns this off; see README.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", default=not DEBUG)
# Demo data (`seed_demo`) may only be loaded where this is on: never in production.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", default=DEBUG)

# Sessions end after 30 minutes without a request (idle timeout): every request
# renews the cookie, so active users are not logged out while working.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Database sessions whose save does not wait for the disk (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-filter: the empty choice of every filter reads "All" (すべて), not "---------".
FILTERS_EMPTY_CHOICE_LABEL = pgettext_lazy("filter", "All")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded attachments are private: stored outside STATIC and served only through
# permission-checked views, never by URL.
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"  # no route serves it: attachments go through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Request size limits. A request declaring a larger body than REQUEST_MAX_BYTES is
# refused with 413 before its body is read (portal.middleware.RequestSizeLimitMiddleware):
# room for the largest form, two 5 MB attachments. Form fields other than files may
# take at most 2.5 MB; uploaded files above 2.5 MB go to a temporary file, not memory.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 12 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- E-mail ---------------------------------------------------------------------------
# Django 6.1's MAILERS. SMTP in production (EMAIL_HOST...), the console in DEBUG.
_EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_EMAIL_OPTIONS: dict[str, object] = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
# The portal's public address, e.g. https://portal.example.jp: the one source of every
# link in every e-mail (portal.mail.absolute_url; allauth's through portal/adapters.py),
# whether sent during a request or from a background task. Required in production
# (`check --deploy`, portal.E002); the demo server's address under DEBUG.
PORTAL_BASE_URL = env("PORTAL_BASE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@example.jp")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The department whose city staff are the 協働推進課 window (collaboration.permissions).
COLLABORATION_WINDOW_DEPARTMENT = env("COLLABORATION_WINDOW_DEPARTMENT", "kyodo")

# --- Background tasks -----------------------------------------------------------------
# Immediate by default; the database-backed worker (`manage.py db_worker`) in production.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env("TASKS_BACKEND", "immediate")]
    }
}

# --- Security -------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto, and take the visitor's
# address from the header it sets (portal/client_ip.py; X-Forwarded-For's rightmost
# entry, or X-Real-IP). Only when the app server is reachable through the proxy alone.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
CLIENT_IP_HEADER = env("DJANGO_CLIENT_IP_HEADER", "X-Forwarded-For")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's built-in CSP: only our own origin, no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Portal policy lives in the database (portal.SiteConfiguration), not here.
