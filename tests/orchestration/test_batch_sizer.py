"""How many runs a worker thread takes together (worker.BatchSizer): about half a second
of work by the recent batches, so slow stages do not hold back a batch's notifications."""

from collections import Counter

import pytest

from vigil.orchestration.models import StageExecution
from vigil.orchestration.worker import BatchSizer, Worker


def test_one_run_at_a_time_until_a_batch_has_been_timed():
    assert BatchSizer(16).size() == 1


def test_fast_runs_fill_batches_up_to_the_maximum():
    sizer = BatchSizer(16, target=0.5)
    sizer.record(0.012, 1)  # the local provider: milliseconds per run
    assert sizer.size() == 16
    sizer.record(0.2, 16)
    assert sizer.size() == 16


def test_slow_runs_make_batches_of_one():
    sizer = BatchSizer(16, target=0.5)
    sizer.record(3.0, 1)  # a remote LLM provider: seconds per run
    assert sizer.size() == 1


def test_batches_follow_the_runs_as_they_slow_down_and_recover():
    sizer = BatchSizer(16, target=0.5)
    sizer.record(0.16, 16)  # 10 ms a run
    assert sizer.size() == 16
    for _ in range(10):  # the provider slows to 100 ms a run
        sizer.record(0.1, 1)
    assert 4 <= sizer.size() <= 6
    for _ in range(20):  # and recovers
        sizer.record(0.08, 8)
    assert sizer.size() == 16


@pytest.mark.parametrize("maximum", [1, 3])
def test_the_maximum_is_kept(maximum):
    sizer = BatchSizer(maximum)
    sizer.record(0.0, 5)
    assert sizer.size() == maximum


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_starts_with_one_run_then_takes_batches_of_the_timed_size(
    seeded_lanes, make_run, no_stages
):
    runs = [make_run() for _ in range(6)]

    worker = Worker(concurrency=1, batch_size=4, scheduler=False)
    assert worker.run(once=True) == len(runs)

    # A batch writes its steps together: its runs' first stages share a start time.
    started = StageExecution.objects.filter(stage="check").values_list("started_at", flat=True)
    assert sorted(Counter(started).values()) == [1, 1, 4]  # [1], then 4 (the most), then 1
    assert worker.sizer.per_run is not None
