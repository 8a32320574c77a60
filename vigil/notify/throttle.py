"""Per-destination rate limits through the Django cache (Redis when several processes).

Time for a destination is cut into slots of its interval. A send books the first free
slot: the current one if it may send now, else a later one, and is answered with that
slot's time, never with a sleep; the caller reschedules the delivery for it and, coming
back, finds its booking (`holder`) instead of queuing again. So twelve messages to a
channel limited to one a second leave one a second, in about twelve seconds (a holder
back late may send up to half an interval before the next slot, never closer).

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
        booking = cache.get(f"{PREFIX}booked:{holder}")
        if booking is not None:
            booked, index = booking
            if booked > now + EARLY_SECONDS:
                return float(booked)
            cache.delete(f"{PREFIX}booked:{holder}")
            if _may_send_late(key, interval, now, index):
                return None  # its slot has come
            # Back too late to keep its distance from the next booked slot (a busy or
            # stopped worker): its slot is gone, it books another.
    when, index = _book(key, interval, now)
    if when <= now:
        return None
    if holder:
        timeout = math.ceil(when - now + interval) + 60
        cache.set(f"{PREFIX}booked:{holder}", (when, index), timeout=timeout)
    return when


def _may_send_late(key: str, interval: float, now: float, index: int) -> bool:
    """A holder back after its slot's time (a busy worker) sends if the next booked slot
    is at least half an interval away; its slot then records the real send time, for
    later bookings. Further behind, it books again: the vendor sees messages at least
    half an interval apart, one interval apart on average."""
    following = cache.get(f"{PREFIX}{key}:{index + 1}")
    if following is not None and following < now + interval / 2:
        return False
    cache.set(f"{PREFIX}{key}:{index}", now, timeout=math.ceil(2 * interval) + 1)
    return True


def _book(key: str, interval: float, now: float) -> tuple[float, int]:
    """Take the first free slot from now on: its planned send time and its number."""
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
            return planned, index
        index += 1
    return planned, index
