"""System checks: misconfiguration is a check with an id and a hint.

`manage.py check` runs the configuration checks. The ones that only matter for a
deployment (shared rate-limit counters, database reachable and migrated, Redis
reachable) are deploy checks: `check --deploy` and `vigil preflight` run them, while
no other command pays their network round trips at start-up and `migrate` does not
trip over its own pending migrations.
"""

import os
import stat

from django.conf import settings
from django.core.cache import caches
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

WEAK_SECRET_MIN_LENGTH = 50
WEAK_SECRET_MIN_UNIQUE = 5


@register(Tags.security)
def check_secret_key(app_configs, **kwargs):
    key = settings.SECRET_KEY
    if (
        len(key) < WEAK_SECRET_MIN_LENGTH
        or len(set(key)) < WEAK_SECRET_MIN_UNIQUE
        or (key.startswith("django-insecure-"))
    ):
        return [
            Warning(
                "DJANGO_SECRET_KEY is short or predictable.",
                hint="Use 50+ random characters: "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="config.W003",
            )
        ]
    return []


@register(Tags.security)
def check_debug_and_hosts(app_configs, **kwargs):
    issues = []
    if settings.DEBUG:
        issues.append(
            Warning(
                "DJANGO_DEBUG is on: error pages expose settings and code.",
                hint="Set DJANGO_DEBUG=0 outside development.",
                id="config.W004",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        issues.append(
            Warning(
                "DJANGO_ALLOWED_HOSTS contains '*': any Host header is accepted.",
                hint="List the host names Vigil is reached by.",
                id="config.W005",
            )
        )
    return issues


@register(Tags.security)
def check_api_auth(app_configs, **kwargs):
    if not settings.API_KEY_AUTH_ENABLED and not settings.DEBUG:
        return [
            Warning(
                "API key authentication is off and DEBUG is off: the API is open to anyone.",
                hint="Set API_KEY_AUTH_ENABLED=1 and create keys with `vigil create_api_key`.",
                id="config.W002",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_rate_limit_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    per_process = backend.endswith(("LocMemCache", "DummyCache"))
    if settings.RATE_LIMIT_ENABLED and per_process:
        return [
            Warning(
                "Rate limits are counted per process: with several processes each one "
                "allows the full limit.",
                hint="Set REDIS_URL to share counters between processes.",
                id="config.W001",
            )
        ]
    return []


@register(Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    from vigil.core.security.crypto import InvalidKeyConfiguration, get_fernet

    if not settings.VIGIL_ENCRYPTION_KEYS:
        return [
            Warning(
                "VIGIL_ENCRYPTION_KEYS is not set: stored credentials are encrypted with a "
                "key derived from DJANGO_SECRET_KEY, so changing that key loses them.",
                hint="Generate a key with `vigil rotate_encryption_keys --generate-key` "
                "and set VIGIL_ENCRYPTION_KEYS.",
                id="config.W006",
            )
        ]
    try:
        get_fernet()
    except (InvalidKeyConfiguration, ValueError, ImproperlyConfigured):
        return [
            Error(
                "VIGIL_ENCRYPTION_KEYS holds a value that is not a Fernet key.",
                hint="Each key is 32 url-safe base64-encoded bytes; generate one with "
                "`vigil rotate_encryption_keys --generate-key`.",
                id="config.E001",
            )
        ]
    return []


@register(Tags.security)
def check_env_file_permissions(app_configs, **kwargs):
    env_file = settings.VIGIL_HOME / ".env"
    try:
        mode = os.stat(env_file).st_mode
    except FileNotFoundError:
        return []
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return [
            Warning(
                f"{env_file} is readable by other users (mode {stat.S_IMODE(mode):o}).",
                hint=f"chmod 600 {env_file}",
                id="config.W007",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def check_database_ready(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
    except Exception:
        return [
            Error(
                "The database named by DATABASE_URL is not reachable.",
                hint="Check DATABASE_URL, that the server runs and accepts this user.",
                id="config.E002",
            )
        ]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return [
            Error(
                f"{len(pending)} database migration(s) are not applied.",
                hint="Run `vigil migrate`.",
                id="config.E003",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_cache_reachable(app_configs, **kwargs):
    if not settings.REDIS_URL:
        return []
    try:
        caches["default"].set("vigil:check", "1", timeout=5)
    except Exception:
        return [
            Error(
                "The cache named by REDIS_URL is not reachable.",
                hint="Check REDIS_URL and that Redis is running.",
                id="config.E004",
            )
        ]
    return []
