"""The configuration cache: reuse for the reload interval on an injected clock, forget
on a save in this process, and a private copy of every row for each caller."""

import threading

import pytest

from vigil.core.config_cache import ConfigCache, ManualClock
from vigil.notify.models import NotificationChannel


def test_a_value_is_reused_until_its_time_is_up_then_read_again():
    clock = ManualClock()
    cache = ConfigCache("test", clock=clock)
    reads = []

    def load():
        reads.append(clock())
        return [len(reads)]

    assert cache.get("k", 10, load) == [1]
    clock.advance(9.9)
    assert cache.get("k", 10, load) == [1]
    clock.advance(0.1)
    assert cache.get("k", 10, load) == [2]
    assert cache.get("k", 0, load) == [3]  # 0: read every time
    assert reads == [1000.0, 1010.0, 1010.0]


@pytest.mark.django_db
def test_a_save_or_a_delete_in_this_process_forgets_at_once():
    cache = ConfigCache("channels", watch=NotificationChannel, clock=ManualClock())

    def names():
        return cache.get("all", 60, lambda: list(NotificationChannel.objects.values_list("name")))

    assert names() == []
    channel = NotificationChannel.objects.create(name="ops", driver="locmem", config={})
    assert names() == [("ops",)]
    channel.delete()
    assert names() == []


@pytest.mark.django_db
def test_every_caller_gets_its_own_copy_of_the_rows():
    NotificationChannel.objects.create(name="ops", driver="locmem", config={})
    cache = ConfigCache("channels", clock=ManualClock())

    def load():
        return {c.name: c for c in NotificationChannel.objects.all()}

    mine = cache.get("all", 60, load)["ops"]
    mine.consecutive_failures = 3
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(cache.get("all", 60, load)["ops"]))
    thread.start()
    thread.join()

    [other] = theirs
    assert other is not mine
    assert other.consecutive_failures == 0
    assert cache.get("all", 60, load)["ops"].consecutive_failures == 0


def test_a_cache_of_values_nobody_changes_hands_out_the_same_ones():
    cache = ConfigCache("corpus", copies=False, clock=ManualClock())
    first = cache.get("k", 60, lambda: [object()])

    assert cache.get("k", 60, lambda: [object()]) is first
