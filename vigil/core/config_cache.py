"""Configuration every run reads, kept per process for a few seconds.

Each run asks for the routing lanes, the active intelligence provider, its lane's
notification channels and the known nodes; reading them from the database (and
decrypting the channels' configs) for every run would cost more than the run's own
work. A `ConfigCache` keeps what it read for `ttl` seconds (CONFIG_RELOAD_SECONDS) and
forgets it at once when a row of the model it watches is saved or deleted in this
process; another process sees a change once its copy's time is up.

Worker threads share a cache, so they never share what it holds: `get` hands each
caller a copy of the model rows it read (`copy.copy` of an instance, a few µs), which
the caller may change (notify records a channel's health on its row) without a lock.
A cache of values nobody changes (the similarity corpus: hundreds of rows) is made
with `copies=False` and hands out what it holds.

The clock is injected: tests move a `ManualClock` forward instead of sleeping.
"""

import copy
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

Clock = Callable[[], float]


class ManualClock:
    """A clock that moves only when told to (tests)."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def private_copy(value: Any) -> Any:
    """The value with every model row in it copied: a dict's values, a list's items."""
    if isinstance(value, Model):
        return copy.copy(value)
    if type(value) is dict:
        return {key: private_copy(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(private_copy(item) for item in value)
    return value


class ConfigCache:
    def __init__(
        self,
        name: str,
        *,
        watch: type[Model] | None = None,
        copies: bool = True,
        clock: Clock | None = None,
    ):
        self.name = name
        self.copies = copies
        self.clock: Clock = clock or time.monotonic
        self._lock = threading.Lock()
        # key -> (clock time read, value)
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        if watch is not None:
            for signal in (post_save, post_delete):
                signal.connect(
                    self._forget_on_signal, sender=watch, weak=False, dispatch_uid=f"config {name}"
                )
        _ALL.append(self)

    def get(self, key: Hashable, ttl: float, load: Callable[[], Any]) -> Any:
        """A private copy of what `load()` returned less than `ttl` seconds ago, or of a
        fresh read (the value itself with copies=False). ttl <= 0 reads every time."""
        if ttl <= 0:
            return load()
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or now - entry[0] >= ttl:
            # Two threads may read at once after expiry; both answers are current.
            entry = (now, load())
            with self._lock:
                self._drop_older_than(ttl, now)
                self._entries[key] = entry
        return private_copy(entry[1]) if self.copies else entry[1]

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()

    def _forget_on_signal(self, **signal_kwargs) -> None:
        self.forget()

    def _drop_older_than(self, ttl: float, now: float) -> None:
        # Keys are few (one per set of channel names); drop the stale ones so a
        # long-running worker does not keep every combination it ever saw.
        for key in [k for k, (read_at, _) in self._entries.items() if now - read_at >= ttl]:
            del self._entries[key]


_ALL: list[ConfigCache] = []


def forget_all() -> None:
    """Drop every cached configuration (tests; `vigil` commands that change it)."""
    for cache in _ALL:
        cache.forget()


def use_clock(clock: Clock | None) -> None:
    """Every configuration cache reads this clock from now on; None: the real one."""
    for cache in _ALL:
        cache.clock = clock or time.monotonic
