"""Group commit: concurrent ingest calls in one process share a transaction, and each
caller still gets exactly its own outcome (vigil/alerts/group_commit.py)."""

import logging
import threading
import time

import pytest
from django.db import DataError, connection, transaction

from tests.alerts.conftest import event
from vigil.alerts import services
from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import Alert, AlertHistory, Incident
from vigil.alerts.services import IngestResult, ingest_events
from vigil.orchestration.models import PipelineRun


def wait_for(condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


class Callers:
    """Each caller in its own thread, as the server's request threads are."""

    def __init__(self):
        self.outcomes: dict[str, object] = {}
        self.threads: list[threading.Thread] = []

    def send(self, name: str, events: list[AlertEvent]) -> None:
        def run():
            try:
                self.outcomes[name] = ingest_events("generic", events, trace_id=name)
            except Exception as exc:
                self.outcomes[name] = exc
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=30)


def queued() -> int:
    return len(services._GROUP_COMMIT._queue)


def writers_waiting(cursor) -> int:
    """Transactions waiting for the table lock this test holds."""
    cursor.execute(
        "SELECT count(*) FROM pg_locks WHERE relation = 'alerts_alert'::regclass AND NOT granted"
    )
    return cursor.fetchone()[0]


def send_behind_a_locked_table(callers: Callers, submissions: list[tuple[str, list]]) -> None:
    """The first callers (one per batch that may be in flight) start writing and wait on
    a table lock held here; the others queue behind them, in order; releasing the lock
    lets everything go."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE alerts_alert IN EXCLUSIVE MODE")

        for n in range(1, services._GROUP_COMMIT.writers() + 1):
            callers.send(f"writer-{n}", [event(f"writer-{n}")])
            wait_for(lambda n=n: writers_waiting(cursor) == n, "a writer to wait for the lock")
        for position, (name, events) in enumerate(submissions, start=1):
            callers.send(name, events)
            wait_for(lambda n=position: queued() == n, f"{name} to queue")
    callers.join()


@pytest.fixture(params=[1, 2])
def writers(request, settings, caplog) -> int:
    """Batches in flight per process, with the group-commit log captured."""
    settings.ALERTS_GROUP_COMMIT_WRITERS = request.param
    caplog.set_level(logging.DEBUG, logger="vigil.alerts.group_commit")
    return request.param


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_requests_that_queue_behind_a_writer_commit_in_one_transaction(caplog, writers):
    callers = Callers()
    send_behind_a_locked_table(
        callers,
        [("one", [event("a1")]), ("two", [event("a2"), event("a3")]), ("three", [event("a4")])],
    )

    if writers == 1:
        # With two writers, the batches depend on which writer finishes first.
        assert "group commit: 3 requests, 4 events in one transaction" in caplog.messages
    assert all(isinstance(outcome, IngestResult) for outcome in callers.outcomes.values())
    # Each caller gets its own incidents and runs, not the batch's.
    for name, fingerprints in {"one": ["a1"], "two": ["a2", "a3"], "three": ["a4"]}.items():
        result = callers.outcomes[name]
        alerts = Alert.objects.filter(fingerprint__in=fingerprints)
        assert sorted(result.incident_ids) == sorted(a.incident_id for a in alerts)
        runs = PipelineRun.objects.filter(run_id__in=result.run_ids)
        assert sorted(r.incident_id for r in runs) == sorted(result.incident_ids)
        assert {r.trace_id for r in runs} == {name}
        assert result.alerts_created == len(fingerprints)
    assert Incident.objects.count() == PipelineRun.objects.count() == 4 + writers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_calls_for_the_same_alert_go_in_order_in_separate_transactions(caplog, writers):
    callers = Callers()
    send_behind_a_locked_table(
        callers,
        [
            ("fires", [event("b")]),
            ("resolves", [event("b", status="resolved")]),
            ("other", [event("c")]),
        ],
    )

    if writers == 1:
        # "resolves" conflicts with "fires": it waits for the next batch.
        assert "group commit: 2 requests, 2 events in one transaction" in caplog.messages
    alert = Alert.objects.get(fingerprint="b")
    assert alert.status == "resolved"
    assert list(alert.history.order_by("id").values_list("event", flat=True)) == [
        "created",
        "resolved",
    ]
    assert alert.incident.status == "resolved"
    assert callers.outcomes["resolves"].alerts_updated == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_failing_call_does_not_fail_the_others_in_its_batch(caplog):
    caplog.set_level(logging.INFO, logger="vigil.alerts.group_commit")
    callers = Callers()
    send_behind_a_locked_table(
        callers,
        [
            ("good", [event("d1")]),
            # PostgreSQL text cannot hold NUL: this call's write fails.
            ("bad", [event("d2", description="nul \x00 byte")]),
            ("also-good", [event("d3")]),
        ],
    )

    assert any("group commit of 3 requests failed" in m for m in caplog.messages)
    assert isinstance(callers.outcomes["bad"], DataError)
    assert isinstance(callers.outcomes["good"], IngestResult)
    assert isinstance(callers.outcomes["also-good"], IngestResult)
    assert sorted(
        Alert.objects.exclude(fingerprint__startswith="writer-").values_list(
            "fingerprint", flat=True
        )
    ) == ["d1", "d3"]
    assert not AlertHistory.objects.filter(alert__fingerprint="d2").exists()


@pytest.mark.django_db(transaction=True)
def test_many_concurrent_callers_each_get_their_own_committed_result():
    callers = Callers()
    for i in range(16):
        callers.send(f"c{i}", [event(f"e{i}-1"), event(f"e{i}-2"), event("shared")])
    callers.join()

    for i in range(16):
        result = callers.outcomes[f"c{i}"]
        assert isinstance(result, IngestResult), result
        own = Alert.objects.filter(fingerprint__in=[f"e{i}-1", f"e{i}-2", "shared"])
        assert sorted(result.incident_ids) == sorted({a.incident_id for a in own})
    assert Alert.objects.get(fingerprint="shared").duplicate_count == 15
    assert Alert.objects.count() == 33
    assert Incident.objects.count() == 33


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_call_left_for_a_later_batch_keeps_its_place_in_line(settings):
    settings.ALERTS_GROUP_COMMIT_MAX_EVENTS = 2
    callers = Callers()
    send_behind_a_locked_table(
        callers,
        [
            ("small", [event("p")]),
            ("big", [event("x"), event("y")]),  # does not fit beside "small"
            ("late", [event("x", status="resolved")]),  # must not overtake "big"
        ],
    )

    alert = Alert.objects.get(fingerprint="x")
    assert alert.status == "resolved"
    assert list(alert.history.order_by("id").values_list("event", flat=True)) == [
        "created",
        "resolved",
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_free_writer_does_not_let_a_call_overtake_an_earlier_one_for_its_alert(settings):
    settings.ALERTS_GROUP_COMMIT_WRITERS = 2
    callers = Callers()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE alerts_alert IN EXCLUSIVE MODE")

        callers.send("first", [event("k")])
        wait_for(lambda: writers_waiting(cursor) == 1, "the first batch to wait for the lock")
        # Waits for "first" (alert k); it also fires j.
        callers.send("second", [event("k", severity="critical"), event("j")])
        wait_for(lambda: queued() == 1, "second to queue")
        # A writer is free, but this call for j must wait for "second".
        callers.send("third", [event("j", status="resolved")])
        wait_for(lambda: queued() + writers_waiting(cursor) == 3, "third to queue or start")
    callers.join()

    alert = Alert.objects.get(fingerprint="j")
    assert list(alert.history.order_by("id").values_list("event", flat=True)) == [
        "created",
        "resolved",
    ]
    assert alert.status == "resolved"
