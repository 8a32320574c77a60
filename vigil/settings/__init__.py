"""Vigil's settings, driven by environment variables (see .env.sample): the project's
here, each app's in apps.py. DJANGO_SETTINGS_MODULE=vigil.settings reads both."""

import importlib.util
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from vigil.core.env import env_bool, env_int, env_json, env_list, env_str
from vigil.core.home import missing_secret_key
from vigil.core.security import (
    DEFAULT_ALLOWED_ROOTS,
    DEFAULT_OUTBOUND_MAX_BYTES,
    DEFAULT_OUTBOUND_TIMEOUT,
)
from vigil.settings.home import VAR_DIR, home
from vigil.settings.home import VIGIL_HOME as VIGIL_HOME

# `vigil agent`, on a monitored host, signs nothing and serves nothing: it needs no
# secret key of its own, and loads only the apps it runs (below).
AGENT_PROCESS = env_bool("VIGIL_AGENT_PROCESS", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (secrets.token_urlsafe(50) if AGENT_PROCESS else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(missing_secret_key(home))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# What every `vigil` command pays for at set-up is kept small (bench/cli_start.py): the
# admin's modules load with the URLconf (vigil/urls.py calls autodiscover), and Ninja,
# which reads its settings on import, serves its docs' templates and static files from
# the directories below instead of being an installed app.
INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "vigil.core",
    "vigil.accounts",
    "vigil.alerts",
    "vigil.checkers",
    "vigil.nodes",
    "vigil.intelligence",
    "vigil.notify",
    "vigil.orchestration",
    "vigil.secretscan",
    "vigil.bot",
    "vigil.console",
]

# The hub's other apps (the API, Celery, the secret scanner) would more than double the
# agent's memory (docs/checkers.md).
if AGENT_PROCESS:
    INSTALLED_APPS = ["vigil.checkers", "vigil.nodes"]

MIDDLEWARE = [
    "vigil.core.middleware.TrailingSlashMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "vigil.core.middleware.JsonMethodNotAllowedMiddleware",
    "vigil.console.assets.ConsoleWhiteNoiseMiddleware",
    "vigil.accounts.middleware.ApiAuthMiddleware",
    "vigil.core.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vigil.urls"
WSGI_APPLICATION = "vigil.wsgi.application"

_NINJA = Path(importlib.util.find_spec("ninja").submodule_search_locations[0])
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [_NINJA / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'vigil.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing with "database is locked" mid-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASE_URL.endswith(":memory:") else 600
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# PostgreSQL: the hot statements (ingest, the workers' steps) are PREPAREd once per
# connection (core/prepared.py). Turn off behind a pooler in transaction mode
# (PgBouncer), where the next transaction may get another server connection.
# ALERTS_PREPARED_STATEMENTS is this setting's earlier name, still read.
DATABASE_PREPARED_STATEMENTS = env_bool(
    "DATABASE_PREPARED_STATEMENTS", env_bool("ALERTS_PREPARED_STATEMENTS", True)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and rate limits --------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# Redis is a cache: a call that takes longer than this fails, and then this process
# serves without Redis for CACHE_RETRY_SECONDS before trying it again (core/cache.py).
CACHE_TIMEOUT_MS = env_int("CACHE_TIMEOUT_MS", 250, minimum=10)
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 10, minimum=1)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "vigil.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vigil",
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_MS / 1000,
                "socket_timeout": CACHE_TIMEOUT_MS / 1000,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

API_KEY_AUTH_ENABLED = env_bool("API_KEY_AUTH_ENABLED", True)
# Path prefixes that require an API key. /admin/ and /static/ keep their own auth.
API_KEY_PROTECTED_PREFIXES = [
    "/alerts/",
    "/orchestration/",
    "/notify/",
    "/intelligence/",
    "/api/",
    "/auth/logout/",
]
# Exact (method, path) pairs that answer without a key: readiness answers for probes.
# /api/docs is a page with no data in it; it fetches the schema with the caller's token.
API_KEY_EXEMPT = [
    ("GET", "/alerts/webhook/"),
    ("GET", "/intelligence/health/"),
    ("GET", "/api/docs"),
]

RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
RATE_LIMITS = {
    "/auth/": 30,
    "/alerts/": 120,
    "/orchestration/": 30,
    "/notify/": 30,
    "/intelligence/": 20,
    "/api/": 60,
    **env_json("RATE_LIMITS", {}),
}
# Separate per-minute budgets for GET/HEAD, so a dashboard polling does not eat the budget
# of the monitoring tools that POST. Empty: reads share the limits above.
RATE_LIMITS_READ = env_json("RATE_LIMITS_READ", {})
# A signed-in console user's page loads and polling: one budget for all their reads.
RATE_LIMIT_USER_READS = env_int("RATE_LIMIT_USER_READS", 600, minimum=1)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# --- Security guards (vigil.core.security) -------------------------------------------------
SSRF_ALLOWED_HOSTS = env_list("SSRF_ALLOWED_HOSTS")
ALLOWED_FILESYSTEM_ROOTS = env_list("ALLOWED_FILESYSTEM_ROOTS", list(DEFAULT_ALLOWED_ROOTS))
VIGIL_ENCRYPTION_KEYS = env_list("VIGIL_ENCRYPTION_KEYS")
OUTBOUND_HTTP_TIMEOUT = float(env_int("OUTBOUND_HTTP_TIMEOUT", DEFAULT_OUTBOUND_TIMEOUT, minimum=1))
OUTBOUND_HTTP_MAX_BYTES = env_int(
    "OUTBOUND_HTTP_MAX_BYTES", DEFAULT_OUTBOUND_MAX_BYTES, minimum=1024
)

# --- HTTPS hardening (set these behind TLS; `manage.py check --deploy` verifies) ---------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", False)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [_NINJA / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- `vigil serve`: its flags' defaults ---------------------------------------------------
VIGIL_HOST = env_str("VIGIL_HOST", "127.0.0.1")
VIGIL_PORT = env_int("VIGIL_PORT", 8000, minimum=1)
VIGIL_WORKERS = env_int("VIGIL_WORKERS", 2, minimum=1)
# Connections one HTTP worker keeps open (granian's backpressure, which counts accepted
# connections, not requests): idle keep-alive clients (Alertmanager, Grafana, every
# pooled client) each hold one. The request threads bound the requests being executed.
VIGIL_MAX_CONNECTIONS = env_int("VIGIL_MAX_CONNECTIONS", 1024, minimum=1)
# A client has this long to send a request's headers, then its connection is closed
# (slowloris). It also closes a keep-alive connection idle for that long, as servers do.
VIGIL_HEADER_TIMEOUT = env_int("VIGIL_HEADER_TIMEOUT", 30, minimum=1)
VIGIL_BODY_TIMEOUT = env_int("VIGIL_BODY_TIMEOUT", 30, minimum=1)

# --- Logging ---------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not valid; use text or json")
LOG_FILE = env_str("LOG_FILE")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "vigil.core.logging.ContextFilter"},
        "redact": {"()": "vigil.core.security.redact.RedactingFilter"},
        "disallowed_host": {"()": "vigil.core.logging.DisallowedHostFilter"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s "
            "[trace_id=%(trace_id)s run_id=%(run_id)s]"
        },
        "json": {"()": "vigil.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # httpx/httpcore log every request line, URL included, and for webhooks and bots
        # the URL is the credential (Slack hook ids, /bot<token>/): keep them quiet.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        "django.security.DisallowedHost": {"filters": ["disallowed_host"]},
    },
}
if LOG_FILE:
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.RotatingFileHandler",
        "filename": LOG_FILE,
        "maxBytes": env_int("LOG_FILE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024),
        "backupCount": env_int("LOG_FILE_BACKUPS", 5, minimum=0),
        "formatter": LOG_FORMAT,
        "filters": ["context", "redact"],
    }
    LOGGING["root"]["handlers"].append("file")

from vigil.settings.apps import *  # noqa: E402, F403 - each app's settings
