"""Misconfiguration of the intelligence app, as system checks with ids and hints."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from vigil.core.security.paths import UnsafePathError, resolve_safe_path
from vigil.intelligence.models import IntelligenceProvider


@register("intelligence")
def check_scan_roots(app_configs, **kwargs):
    issues = []
    for root in settings.INTELLIGENCE_SCAN_ROOTS:
        try:
            resolve_safe_path(root)
        except UnsafePathError as exc:
            issues.append(
                Warning(
                    f"INTELLIGENCE_SCAN_ROOTS entry {root!r} is not scanned: {exc.reason}.",
                    hint="List absolute directories inside ALLOWED_FILESYSTEM_ROOTS.",
                    id="intelligence.W001",
                )
            )
    return issues


@register("intelligence", Tags.database, deploy=True)
def check_provider_sdks(app_configs, databases=None, **kwargs):
    # Only with a database (preflight, `check --database default`): which configured
    # providers cannot run because their optional SDK is missing.
    if not databases:
        return []
    try:
        configured = list(IntelligenceProvider.objects.values_list("name", "provider"))
    except DatabaseError:
        return []  # the core checks report an unreachable or unmigrated database
    # Imported here: the registry loads every provider, and this module loads at every
    # command's set-up (the check itself runs only with a database: preflight).
    from vigil.intelligence.providers import PROVIDERS, provider_class

    issues = []
    for name, slug in configured:
        if slug not in PROVIDERS:
            issues.append(
                Warning(
                    f"Intelligence provider {name!r} uses unknown provider {slug!r}.",
                    hint=f"Valid providers: {', '.join(PROVIDERS)}.",
                    id="intelligence.W003",
                )
            )
            continue
        cls = provider_class(slug)
        if not cls.sdk_installed():
            issues.append(
                Warning(
                    f"Intelligence provider {name!r} needs the {cls.sdk_module} SDK, which is "
                    "not installed; the local provider answers instead.",
                    hint=cls.pip_install,
                    id="intelligence.W002",
                )
            )
    return issues
