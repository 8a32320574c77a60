"""Delivery: idempotency per (run, channel), retries on a schedule, rate limits, disabling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.notify.conftest import BOT_TOKEN
from tests.support.recording_server import Reply
from vigil.core.security.crypto import generate_key
from vigil.notify.drivers import DRIVERS, NotifyError, locmem
from vigil.notify.message import Notification
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.services import (
    backoff_seconds,
    notify_run,
    retry_due_deliveries,
    send_message,
)
from vigil.notify.services import (
    test_channel as run_channel_test,
)


def test_sends_once_per_run_and_channel(make_channel, message):
    make_channel("ops", config={"label": "ops"})
    [first] = notify_run(run_id="run-1", channel_names=["ops"], message=message)
    [again] = notify_run(run_id="run-1", channel_names=["ops"], message=message)
    assert (first.status, again.status) == ("sent", "already_sent")
    assert len(locmem.outbox) == 1
    assert Delivery.objects.get().idempotency_key == f"run-1:{NotificationChannel.objects.get().pk}"
    [other_run] = notify_run(run_id="run-2", channel_names=["ops"], message=message)
    assert other_run.status == "sent" and len(locmem.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_sends_once_per_run_and_channel_outside_a_transaction(make_channel, message):
    # As a worker calls it: autocommit, where the duplicate INSERT is its own transaction.
    make_channel("ops", config={"label": "ops"})
    [first] = notify_run(run_id="run-1", channel_names=["ops"], message=message)
    [again] = notify_run(run_id="run-1", channel_names=["ops"], message=message)
    assert (first.status, again.status) == ("sent", "already_sent")
    assert len(locmem.outbox) == 1 and Delivery.objects.count() == 1


def test_each_channel_gets_its_outcome(make_channel, message):
    make_channel("a", config={"label": "a"})
    make_channel("b", config={"fail": "permanent"})
    make_channel("c", active=False)
    outcomes = notify_run(
        run_id="r", channel_names=["a", "b", "c", "missing", "a"], message=message
    )
    assert [(o.channel, o.status) for o in outcomes] == [
        ("a", "sent"), ("b", "failed"), ("c", "held"), ("missing", "failed")]  # fmt: skip
    assert outcomes[1].error == "locmem: simulated permanent failure"
    assert outcomes[3].error == "no channel named 'missing'"
    assert [sent.channel_label for sent in locmem.outbox] == ["a"]


def test_transient_failure_is_rescheduled_not_slept(make_channel, message, settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 10
    channel = make_channel("flaky", config={"fail": "transient"})
    before = timezone.now()
    [outcome] = notify_run(run_id="r", channel_names=["flaky"], message=message)
    assert outcome.status == "retry"
    assert (
        before + timedelta(seconds=5) <= outcome.retry_at <= timezone.now() + timedelta(seconds=10)
    )
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("queued", 1)
    assert delivery.last_error == "locmem: simulated transient failure"
    channel.refresh_from_db()
    assert channel.last_error == "locmem: simulated transient failure"
    assert channel.consecutive_failures == 0 and channel.active

    # Resumed too early by the orchestrator: nothing is sent, the same time is answered.
    [early] = notify_run(run_id="r", channel_names=["flaky"], message=message)
    assert (early.status, early.retry_at, early.attempts) == ("retry", outcome.retry_at, 1)

    # The vendor recovers; at the scheduled time the run's resumption delivers it.
    channel.config = {"label": "flaky"}
    channel.save()
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    [later] = notify_run(run_id="r", channel_names=["flaky"], message=message)
    assert (later.status, later.attempts) == ("sent", 2)
    channel.refresh_from_db()
    assert channel.last_success_at is not None


def test_retry_after_is_honoured(make_channel, message):
    make_channel("slow", config={"fail": "transient", "retry_after": 900})
    [outcome] = notify_run(run_id="r", channel_names=["slow"], message=message)
    assert outcome.retry_at >= timezone.now() + timedelta(seconds=899)


def test_gives_up_after_max_attempts(make_channel, message, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 3
    make_channel("down", config={"fail": "transient"})
    statuses = []
    for _ in range(4):
        Delivery.objects.update(next_attempt_at=None)
        [outcome] = notify_run(run_id="r", channel_names=["down"], message=message)
        statuses.append(outcome.status)
    assert statuses == ["retry", "retry", "dead", "dead"]
    delivery = Delivery.objects.get()
    assert delivery.attempts == 3
    assert delivery.last_error == "gave up after 3 attempts: locmem: simulated transient failure"


def test_backoff_grows_with_jitter_and_a_ceiling(settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 10
    settings.NOTIFY_RETRY_MAX_SECONDS = 100
    for attempts, (low, high) in {1: (5, 10), 2: (10, 20), 3: (20, 40), 9: (50, 100)}.items():
        samples = {backoff_seconds(attempts) for _ in range(50)}
        assert all(low <= s <= high for s in samples), attempts
        assert len(samples) > 1  # jitter: retries of many deliveries do not align
    assert backoff_seconds(1, retry_after=500) == 500


def test_repeated_permanent_failures_disable_the_channel(make_channel, message, settings):
    settings.NOTIFY_DISABLE_AFTER = 3
    channel = make_channel("broken", config={"fail": "permanent"})
    for run in range(3):
        notify_run(run_id=f"r{run}", channel_names=["broken"], message=message)
    channel.refresh_from_db()
    assert not channel.active
    assert channel.consecutive_failures == 3
    assert channel.last_error == "locmem: simulated permanent failure"
    [outcome] = notify_run(run_id="r9", channel_names=["broken"], message=message)
    assert (outcome.status, outcome.error) == (
        "held", "channel 'broken' is disabled; the message is held and sent when it is enabled again")  # fmt: skip


def test_a_success_resets_the_failure_count(make_channel, message):
    channel = make_channel("x", config={"fail": "permanent"})
    notify_run(run_id="r1", channel_names=["x"], message=message)
    channel.config = {}
    channel.save()
    notify_run(run_id="r2", channel_names=["x"], message=message)
    channel.refresh_from_db()
    assert channel.consecutive_failures == 0 and channel.active


def test_a_burst_to_a_healthy_channel_marks_its_last_success_once_a_second(
    make_channel, message, settings
):
    settings.CONFIG_RELOAD_SECONDS = 0  # each run reads the row another process rewinds
    channel = make_channel("ops")
    notify_run(run_id="r1", channel_names=["ops"], message=message)
    channel.refresh_from_db()
    first = channel.last_success_at

    notify_run(run_id="r2", channel_names=["ops"], message=message)
    channel.refresh_from_db()
    assert channel.last_success_at == first  # not one write per message under a burst

    a_while_ago = timezone.now() - timedelta(seconds=2)
    NotificationChannel.objects.update(last_success_at=a_while_ago)
    notify_run(run_id="r3", channel_names=["ops"], message=message)
    channel.refresh_from_db()
    assert channel.last_success_at > a_while_ago
    assert len(locmem.outbox) == 3


def test_rate_limit_answers_with_a_retry_time(make_channel, message):
    make_channel("limited", min_interval_seconds=30)
    [first] = notify_run(run_id="r1", channel_names=["limited"], message=message)
    [second] = notify_run(run_id="r2", channel_names=["limited"], message=message)
    assert (first.status, second.status) == ("sent", "retry")
    assert second.error == "rate limited"
    assert (
        timezone.now() + timedelta(seconds=25)
        < second.retry_at
        <= timezone.now() + timedelta(seconds=30)
    )
    delivery = Delivery.objects.get(run_id="r2")
    assert (delivery.status, delivery.attempts) == ("queued", 0)  # not an attempt
    assert len(locmem.outbox) == 1


def test_telegram_rate_limit_is_per_chat_across_channels(recording_server, make_channel, message):
    recording_server.default = Reply(body={"ok": True, "result": {"message_id": 1}})
    config = {"bot_token": BOT_TOKEN, "chat_id": "-100", "api_base_url": recording_server.url}
    make_channel("tg-a", "telegram", config)
    make_channel("tg-b", "telegram", dict(config))
    make_channel("tg-other-chat", "telegram", {**config, "chat_id": "-200"})
    outcomes = notify_run(run_id="r", channel_names=["tg-a", "tg-b", "tg-other-chat"],
                          message=message)  # fmt: skip
    assert [o.status for o in outcomes] == ["sent", "retry", "sent"]
    assert outcomes[1].retry_at <= timezone.now() + timedelta(seconds=1)
    assert [r.json()["chat_id"] for r in recording_server.requests] == [-100, -200]


@pytest.mark.redis
def test_rate_limit_is_shared_through_redis(make_channel, message, settings):
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    make_channel("limited", min_interval_seconds=30)
    outcomes = [notify_run(run_id=f"r{i}", channel_names=["limited"], message=message)[0]
                for i in range(2)]  # fmt: skip
    assert [o.status for o in outcomes] == ["sent", "retry"]


def test_overrides_cannot_bring_templates(make_channel, message):
    make_channel("ops", config={"label": "saved"})
    overrides = {"ops": {"label": "from-run", "template": {"type": "inline", "source": "x"}}}
    [outcome] = notify_run(run_id="r", channel_names=["ops"], message=message, overrides=overrides)
    assert outcome.status == "sent"
    assert locmem.outbox[0].channel_label == "from-run"


def test_overrides_cannot_redirect_stored_credentials(recording_server, make_channel, message):
    recording_server.default = Reply(body={"ok": True, "result": {"message_id": 1}})
    make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100",
                                    "api_base_url": recording_server.url})  # fmt: skip
    overrides = {"tg": {"api_base_url": "https://attacker.example.com", "bot_token": "x",
                        "chat_id": "-666", "message_thread_id": 9}}  # fmt: skip
    [outcome] = notify_run(run_id="r", channel_names=["tg"], message=message, overrides=overrides)
    assert outcome.status == "sent"
    [request] = recording_server.requests
    assert request.path == f"/bot{BOT_TOKEN}/sendMessage"
    assert (request.json()["chat_id"], request.json()["message_thread_id"]) == (-100, 9)


def test_every_overridable_key_is_harmless():
    for slug, driver in DRIVERS.items():
        fields = driver.Config.model_fields
        assert driver.overridable <= set(fields), slug
        assert not driver.overridable & set(driver.Config.secret_fields()), slug
        for name in driver.overridable:
            assert not name.endswith(("url", "host", "template")) or name in (
                "icon_url", "avatar_url"), (slug, name)  # fmt: skip


def test_invalid_override_is_a_permanent_failure(make_channel, message):
    make_channel("ops")
    [outcome] = notify_run(run_id="r", channel_names=["ops"], message=message,
                           overrides={"ops": {"fail": "sometimes"}})  # fmt: skip
    assert outcome.status == "failed"
    assert outcome.error.startswith("invalid config: fail: Input should be")


def test_direct_sends_are_retried_by_the_scheduler(make_channel, message):
    channel = make_channel("flaky", config={"fail": "transient"})
    [outcome] = send_message(message, channel_names=["flaky"])
    assert outcome.status == "retry"
    assert retry_due_deliveries() == []  # not due yet
    channel.config = {}
    channel.save()
    [retried] = retry_due_deliveries(now=outcome.retry_at + timedelta(seconds=1))
    assert (retried.status, retried.attempts) == ("sent", 2)
    assert retry_due_deliveries(now=outcome.retry_at + timedelta(hours=1)) == []


def test_scheduler_leaves_run_deliveries_to_the_orchestrator(make_channel, message):
    make_channel("flaky", config={"fail": "transient"})
    [outcome] = notify_run(run_id="r", channel_names=["flaky"], message=message)
    assert retry_due_deliveries(now=outcome.retry_at + timedelta(hours=1)) == []


def test_driver_send_without_a_channel_keeps_its_config_encrypted(db, message):
    [outcome] = send_message(message, driver="locmem", config={"label": "adhoc"})
    assert outcome.status == "sent"
    delivery = Delivery.objects.get()
    assert delivery.config == {"label": "adhoc"}
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT config FROM notify_delivery WHERE id = %s", [delivery.pk])
        assert "adhoc" not in cursor.fetchone()[0]


def test_a_crashed_worker_lease_is_taken_over(make_channel, message):
    make_channel("ops")
    [outcome] = send_message(message, channel_names=["ops"])
    Delivery.objects.update(status="sending", attempts=0,
                            lease_expires_at=timezone.now() - timedelta(seconds=1))  # fmt: skip
    [retried] = retry_due_deliveries()
    assert retried.status == "sent"


def test_a_delivery_being_sent_elsewhere_is_not_sent_again(make_channel, message):
    make_channel("ops")
    lease = timezone.now() + timedelta(seconds=60)
    channel = NotificationChannel.objects.get()
    Delivery.objects.create(idempotency_key=f"r:{channel.pk}", run_id="r", channel=channel,
                            driver="locmem", message=message.to_dict(), status="sending",
                            lease_expires_at=lease)  # fmt: skip
    [outcome] = notify_run(run_id="r", channel_names=["ops"], message=message)
    assert (outcome.status, outcome.retry_at) == ("retry", lease)
    assert locmem.outbox == []


def test_channel_test_reports_the_exact_error(make_channel):
    channel = make_channel("t", config={"fail": "permanent"})
    outcome = run_channel_test(channel)
    assert (outcome.status, outcome.error) == ("failed", "locmem: simulated permanent failure")
    channel.config = {}
    outcome = run_channel_test(channel)
    assert outcome.status == "sent"
    assert locmem.outbox[0].message.title == "Test notification from Vigil to 't'"


def test_notification_from_incident():
    snapshot = {
        "id": 7, "title": "CPU high", "status": "acknowledged", "severity": "critical",
        "source": "alertmanager", "environment": "prod", "flapping": False, "labels": {},
        "alerts": [{"name": "HighCPU", "description": "cpu > 90% for 5m"}],
    }  # fmt: skip
    analysis = {
        "summary": "a runaway process",
        "recommendations": [
            {"title": "restart worker", "detail": "…", "priority": "high", "commands": []},
            {"title": "add CPU", "detail": "", "priority": "low", "commands": []},
        ],
    }
    checks = [{"name": "cpu", "status": "critical", "message": "97%"}]
    message = Notification.from_incident(snapshot, analysis, checks)
    assert message.title == "CPU high"
    assert message.status == "acknowledged" and message.severity == "critical"
    assert message.dedup_key == "vigil-incident-7"
    assert message.text == (
        "HighCPU: cpu > 90% for 5m\nFound: cpu critical: 97%\nRecommended: restart worker; add CPU"
    )
    assert message.analysis_summary == "a runaway process"
    assert message.fields == {"source": "alertmanager", "environment": "prod"}
    resolved = Notification.from_incident({**snapshot, "status": "closed"}, None, None)
    assert resolved.status == "resolved" and resolved.dedup_key == "vigil-incident-7"


def test_undecryptable_channels_are_a_permanent_stage_error(make_channel, message, settings):
    make_channel("ops")
    settings.VIGIL_ENCRYPTION_KEYS = [generate_key()]
    with pytest.raises(NotifyError, match="channel config: cannot decrypt") as info:
        notify_run(run_id="r", channel_names=["ops"], message=message)
    assert info.value.permanent


def test_locmem_outbox_is_bounded(db, message, monkeypatch):
    monkeypatch.setattr(locmem, "MAX_OUTBOX", 3)
    for index in range(5):
        send_message(Notification(title=f"m{index}"), driver="locmem", config={})
    assert [sent.message.title for sent in locmem.outbox] == ["m2", "m3", "m4"]


def test_incident_links_use_the_configured_base(settings):
    settings.NOTIFY_LINK_BASE_URL = "https://vigil.example.com/"
    message = Notification.from_incident({"id": 5, "title": "x"})
    assert message.url == "https://vigil.example.com/admin/alerts/incident/5/change/"
    settings.NOTIFY_LINK_BASE_URL = ""
    assert Notification.from_incident({"id": 5, "title": "x"}).url == ""


def test_runs_reuse_the_channels_they_read_until_a_change_here_or_the_interval(
    make_channel, message, settings, config_clock
):
    settings.CONFIG_RELOAD_SECONDS = 60
    channel = make_channel("ops")
    notify_run(run_id="r1", channel_names=["ops"], message=message)

    # Disabled by another process (no signal here): whether a channel is active is read
    # for every send, so it applies at once, interval or not.
    NotificationChannel.objects.filter(pk=channel.pk).update(active=False)
    assert notify_run(run_id="r2", channel_names=["ops"], message=message)[0].status == "held"

    # Saved in this process: applies at once.
    channel.refresh_from_db()
    channel.save()
    assert notify_run(run_id="r3", channel_names=["ops"], message=message)[0].status == "held"
    assert len(locmem.outbox) == 1

    # Enabled by another process: read at every send too, so it applies at once.
    NotificationChannel.objects.filter(pk=channel.pk).update(active=True)
    assert notify_run(run_id="r3b", channel_names=["ops"], message=message)[0].status == "sent"
    NotificationChannel.objects.filter(pk=channel.pk).update(active=False)

    settings.CONFIG_RELOAD_SECONDS = 0
    NotificationChannel.objects.filter(pk=channel.pk).update(active=True)
    assert notify_run(run_id="r4", channel_names=["ops"], message=message)[0].status == "sent"
