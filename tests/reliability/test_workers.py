import signal
import time
import uuid
from collections import Counter

import pytest
from django.db import connection

from tests.orchestration.procs import process_env, start_worker, stop, wait_until
from tests.support.recording_server import Reply
from vigil.alerts.models import Incident
from vigil.orchestration.listener import RUNS_CHANNEL
from vigil.orchestration.models import Lane, PipelineRun, StageExecution

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _runs(n: int, labels: dict | None = None) -> list[PipelineRun]:
    incidents = Incident.objects.bulk_create(
        Incident(title=f"i{i}", source="test", group_key=uuid.uuid4().hex, labels=labels or {})
        for i in range(n)
    )
    return PipelineRun.objects.bulk_create(
        PipelineRun(incident=incident, origin="webhook", status="pending") for incident in incidents
    )


def _calls(path) -> list[tuple[str, str, str]]:
    if not path.exists():
        return []
    return [tuple(line.split()) for line in path.read_text().splitlines() if line.strip()]


def test_two_workers_never_execute_the_same_run(fast_lane, tmp_path):
    calls = tmp_path / "calls.txt"
    env = process_env(FAKE_CALLS_FILE=str(calls))
    workers = [
        start_worker(env, tmp_path / f"w{i}.log", "--concurrency", "4", "--no-scheduler")
        for i in range(2)
    ]
    try:
        # The runs appear once both workers wait for them: a worker that started first
        # could otherwise finish them all before the other had started.
        database = connection.settings_dict["NAME"]
        wait_until(lambda: _listening(database) == 2, timeout=30, what="both workers to LISTEN")
        runs = _runs(300, labels={"fake_analyze": "slow", "fake_sleep": "0.005"})
        wait_until(
            lambda: not PipelineRun.objects.exclude(status="analyzed").exists(),
            timeout=90,
            what="every run to be analyzed",
        )
    finally:
        codes = [stop(worker) for worker in workers]

    assert codes == [0, 0], [p.read_text()[-2000:] for p in tmp_path.glob("w*.log")]
    starts = Counter(run_id for run_id, _, event in _calls(calls) if event == "start")
    assert set(starts) == {str(run.run_id) for run in runs}
    assert max(starts.values()) == 1
    assert len({pid for _, pid, _ in _calls(calls)}) == 2, "both workers should have worked"
    assert set(PipelineRun.objects.values_list("attempts", flat=True)) == {1}
    assert StageExecution.objects.count() == 300


def test_sigkilled_worker_run_completes_once_after_the_lease_expires(fast_lane, tmp_path):
    (run,) = _runs(1, labels={"fake_analyze": "slow", "fake_sleep": "1.5"})
    calls = tmp_path / "calls.txt"
    env = process_env(FAKE_CALLS_FILE=str(calls))
    first = start_worker(env, tmp_path / "first.log", "--no-scheduler")
    try:
        wait_until(lambda: _calls(calls), timeout=30, what="the stage to start")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    run.refresh_from_db()
    assert run.status == "processing" and run.attempts == 1

    second = start_worker(env, tmp_path / "second.log")
    try:
        wait_until(
            lambda: PipelineRun.objects.filter(pk=run.pk, status="analyzed").exists(),
            timeout=30,
            what="the run to complete on the second worker",
        )
    finally:
        assert stop(second) == 0

    run.refresh_from_db()
    assert run.attempts == 2
    executions = list(StageExecution.objects.filter(run=run).order_by("attempt"))
    assert [(e.attempt, e.status, e.error_type) for e in executions] == [
        (1, "failed", "WorkerLost"),
        (2, "succeeded", ""),
    ]
    events = [(pid, event) for _, pid, event in _calls(calls)]
    assert [event for _, event in events] == ["start", "start", "done"]
    assert events[0][0] == str(first.pid) and events[2][0] == str(second.pid)


