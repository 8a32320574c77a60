"""Watching Vigil's own doors: repeated failed sign-ins or refused API keys from one
source, and changes to watched environment files.

Failures are counted in the cache (Redis when REDIS_URL is set, so every process adds
to one count; per process otherwise) in fixed windows of SECURITY_AUTH_FAILURE_WINDOW
seconds. The failure that reaches SECURITY_AUTH_FAILURE_LIMIT writes one
AuthFailureBurst row; the scheduler turns unsent rows into alerts. A sign-in therefore
costs one cache increment, never a database write, whatever an attacker sends.
"""

import hashlib
import logging
import os
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

from vigil.core.clientip import client_ip
from vigil.core.security.paths import UnsafePathError, resolve_safe_path
from vigil.secretscan.models import AuthFailureBurst, WatchedFile

logger = logging.getLogger(__name__)


def record_failure(kind: str, source: str, username: str = "") -> bool:
    """Count one failure; True when it is the one that crosses the limit."""
    window = settings.SECURITY_AUTH_FAILURE_WINDOW
    limit = settings.SECURITY_AUTH_FAILURE_LIMIT
    if not window or not limit:
        return False
    start = int(time.time() // window) * window
    key = f"secwatch:{kind}:{source}:{start}"
    try:
        cache = caches["default"]
        cache.add(key, 0, timeout=window + 60)
        count = cache.incr(key)
    except Exception:  # a cache outage must not break sign-in
        logger.warning("security watch: failure counter unavailable", exc_info=True)
        return False
    if count != limit:
        return False
    # get_or_create: another process may have recorded this window first.
    AuthFailureBurst.objects.get_or_create(
        kind=kind,
        source=source[:64],
        window_start=datetime.fromtimestamp(start, tz=UTC),
        defaults={"count": count, "last_username": username[:150]},
    )
    return True


def on_login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))
    source = client_ip(request) if request is not None else "unknown"
    record_failure(AuthFailureBurst.SIGN_IN, source, username)


def on_api_key_refused(sender, request=None, **kwargs) -> None:
    source = client_ip(request) if request is not None else "unknown"
    record_failure(AuthFailureBurst.API_KEY, source)


def unsent_bursts() -> list[AuthFailureBurst]:
    return list(AuthFailureBurst.objects.filter(sent_at__isnull=True).order_by("created_at"))


# --- watched files ------------------------------------------------------------------------
@dataclass
class FileChange:
    path: str
    what: str  # created, changed, deleted, permissions
    mode_before: int = 0
    mode_after: int = 0
    names_added: tuple[str, ...] = ()
    names_removed: tuple[str, ...] = ()


def watched_paths() -> list[Path]:
    roots = [*settings.ALLOWED_FILESYSTEM_ROOTS, str(settings.VIGIL_HOME)]
    paths = []
    for raw in settings.SECURITY_WATCHED_FILES:
        try:
            paths.append(resolve_safe_path(raw, allowed_roots=roots))
        except UnsafePathError as exc:
            logger.warning("security watch: skipping watched file: %s", exc)
    return paths


def _state(path: Path) -> tuple[bool, str, int, list[str]]:
    try:
        data = path.read_bytes()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return False, "", 0, []
    names = []
    for line in data.decode("utf-8", "replace").splitlines():
        name, sep, _ = line.removeprefix("export ").partition("=")
        if sep and name.strip() and not name.lstrip().startswith("#"):
            names.append(name.strip())
    return True, "sha256:" + hashlib.sha256(data).hexdigest(), mode, sorted(set(names))


def check_watched_files() -> list[FileChange]:
    """Compare each watched file with what was seen last; the first look records it."""
    changes = []
    for path in watched_paths():
        exists, digest, mode, names = _state(path)
        seen = WatchedFile.objects.filter(path=str(path)).first()
        if seen is None:
            WatchedFile.objects.create(
                path=str(path), exists=exists, digest=digest, mode=mode, names=names
            )
            continue
        change = _compare(seen, exists, digest, mode, names)
        if change is not None:
            changes.append(change)
            seen.exists, seen.digest, seen.mode, seen.names = exists, digest, mode, names
        seen.save()
    return changes


def _compare(seen: WatchedFile, exists: bool, digest: str, mode: int, names: list[str]):
    if not exists and not seen.exists:
        return None
    if exists != seen.exists:
        return FileChange(seen.path, "created" if exists else "deleted", seen.mode, mode)
    if digest != seen.digest:
        return FileChange(
            seen.path,
            "changed",
            seen.mode,
            mode,
            names_added=tuple(sorted(set(names) - set(seen.names))),
            names_removed=tuple(sorted(set(seen.names) - set(names))),
        )
    if mode != seen.mode:
        return FileChange(seen.path, "permissions", seen.mode, mode)
    return None
