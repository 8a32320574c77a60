"""Sharing a costly look at this machine between runs for a few seconds.

A burst of alerts about one machine makes every run sample CPU, list processes and walk
the disks at the same moment; the answers would be the same. A `SharedMeasurements`
keeps each answer for a short time to live and hands it to every run that asks in that
time, saying that it was reused and how old it is. Runs that ask while the first
measurement is being taken wait for it instead of taking their own. Once an answer is
older than its time to live, the first run to ask takes it again, and the runs that ask
meanwhile are handed the previous answer (with its true age) instead of waiting, if it
expired less than one time to live ago: the local provider's process list is a 0.25 s
sample, and every run of a busy worker process waited that long, every ten seconds. An
answer older than that (the machine was quiet for a while) is not handed out: the runs
wait for the new one.

The same sharing serves the machine's default check suite. Configuration read from
the database (lanes, providers, channels, nodes) has a cache of its own:
vigil/core/config_cache.py.

It is per process and in memory on purpose: a measurement describes the machine the
process runs on, so it must never travel to a worker on another machine (as it would
through a shared cache).
"""

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from django.utils import timezone

T = TypeVar("T")

_ALL: list["SharedMeasurements"] = []


@dataclass(frozen=True)
class Measurement(Generic[T]):
    value: T
    measured_at: datetime
    age_seconds: float
    reused: bool

    def describe(self, what: str) -> dict:
        """What a run's output says about where a figure came from."""
        return {
            "what": what,
            "measured_at": self.measured_at.isoformat(),
            "age_seconds": round(self.age_seconds, 3),
            "reused": self.reused,
        }


class SharedMeasurements:
    def __init__(self, name: str, *, clock: Callable[[], float] | None = None):
        self.name = name
        # Monotonic seconds; tests inject a clock they move instead of sleeping.
        self.clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        # key -> (monotonic time taken, wall-clock time taken, value)
        self._entries: dict[Hashable, tuple[float, datetime, object]] = {}
        _ALL.append(self)

    def get(self, key: Hashable, ttl: float, measure: Callable[[], T]) -> Measurement[T]:
        """The value `measure()` gave less than `ttl` seconds ago, or a fresh one."""
        if ttl <= 0:
            return Measurement(measure(), timezone.now(), 0.0, False)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
            last = self._entries.get(key)
        age = self.clock() - last[0] if last is not None else None
        if age is not None and age < ttl:
            return self._reused(last)
        # One measurement at a time per key. Without a recent answer, the others wait
        # and reuse it; with one that expired less than `ttl` ago (runs kept asking),
        # they take that while this is measured again.
        recent = age is not None and age < 2 * ttl
        if not key_lock.acquire(blocking=not recent):
            return self._reused(last)
        try:
            entry = self._entries.get(key)
            if entry is not None and self.clock() - entry[0] < ttl:
                return self._reused(entry)  # measured while this one waited for the lock
            taken_at, taken = self.clock(), timezone.now()
            value = measure()
            with self._lock:
                self._forget_older_than(ttl)
                self._entries[key] = (taken_at, taken, value)
            return Measurement(value, taken, self.clock() - taken_at, False)
        finally:
            key_lock.release()

    def _reused(self, entry: tuple[float, datetime, object]) -> Measurement:
        taken_at, taken, value = entry
        return Measurement(value, taken, self.clock() - taken_at, True)

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()

    def _forget_older_than(self, ttl: float) -> None:
        # Keys are few (one per set of checkers or scan roots); drop the stale ones so
        # a long-running worker does not keep every combination it ever saw.
        now = self.clock()
        for key in [k for k, entry in self._entries.items() if now - entry[0] >= ttl]:
            del self._entries[key]


def forget_all() -> None:
    """Drop every shared measurement (tests; a person asking for a fresh look)."""
    for shared in _ALL:
        shared.forget()
