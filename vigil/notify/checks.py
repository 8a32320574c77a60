"""System checks for notification settings and channels."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from vigil.core.security.crypto import DecryptionError
from vigil.notify.models import NotificationChannel


@register(Tags.compatibility)
def check_template_dirs(app_configs, **kwargs):
    issues = []
    for directory in map(Path, settings.NOTIFY_TEMPLATE_DIRS):
        if not directory.is_dir():
            issues.append(Warning(
                f"NOTIFY_TEMPLATE_DIRS entry {str(directory)!r} is not a directory.",
                hint="Create it or remove it from NOTIFY_TEMPLATE_DIRS.",
                id="notify.W001",
            ))  # fmt: skip
    return issues


@register(Tags.compatibility)
def check_retry_settings(app_configs, **kwargs):
    base = settings.NOTIFY_RETRY_BASE_SECONDS
    ceiling = settings.NOTIFY_RETRY_MAX_SECONDS
    if base > ceiling:
        return [Warning(
            f"NOTIFY_RETRY_BASE_SECONDS ({base}) is larger than NOTIFY_RETRY_MAX_SECONDS ({ceiling}).",
            hint="Every retry waits NOTIFY_RETRY_MAX_SECONDS; lower the base or raise the maximum.",
            id="notify.W002",
        )]  # fmt: skip
    return []


@register(deploy=True)
def check_link_base_url(app_configs, **kwargs):
    if settings.NOTIFY_LINK_BASE_URL:
        return []
    return [Warning(
        "NOTIFY_LINK_BASE_URL is not set: notifications carry no link to the incident in Vigil.",
        hint="Set it to the address people reach Vigil at, e.g. https://vigil.example.com.",
        id="notify.W005",
    )]  # fmt: skip


@register(Tags.database, deploy=True)
def check_disabled_channels(app_configs, databases=None, **kwargs):
    if not databases:  # only when asked to touch the database (`vigil preflight`)
        return []
    try:
        disabled = list(
            NotificationChannel.objects.filter(
                active=False, consecutive_failures__gt=0
            ).values_list("name", flat=True)[:20]
        )
    except DatabaseError:
        return []  # the core's database checks report an unreachable or unmigrated DB
    if not disabled:
        return []
    return [Warning(
        f"notification channels disabled after repeated failures: {', '.join(disabled)}",
        hint="Fix the config (see last_error in the admin), then `vigil test_notify <name>` "
        "and re-activate the channel.",
        id="notify.W003",
    )]  # fmt: skip


@register(Tags.database, deploy=True)
def check_channel_configs(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    issues = []
    try:
        channels = list(NotificationChannel.objects.filter(active=True)[:500])
    except (DatabaseError, DecryptionError) as exc:
        return [Warning(f"notification channels cannot be read: {exc}", id="notify.W004")]
    # Imported here: this module loads at every command's set-up, and the drivers
    # (pydantic, the HTTP client, Jinja) only when a check reads the channels (preflight).
    from vigil.notify.drivers import ConfigError, get_driver
    from vigil.notify.drivers.base import validate_config

    for channel in channels:
        try:
            validate_config(get_driver(channel.driver), channel.config)
        except ConfigError as exc:
            issues.append(Warning(
                f"channel {channel.name!r} ({channel.driver}) has an invalid config: {exc}",
                hint="Fix it in the admin; deliveries to it fail until then.",
                id="notify.W004",
            ))  # fmt: skip
    return issues
