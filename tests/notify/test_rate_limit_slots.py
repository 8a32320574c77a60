"""Rate limits delay, never drop: each waiting message books the next free slot."""

import threading
import time

import pytest

from vigil.alerts.models import Incident
from vigil.notify import throttle
from vigil.notify.drivers import locmem
from vigil.notify.models import Delivery, NotificationChannel
from vigil.orchestration.models import Lane, PipelineRun
from vigil.orchestration.worker import Worker


def test_a_burst_books_one_slot_each_a_second_apart():
    slots = [throttle.reserve("k", 1.0, 1000.25, holder=str(n)) for n in range(5)]
    assert slots[0] is None  # the first sends now
    assert slots[1:] == [1001.25, 1002.25, 1003.25, 1004.25]


def test_a_holder_coming_back_at_its_slot_is_let_through_and_books_nothing_new():
    assert throttle.reserve("k", 1.0, 1000.0, holder="a") is None
    assert throttle.reserve("k", 1.0, 1000.0, holder="b") == 1001.0
    assert throttle.reserve("k", 1.0, 1000.5, holder="b") == 1001.0  # early: same slot
    assert throttle.reserve("k", 1.0, 1001.0, holder="b") is None
    assert throttle.reserve("k", 1.0, 1001.0, holder="c") == 1002.0


def test_a_holder_back_late_keeps_its_distance_from_the_next_slot():
    assert throttle.reserve("k", 1.0, 1000.0, holder="a") is None
    assert throttle.reserve("k", 1.0, 1000.0, holder="b") == 1001.0
    assert throttle.reserve("k", 1.0, 1000.0, holder="c") == 1002.0
    # b is back 0.3 s late: 0.7 s before c's slot is far enough, it sends.
    assert throttle.reserve("k", 1.0, 1001.3, holder="b") is None
    assert throttle.reserve("k", 1.0, 1001.3, holder="d") == 1003.0
    # c is back 0.7 s late, 0.3 s before d's slot: too close, it books anew.
    assert throttle.reserve("k", 1.0, 1002.7, holder="c") == 1004.0
    assert throttle.reserve("k", 1.0, 1003.0, holder="d") is None
    # c, back late again, finds the slot after its own free: it sends.
    assert throttle.reserve("k", 1.0, 1004.5, holder="c") is None


def test_a_slot_keeps_its_distance_from_a_send_late_in_the_previous_one():
    assert throttle.reserve("k", 1.0, 1000.9) is None
    assert throttle.reserve("k", 1.0, 1001.2, holder="x") == pytest.approx(1001.9)


def test_after_a_quiet_interval_a_send_goes_at_once():
    assert throttle.reserve("k", 1.0, 1000.0) is None
    assert throttle.reserve("k", 1.0, 1001.5) is None


@pytest.mark.slow
@pytest.mark.postgres  # worker threads beside the test: SQLite's shared test database locks
@pytest.mark.django_db(transaction=True)
def test_twelve_incidents_on_a_one_per_second_channel_all_arrive_once_in_about_12_s(settings):
    settings.ORCHESTRATION_POLL_MS = 50
    settings.CONFIG_RELOAD_SECONDS = 0
    locmem.clear()
    NotificationChannel.objects.create(
        name="ops", driver="locmem", config={"label": "ops"}, min_interval_seconds=1
    )
    Lane.objects.create(name="page", priority=1, stages=["notify"], channels=["ops"])
    runs = [
        PipelineRun.objects.create(
            origin="webhook",
            incident=Incident.objects.create(
                title=f"disk {n}", source="generic", group_key=f"g{n}"
            ),
        )
        for n in range(12)
    ]
    worker = Worker(concurrency=4, batch_size=4, scheduler=False)
    thread = threading.Thread(target=worker.run, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        while time.monotonic() - started < 30:
            if not PipelineRun.objects.exclude(status__in=["notified", "failed"]).exists():
                break
            time.sleep(0.1)
    finally:
        worker.stop()
        thread.join(timeout=10)
    statuses = {run.run_id: run.status for run in PipelineRun.objects.all()}
    assert set(statuses.values()) == {"notified"}, PipelineRun.objects.values_list(
        "status", "last_error_message"
    )
    sent = sorted(locmem.outbox, key=lambda item: item.sent_at)
    assert sorted(m.message.incident_id for m in sent) == sorted(r.incident_id for r in runs)
    gaps = [b.sent_at - a.sent_at for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps) > 0.45  # a busy worker's late send keeps half an interval
    assert 10.5 < sent[-1].sent_at - sent[0].sent_at < 14
    # Waiting for a slot spent nothing: one attempt per delivery, none from the budget.
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
    assert {run.attempts_in_budget for run in PipelineRun.objects.all()} == {1}
