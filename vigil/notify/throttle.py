"""Per-destination rate limits through the Django cache (Redis when several processes).

A slot that is taken is answered with the time it frees up, never with a sleep: the
caller reschedules the delivery. Two processes racing for an expired slot may both
send; the vendor's 429 and its retry_after then cover the rare extra message.
"""

import math

from django.core.cache import cache

PREFIX = "notify:rate:"


def reserve(key: str, interval: float, now: float) -> float | None:
    """Take the slot for `key`: None if sending now is allowed, else when to try again."""
    if interval <= 0:
        return None
    cache_key = PREFIX + key
    until = now + interval
    timeout = math.ceil(interval) + 1
    if cache.add(cache_key, until, timeout=timeout):
        return None
    held = cache.get(cache_key)
    if held is None or held <= now:
        cache.set(cache_key, until, timeout=timeout)
        return None
    return float(held)
