"""The cache backend for REDIS_URL: Django's Redis cache, which Vigil serves without.

Redis holds rate-limit windows, notification throttles and a few "done recently"
marks: nothing a page depends on. When it stops answering (down, or frozen, which
costs a timeout per call), the first failed call trips a breaker: for
CACHE_RETRY_SECONDS this process keeps those keys in its own memory instead and does
not call Redis at all, then tries it again. Timeouts are short (CACHE_TIMEOUT_MS).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache(
            f"vigil-fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}}
        )
        self._down_until = 0.0
        self._down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def reachable(self) -> bool:
        return self._down_since is None

    def _call(self, name: str, args: tuple, kwargs: dict):
        if self._down_until > time.monotonic():
            return getattr(self._local, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except (RedisError, OSError) as exc:
            self._trip(exc)
            return getattr(self._local, name)(*args, **kwargs)
        if self._down_since is not None:
            self._restored()
        return result

    def _trip(self, exc: BaseException) -> None:
        retry = float(settings.CACHE_RETRY_SECONDS)
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = time.monotonic()
            self._down_until = time.monotonic() + retry
        if first:
            logger.warning("cache (Redis) unavailable (%s); serving without it, trying again "
                           "every %.0f s", type(exc).__name__, retry)  # fmt: skip

    def _restored(self) -> None:
        with self._lock:
            since, self._down_since = self._down_since, None
        if since is not None:
            logger.warning("cache (Redis) reachable again after %.0f s", time.monotonic() - since)

    def add(self, *args, **kwargs):
        return self._call("add", args, kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", args, kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", args, kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", args, kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", args, kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", args, kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", args, kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", args, kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", args, kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", args, kwargs)

    def clear(self):
        return self._call("clear", (), {})
