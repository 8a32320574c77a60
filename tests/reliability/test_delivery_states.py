"""Delivery states that tell the truth: an attempt is recorded before it is sent, every
attempt of one delivery carries the same idempotency key, a disabled channel holds its
messages instead of calling the run notified, and a delivery has one retry budget."""

import threading
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.support.recording_server import RecordingServer, Reply
from vigil.alerts.models import Incident
from vigil.notify.message import Notification
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.services import notify_run, retry_due_deliveries
from vigil.orchestration.models import Lane, PipelineRun
from vigil.orchestration.orchestrator import execute_claimed
from vigil.orchestration.queue import claim_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    server = RecordingServer().start()
    yield server
    server.stop()


@pytest.fixture
def hook(receiver):
    return NotificationChannel.objects.create(
        name="hook", driver="webhook", config={"url": f"{receiver.url}/hook"}
    )


@pytest.fixture
def paging_run(hook):
    Lane.objects.all().delete()
    Lane.objects.create(name="page", priority=1, stages=["notify"], channels=["hook"])
    incident = Incident.objects.create(title="disk full", source="t", group_key=uuid.uuid4().hex)
    return PipelineRun.objects.create(incident=incident, origin="webhook")


def _execute(run: PipelineRun) -> PipelineRun:
    """One attempt of the run, as a worker makes it once the run is due."""
    PipelineRun.objects.filter(pk=run.pk).update(not_before=None)
    assert claim_run(run.pk, "w")
    return execute_claimed(run.pk, "w")


MESSAGE = Notification(title="Disk full on db-1", severity="critical", incident_id=7)


@pytest.mark.django_db(transaction=True)
def test_an_attempt_is_recorded_before_the_message_is_sent(hook, receiver):
    receiver.reply(Reply(status=200, delay=1))
    seen = {}

    def look_while_sending():
        while not receiver.requests:
            threading.Event().wait(0.01)
        delivery = Delivery.objects.get()
        seen["during"] = (delivery.status, delivery.attempts)

    looker = threading.Thread(target=look_while_sending)
    looker.start()
    [outcome] = notify_run(run_id="r1", channel_names=["hook"], message=MESSAGE)
    looker.join(5)
    # A worker killed now would leave a row that says one attempt was made.
    assert seen["during"] == ("sending", 1)
    assert (outcome.status, outcome.attempts) == ("sent", 1)


def test_a_repeat_carries_the_same_idempotency_key_and_counts(hook, receiver):
    notify_run(run_id="r1", channel_names=["hook"], message=MESSAGE)
    # The worker died after the POST, before the "sent" mark: its lease expires.
    Delivery.objects.update(
        status="sending", lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    [again] = notify_run(run_id="r1", channel_names=["hook"], message=MESSAGE)
    assert (again.status, again.attempts) == ("sent", 2)
    keys = [request.headers.get("Idempotency-Key") for request in receiver.requests]
    assert keys == [f"r1:{hook.pk}"] * 2
    notify_run(run_id="r2", channel_names=["hook"], message=MESSAGE)
    assert receiver.requests[-1].headers["Idempotency-Key"] == f"r2:{hook.pk}"


def test_a_run_whose_channel_is_disabled_is_not_notified_and_its_message_waits(
    paging_run, hook, receiver
):
    hook.active = False
    hook.save()
    run = _execute(paging_run)
    assert run.status == "failed"
    assert "channel 'hook' is disabled; the message is held" in run.last_error_message
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("queued", 0)
    assert retry_due_deliveries() == []  # still disabled

    hook.active = True
    hook.save()
    [sent] = retry_due_deliveries()
    assert (sent.status, sent.attempts) == ("sent", 1)
    assert len(receiver.requests) == 1
    assert retry_due_deliveries() == []


def test_held_messages_expire_visibly(hook, settings):
    settings.NOTIFY_HOLD_HOURS = 1
    hook.active = False
    hook.save()
    [held] = notify_run(run_id="r1", channel_names=["hook"], message=MESSAGE)
    assert held.status == "held"
    Delivery.objects.update(created_at=timezone.now() - timedelta(hours=2))
    retry_due_deliveries()
    delivery = Delivery.objects.get()
    assert delivery.status == "dead"
    assert delivery.last_error.startswith("expired: held for more than 1 h")


def test_a_receiver_down_longer_than_the_run_budget_is_delivered_to_when_it_returns(
    paging_run, receiver, settings
):
    settings.ORCHESTRATION_MAX_ATTEMPTS = 3
    settings.NOTIFY_MAX_ATTEMPTS = 8
    receiver.reply(*[Reply(status=503, body="down")] * 6)
    run = paging_run
    for _ in range(6):  # twice the run's own budget: every attempt waits on the delivery
        run = _execute(run)
        assert run.status == "retrying", run.last_error_message
        Delivery.objects.update(next_attempt_at=timezone.now())
    run = _execute(run)
    assert run.status == "notified"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 7)
    assert len(receiver.requests) == 7


def test_past_its_budget_a_delivery_is_dead_and_the_run_failed(paging_run, receiver, settings):
    settings.ORCHESTRATION_MAX_ATTEMPTS = 2  # the delivery's budget decides, not the run's
    settings.NOTIFY_MAX_ATTEMPTS = 3
    receiver.default = Reply(status=503, body="down")
    run = paging_run
    for _ in range(3):
        run = _execute(run)
        Delivery.objects.update(next_attempt_at=timezone.now())
    assert run.status == "failed"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("dead", 3)
    assert "gave up after 3 attempts" in delivery.last_error
    assert len(receiver.requests) == 3


@pytest.mark.postgres  # threads writing at once: SQLite's shared-cache test database refuses
@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_disable_a_channel_at_exactly_the_limit(
    hook, receiver, settings, caplog
):
    settings.NOTIFY_DISABLE_AFTER = 3
    receiver.default = Reply(status=400, body="bad request", delay=0.05)  # permanent
    threads, rounds = 8, 3
    start = threading.Barrier(threads)

    def notify(n: int) -> None:
        try:
            start.wait()
            for r in range(rounds):
                notify_run(run_id=f"t{n}-{r}", channel_names=["hook"], message=MESSAGE)
        finally:
            connection.close()

    workers = [threading.Thread(target=notify, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)

    hook.refresh_from_db()
    assert (hook.active, hook.consecutive_failures) == (False, 3)
    assert caplog.text.count("channel hook disabled after 3 permanent failures") == 1
    statuses = Counter(Delivery.objects.values_list("status", "attempts"))
    # Every request the receiver got is a failed delivery; no send started once the
    # third failure had disabled the channel: the others wait, held, never attempted.
    assert statuses[("failed", 1)] == len(receiver.requests)
    assert statuses[("queued", 0)] == threads * rounds - len(receiver.requests)
    # Sends already in flight when the limit was reached still arrived (one per thread
    # at most), and were not counted.
    assert 3 <= len(receiver.requests) <= 3 + threads - 1, len(receiver.requests)