def test_sigterm_lets_the_run_in_flight_finish(fast_lane, tmp_path):
    (run,) = _runs(1, labels={"fake_analyze": "slow", "fake_sleep": "1"})
    calls = tmp_path / "calls.txt"
    worker = start_worker(process_env(FAKE_CALLS_FILE=str(calls)), tmp_path / "w.log")
    try:
        wait_until(lambda: _calls(calls), timeout=30, what="the stage to start")
        worker.send_signal(signal.SIGTERM)
        _runs(3)  # due after SIGTERM: must not be claimed
    finally:
        assert stop(worker, signal.SIGTERM) == 0
    run.refresh_from_db()
    assert run.status == "analyzed" and run.claimed_by == ""
    assert PipelineRun.objects.filter(status="pending").count() == 3


def test_sigkilled_mid_notify_run_completes_with_one_delivery(
    transactional_db, recording_server, tmp_path
):
    pytest.importorskip("vigil.notify.services")
    from vigil.notify.models import Delivery, NotificationChannel

    Lane.objects.all().delete()
    Lane.objects.create(name="notify", priority=1, stages=["notify"], channels=["hook"])
    NotificationChannel.objects.create(
        name="hook", driver="webhook", config={"url": f"{recording_server.url}/hook"}
    )
    # The first delivery hangs long enough to kill the worker in the middle of it.
    recording_server.reply(Reply(status=200, body="ok", delay=4))
    (run,) = _runs(1)
    env = process_env(SSRF_ALLOWED_HOSTS="127.0.0.1", NOTIFY_LEASE_SECONDS="10")

    first = start_worker(env, tmp_path / "first.log", "--no-scheduler")
    try:
        wait_until(lambda: recording_server.requests, timeout=30, what="the webhook request")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert PipelineRun.objects.get(pk=run.pk).status == "processing"

    second = start_worker(env, tmp_path / "second.log")
    try:
        wait_until(
            lambda: PipelineRun.objects.filter(pk=run.pk, status="notified").exists(),
            timeout=60,
            what="the run to be notified after the lease expired",
        )
    finally:
        assert stop(second) == 0

    deliveries = list(Delivery.objects.filter(run_id=str(run.run_id)))
    assert len(deliveries) == 1 and deliveries[0].status == "sent"
    # The request in flight when the worker died is sent again (at least once on the
    # wire): the row counts both attempts, and both carry the delivery's idempotency key,
    # so a receiver that deduplicates pages once.
    assert deliveries[0].attempts == 2
    assert len(recording_server.requests) == 2
    assert all(r.path == "/hook" for r in recording_server.requests)
    keys = {r.headers.get("Idempotency-Key") for r in recording_server.requests}
    assert keys == {deliveries[0].idempotency_key}
    print("\nkill -9 mid-send: runs 1, notified 1, deliveries 1 (attempts 2), "
          "requests on the wire 2 with one Idempotency-Key")  # fmt: skip


def _listening(database: str) -> int:
    """How many sessions LISTEN for new runs."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND query = %s",
            [database, f"LISTEN {RUNS_CHANNEL}"],
        )
        return cursor.fetchone()[0]


def test_an_idle_worker_wakes_at_once_when_another_process_creates_a_run(fast_lane, tmp_path):
    # A poll every 30 s: only the database's notification can start the run sooner.
    env = process_env(ORCHESTRATION_POLL_MS="30000")
    worker = start_worker(env, tmp_path / "w.log", "--no-scheduler")
    try:
        database = connection.settings_dict["NAME"]
        wait_until(lambda: _listening(database) == 1, timeout=30, what="the worker to LISTEN")
        time.sleep(0.5)  # past its first poll: idle, waiting
        (run,) = _runs(1)
        created = time.monotonic()
        wait_until(
            lambda: PipelineRun.objects.filter(pk=run.pk, status="analyzed").exists(),
            timeout=10,
            what="the run to be executed",
            interval=0.02,
        )
        assert time.monotonic() - created < 5
    finally:
        assert stop(worker) == 0
