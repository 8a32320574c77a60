"""API key workflows, shared by the command, the admin and the middleware."""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigil.core.models import ApiKey, digest_key
from vigil.core.roles import Role

LAST_USED_RESOLUTION = timedelta(minutes=1)
_CACHE_SECONDS = 5.0
# digest -> (monotonic expiry, ApiKey or None). A short per-process cache keeps the hot
# ingest path at zero key queries; a revoked key stops working within _CACHE_SECONDS.
_lookup_cache: dict[str, tuple[float, ApiKey | None]] = {}


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    raw: str


class InvalidEndpointPrefix(ValueError):
    pass


def normalise_endpoints(prefixes: list[str]) -> list[str]:
    cleaned = []
    for prefix in prefixes:
        prefix = prefix.strip()
        if not prefix.startswith("/") or "\x00" in prefix or ".." in prefix:
            raise InvalidEndpointPrefix(
                f"endpoint prefix {prefix!r} must be a path starting with '/'"
            )
        cleaned.append(prefix)
    return cleaned


@transaction.atomic
def create_api_key(
    name: str, allowed_endpoints: list[str] | None = None, *, role: str = Role.ADMIN
) -> CreatedKey:
    raw = ApiKey.new_raw_key()
    key = ApiKey(
        name=name, role=role, allowed_endpoints=normalise_endpoints(allowed_endpoints or [])
    )
    key.set_key(raw)
    key.full_clean()
    key.save()
    return CreatedKey(key=key, raw=raw)


def authenticate_key(raw_key: str) -> ApiKey | None:
    digest = digest_key(raw_key)
    now = time.monotonic()
    cached = _lookup_cache.get(digest)
    if cached and cached[0] > now:
        key = cached[1]
    else:
        key = ApiKey.objects.filter(digest=digest, is_active=True).first()
        if len(_lookup_cache) > 1000:
            _lookup_cache.clear()
        _lookup_cache[digest] = (now + _CACHE_SECONDS, key)
    if key is not None:
        touch_last_used(key)
    return key


def touch_last_used(key: ApiKey) -> None:
    """Record use at most once a minute per key, so requests do not each write a row."""
    now = timezone.now()
    if key.last_used_at and now - key.last_used_at < LAST_USED_RESOLUTION:
        return
    stale_before = now - LAST_USED_RESOLUTION
    ApiKey.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale_before), pk=key.pk
    ).update(last_used_at=now)
    key.last_used_at = now


def forget_cached_keys() -> None:
    _lookup_cache.clear()
