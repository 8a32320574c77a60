"""Sign-in attempts limited per account and per client address, with growing back-off.

Counters live in the default cache (Redis when REDIS_URL is set, so every process
shares them). After the free failures, each further failure locks the account (or the
address) for twice as long as the one before, up to AUTH_LOGIN_MAX_BACKOFF_SECONDS.
A success clears the account's count, not the address's: signing in to one's own
account must not buy an address fresh guesses at others.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


class ThrottleUnavailable(Exception):
    """The counter store cannot be reached: sign-in is refused rather than unlimited."""


@dataclass(frozen=True)
class Scope:
    name: str
    free_failures: int

    def key(self, value: str, what: str) -> str:
        digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
        return f"login:{what}:{self.name}:{digest}"


def _scopes(username: str, ip: str) -> list[tuple[Scope, str]]:
    return [
        (Scope("user", settings.AUTH_LOGIN_FREE_FAILURES_PER_USER), username),
        (Scope("ip", settings.AUTH_LOGIN_FREE_FAILURES_PER_IP), ip),
    ]


def retry_after(username: str, ip: str) -> int:
    """Seconds until this account and address may try again; 0 when they may now."""
    cache = caches["default"]
    now = time.time()
    try:
        unlocks = [cache.get(scope.key(value, "lock")) for scope, value in _scopes(username, ip)]
    except Exception as exc:
        raise ThrottleUnavailable(str(exc)) from None
    wait = max((until - now for until in unlocks if until), default=0)
    return math.ceil(wait) if wait > 0 else 0


def record_failure(username: str, ip: str) -> int:
    """Count a failure; returns the longest lock it started (0: none yet)."""
    cache = caches["default"]
    window = settings.AUTH_LOGIN_FAILURE_WINDOW_SECONDS
    longest = 0
    try:
        for scope, value in _scopes(username, ip):
            count_key = scope.key(value, "fail")
            cache.add(count_key, 0, timeout=window)
            failures = cache.incr(count_key)
            if failures > scope.free_failures:
                delay = min(
                    2 ** (failures - scope.free_failures - 1),
                    settings.AUTH_LOGIN_MAX_BACKOFF_SECONDS,
                )
                cache.set(scope.key(value, "lock"), time.time() + delay, timeout=delay + 1)
                longest = max(longest, delay)
    except Exception as exc:
        raise ThrottleUnavailable(str(exc)) from None
    return longest


def record_success(username: str) -> None:
    scope = Scope("user", settings.AUTH_LOGIN_FREE_FAILURES_PER_USER)
    try:
        caches["default"].delete_many([scope.key(username, "fail"), scope.key(username, "lock")])
    except Exception as exc:
        raise ThrottleUnavailable(str(exc)) from None
