"""Vigil's guards: safe paths, SSRF-safe URLs and HTTP, redaction, encrypted fields.

Import the submodule you need (`from vigil.core.security.paths import resolve_safe_path`);
nothing is re-exported here so that importing one guard does not import httpx or Fernet.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The guards' defaults, declared once: settings.py reads the environment with these, and
# the guards fall back to them outside Django.
DEFAULT_ALLOWED_ROOTS = ("/var", "/tmp", "/home", "/opt", "/srv", "/usr")  # noqa: S108
DEFAULT_OUTBOUND_TIMEOUT = 10
DEFAULT_OUTBOUND_MAX_BYTES = 10 * 1024 * 1024


def setting(name: str, default: Any) -> Any:
    # The guards are also used outside Django (scripts, the CLI before setup), where
    # touching settings raises; the documented default applies there.
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:
        return default
