"""Per-destination rate limits through the Django cache (Redis when several processes).

Time for a destination is cut into slots of its interval. A send books the first free
slot: the current one if it may send now, else a later one, and is answered with that
slot's time, never with a sleep; the caller reschedules the delivery for it and, coming
back, finds its booking (`holder`) instead of queuing again. So twelve messages to a
channel limited to one a second leave one a second, in about twelve seconds.

A slot is one cache key taken with `add` (Redis SET NX), so two processes never take
the same slot; each slot keeps the time planned for it, and a slot's time is at least
one interval after the previous slot's, so sends keep their distance however they race.
"""

import math

from django.core.cache import cache

PREFIX = "notify:rate:"
# A holder coming back this much before its slot (clocks of two machines) may send.
EARLY_SECONDS = 0.05
# Most slots one booking looks at; past a backlog this long it answers the last one
# looked at, and books it on the next try.
MAX_SCAN = 1000


def reserve(key: str, interval: float, now: float, holder: str = "") -> float | None:
    """None if sending now is allowed, else the time of the slot booked for `holder`
    (a delivery), who comes back then and is let through."""
    if interval <= 0:
        return None
    if holder:
        booked = cache.get(f"{PREFIX}booked:{holder}")
        if booked is not None:
            if booked > now + EARLY_SECONDS:
                return float(booked)
            cache.delete(f"{PREFIX}booked:{holder}")
            if now - booked < interval / 2:
                return None  # its slot has come
            # Back far too late (a stopped worker): its slot is gone, book another.
    when = _book(key, interval, now)
    if when <= now:
        return None
    if holder:
        cache.set(f"{PREFIX}booked:{holder}", when, timeout=math.ceil(when - now + interval) + 60)
    return when


def _book(key: str, interval: float, now: float) -> float:
    """Take the first free slot from now on; its planned send time."""
    hint_key = f"{PREFIX}{key}:next"
    index = max(int(now // interval), cache.get(hint_key) or 0)
    planned = now
    for _ in range(MAX_SCAN):
        planned = max(now, index * interval)
        previous = cache.get(f"{PREFIX}{key}:{index - 1}")
        if previous is not None:
            planned = max(planned, previous + interval)
        timeout = math.ceil(planned - now + 2 * interval) + 1
        if planned < (index + 1) * interval and cache.add(
            f"{PREFIX}{key}:{index}", planned, timeout=timeout
        ):
            cache.set(hint_key, index + 1, timeout=timeout)
            return planned
        index += 1
    return planned
