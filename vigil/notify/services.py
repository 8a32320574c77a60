"""NOTIFY: one Delivery per (run, channel), sent at most once, retried on a schedule.

Every entry point (the orchestrator's notify_run, the API, the admin's test button,
`vigil test_notify`, the scheduler's retry_due_deliveries) goes through attempt(),
which claims the row, honours the rate limit, sends, and records the outcome.
"""

import logging
import time
import uuid
from collections.abc import Mapping
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from vigil.core import fastsql, retry
from vigil.core.config_cache import ConfigCache
from vigil.core.logging import log_context
from vigil.core.overrides import allowed_overrides
from vigil.core.security.crypto import DecryptionError
from vigil.notify import throttle
from vigil.notify.drivers import ConfigError, Driver, NotifyError, get_driver
from vigil.notify.message import DeliveryOutcome, Notification
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.templating import strip_template_keys

logger = logging.getLogger(__name__)
Status = Delivery.Status
SENT_FIELDS = [
    "status", "sent_at", "attempts", "external_id", "lease_expires_at", "next_attempt_at",
    "updated_at",
]  # fmt: skip
HELD = "channel {name!r} is disabled; the message is held and sent when it is enabled again"
# How stale a healthy channel's last_success_at may get (see _record_channel_success).
SUCCESS_MARK_EVERY = timedelta(seconds=1)
# The channels runs notify, read at most once per CONFIG_RELOAD_SECONDS per process
# instead of for every run (a query and a decryption of each config). Saving or deleting
# a channel in this process, a send that fails, and a vendor's config update forget them.
_run_channels = ConfigCache("notification channels", watch=NotificationChannel)

__all__ = [
    "DeliveryOutcome",
    "Notification",
    "notify_run",
    "retry_due_deliveries",
    "send_message",
    "test_channel",
]


def backoff_seconds(attempts: int, retry_after: float | None = None) -> float:
    return retry.backoff_seconds(
        attempts,
        base=settings.NOTIFY_RETRY_BASE_SECONDS,
        ceiling=settings.NOTIFY_RETRY_MAX_SECONDS,
        retry_after=retry_after,
    )


def notify_run(
    *,
    run_id: str,
    channel_names: list[str],
    message: Notification,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[DeliveryOutcome]:
    """The NOTIFY stage. `overrides` (channel name → config keys) come from callers and
    lanes: keys that choose a template are dropped, and only the keys a
    driver declares `overridable` (never a secret, URL or host) are applied."""
    run_id = str(run_id)
    names = list(dict.fromkeys(channel_names))
    channels = _channels_for_runs(names)
    outcomes = []
    with log_context(run_id=run_id):
        for name in names:
            channel = channels.get(name)
            if channel is None:
                outcomes.append(DeliveryOutcome(name, "failed", error=f"no channel named {name!r}"))
                continue
            delivery, claimed = _run_delivery(run_id, channel, message)
            extra = strip_template_keys((overrides or {}).get(name) or {})
            outcomes.append(attempt(delivery, overrides=extra, claimed=claimed))
    return outcomes


def _run_delivery(
    run_id: str, channel: NotificationChannel, message: Notification
) -> tuple[Delivery, bool]:
    """The run's Delivery to `channel`. A new one is created already claimed by this
    worker (nobody else can hold a row that did not exist); an existing one (a resumed
    or retried run) is returned as it is, for attempt() to claim or report."""
    now = timezone.now()
    # Inside a caller's transaction a savepoint keeps a duplicate from breaking it; in
    # autocommit the INSERT is its own transaction (no BEGIN and COMMIT round trips).
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            delivery = Delivery(
                idempotency_key=f"{run_id}:{channel.pk}", run_id=run_id, channel=channel,
                channel_name=channel.name, driver=channel.driver, message=message.to_dict(),
                status=Status.SENDING, lease_expires_at=now + _lease(), attempts=1,
            )  # fmt: skip
            fastsql.insert(delivery)  # every run: no SQL compile per delivery
        return delivery, True
    except IntegrityError:  # the run's row exists: the unique key decides, not a SELECT first
        return Delivery.objects.get(idempotency_key=f"{run_id}:{channel.pk}"), False


def send_message(
    message: Notification,
    *,
    channel_names: list[str] | None = None,
    driver: str | None = None,
    config: Mapping[str, Any] | None = None,
) -> list[DeliveryOutcome]:
    """A send not tied to a run (API): to saved channels, or to a driver with a config."""
    batch = uuid.uuid4().hex
    outcomes = []
    if driver is not None:
        delivery = Delivery.objects.create(
            idempotency_key=f"api:{batch}:0", driver=driver, channel_name=f"({driver})",
            config=dict(config or {}), message=message.to_dict(),
        )  # fmt: skip
        return [attempt(delivery)]
    channels = _load_channels(channel_names or [])
    for index, name in enumerate(dict.fromkeys(channel_names or [])):
        channel = channels.get(name)
        if channel is None:
            outcomes.append(DeliveryOutcome(name, "failed", error=f"no channel named {name!r}"))
            continue
        delivery = Delivery.objects.create(
            idempotency_key=f"api:{batch}:{index}", channel=channel, channel_name=name,
            driver=channel.driver, message=message.to_dict(),
        )  # fmt: skip
        outcomes.append(attempt(delivery))
    return outcomes


def retry_due_deliveries(now: datetime | None = None, limit: int = 100) -> list[DeliveryOutcome]:
    """For the worker's scheduler: deliveries not tied to a run whose retry time came,
    and deliveries of any run held while their channel was disabled, once it is enabled
    again (those held longer than NOTIFY_HOLD_HOURS are expired: dead). Other
    deliveries of a run are retried by rescheduling the run."""
    now = now or timezone.now()
    _expire_held(now)
    due = Delivery.objects.filter(
        Q(run_id="", status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(run_id="", status=Status.SENDING, lease_expires_at__lt=now)
        | Q(status=Status.QUEUED, next_attempt_at__isnull=True, channel__active=True)
    )
    return [attempt(d, now=now) for d in due.order_by("created_at")[:limit]]


def _expire_held(now: datetime) -> int:
    hours = float(settings.NOTIFY_HOLD_HOURS)
    expired = Delivery.objects.filter(
        status=Status.QUEUED, next_attempt_at__isnull=True,
        created_at__lt=now - timedelta(hours=hours),
    ).update(
        status=Status.DEAD, updated_at=now,
        last_error=f"expired: held for more than {hours:g} h while its channel was disabled",
    )  # fmt: skip
    if expired:
        logger.warning("%d held delivery(ies) expired: their channel stayed disabled", expired)
    return expired


def test_channel(
    channel: NotificationChannel, message: Notification | None = None
) -> DeliveryOutcome:
    """One immediate attempt with no retry and no rate limit: the answer is for a person."""
    message = message or Notification(
        title=f"Test notification from Vigil to {channel.name!r}",
        text="If you can read this, the channel works.",
        severity="info",
        fields={"channel": channel.name, "driver": channel.driver},
    )
    started = time.monotonic()
    try:
        result = _driver_for(channel.driver, channel.config).send(message)
    except (NotifyError, ConfigError) as exc:
        _record_channel_error(channel, str(exc), permanent=False)
        return DeliveryOutcome(channel.name, "failed", error=str(exc), attempts=1)
    _record_channel_success(channel, result.config_updates)
    logger.info("test message to channel %s sent in %.0f ms", channel.name,
                (time.monotonic() - started) * 1000)  # fmt: skip
    return DeliveryOutcome(channel.name, "sent", attempts=1)


def forget_channels() -> None:
    _run_channels.forget()


def _channels_for_runs(names: list[str]) -> dict[str, NotificationChannel]:
    # Each run gets its own copies: its sends record the channel's health on them.
    reload = float(settings.CONFIG_RELOAD_SECONDS)
    return _run_channels.get(tuple(names), reload, lambda: _load_channels(names))


def _load_channels(names: list[str]) -> dict[str, NotificationChannel]:
    try:
        return {c.name: c for c in NotificationChannel.objects.filter(name__in=names)}
    except DecryptionError as exc:
        # A deployment problem (a key removed or SECRET_KEY changed), not a vendor's:
        # the message says how to fix it; retrying will not help until then.
        raise NotifyError(f"channel config: {exc}", permanent=True) from None


def _allowed_overrides(slug: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    try:
        allowed = get_driver(slug).overridable
    except ConfigError:
        return {}
    kept, refused = allowed_overrides(overrides, allowed)
    if refused:
        logger.warning("ignored config overrides for a %s channel: %s (allowed: %s)",
                       slug, ", ".join(refused), ", ".join(sorted(allowed)) or "none")  # fmt: skip
    return kept


def _driver_for(slug: str, config: Mapping[str, Any]) -> Driver:
    return get_driver(slug).from_config(config)


def _lease() -> timedelta:
    return timedelta(seconds=float(settings.NOTIFY_LEASE_SECONDS))


def attempt(
    delivery: Delivery,
    *,
    now: datetime | None = None,
    overrides: Mapping[str, Any] | None = None,
    claimed: bool = False,
) -> DeliveryOutcome:
    """Claim, rate-limit, send and record one delivery. `claimed`: the caller created the
    row already claimed (SENDING under a fresh lease), so there is nothing to claim."""
    now = now or timezone.now()
    label = delivery.channel_name or delivery.driver
    if not claimed:
        done = _settled_outcome(delivery, label, now)
        if done is not None:
            return done
        took = (
            Delivery.objects.filter(pk=delivery.pk)
            .filter(Q(status=Status.QUEUED) | Q(status=Status.SENDING, lease_expires_at__lt=now))
            .update(status=Status.SENDING, lease_expires_at=now + _lease(), updated_at=now,
                    attempts=F("attempts") + 1)  # counted before sending: see _send
        )  # fmt: skip
        delivery.refresh_from_db()
        if not took:  # another worker has it, or finished it a moment ago
            return _settled_outcome(delivery, label, now) or _outcome(
                delivery, label, "retry", retry_at=delivery.lease_expires_at
            )
    channel = delivery.channel
    if delivery.run_id or delivery.config is None:
        if channel is None:
            return _finish(
                delivery, label, NotifyError("the channel was deleted", permanent=True), now
            )
        # Read now, not from the channels this process keeps for CONFIG_RELOAD_SECONDS:
        # another worker may have disabled it a moment ago, and a disabled channel
        # receives nothing more (one primary-key lookup per send).
        if not NotificationChannel.objects.filter(pk=channel.pk, active=True).exists():
            # Held, not dropped: retry_due_deliveries sends it once the channel is
            # enabled again, or expires it after NOTIFY_HOLD_HOURS.
            _release(delivery, None)
            return _outcome(delivery, label, "held", error=HELD.format(name=channel.name))
        config = {**channel.config, **_allowed_overrides(delivery.driver, overrides or {})}
    else:
        config = delivery.config
    try:
        driver = _driver_for(delivery.driver, config)
        message = Notification.from_dict(delivery.message)
    except (ConfigError, ValueError) as exc:
        return _finish(delivery, label, NotifyError(f"invalid config: {exc}", permanent=True), now)
    interval = max(driver.min_interval, channel.min_interval_seconds if channel else 0.0)
    key = driver.rate_key() or f"channel:{channel.pk if channel else delivery.pk}"
    free_at = throttle.reserve(key, interval, now.timestamp(), holder=str(delivery.pk))
    if free_at is not None:
        # A slot is booked for this delivery: waiting for it is not a failed attempt.
        retry_at = datetime.fromtimestamp(free_at, tz=now.tzinfo)
        _release(delivery, retry_at)
        return _outcome(delivery, label, "retry", error="rate limited", retry_at=retry_at,
                        rate_limited=True)  # fmt: skip
    return _send(delivery, label, driver, message, now)


def _send(delivery: Delivery, label: str, driver: Driver, message: Notification, now: datetime):
    # The attempt was counted when the delivery was claimed, before this send: a worker
    # that dies (or a database that fails) between the send and its "sent" mark leaves
    # a row that says an attempt happened, and the next one repeats it under the same
    # idempotency key, which receivers that deduplicate use (docs/notify.md).
    driver.idempotency_key = delivery.idempotency_key
    started = time.monotonic()
    with log_context(run_id=delivery.run_id or None):
        try:
            result = driver.send(message)
        except NotifyError as exc:
            outcome = _finish(delivery, label, exc, now)
        except Exception:
            # A driver bug: logged (redacted) for us, retried like a transient error.
            logger.exception("driver %s raised unexpectedly", delivery.driver)
            error = NotifyError(f"internal error in the {delivery.driver} driver (see logs)",
                                permanent=False)  # fmt: skip
            outcome = _finish(delivery, label, error, now)
        else:
            delivery.status, delivery.sent_at = Status.SENT, timezone.now()
            delivery.external_id = result.external_id[:255]
            delivery.lease_expires_at = delivery.next_attempt_at = None
            fastsql.update(delivery, SENT_FIELDS)
            if delivery.channel:
                _record_channel_success(delivery.channel, result.config_updates)
            outcome = _outcome(delivery, label, "sent")
        logger.info("delivery %s to %s: %s after %d attempt(s) in %.0f ms%s",
                    delivery.idempotency_key, label, outcome.status, delivery.attempts,
                    (time.monotonic() - started) * 1000,
                    f": {outcome.error}" if outcome.error else "")  # fmt: skip
    return outcome


def _finish(delivery: Delivery, label: str, exc: NotifyError, now: datetime) -> DeliveryOutcome:
    delivery.last_error = str(exc)[:2000]
    delivery.lease_expires_at = None
    max_attempts = int(settings.NOTIFY_MAX_ATTEMPTS)
    if exc.permanent:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None
    elif delivery.attempts >= max_attempts:
        delivery.status, delivery.next_attempt_at = Status.DEAD, None
        delivery.last_error = f"gave up after {delivery.attempts} attempts: {delivery.last_error}"
    else:
        delivery.status = Status.QUEUED
        delay = backoff_seconds(delivery.attempts, exc.retry_after)
        delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.save()
    if delivery.channel:
        _record_channel_error(delivery.channel, delivery.last_error, permanent=exc.permanent)
    status = {Status.FAILED: "failed", Status.DEAD: "dead"}.get(delivery.status, "retry")
    return _outcome(delivery, label, status, error=delivery.last_error,
                    retry_at=delivery.next_attempt_at)  # fmt: skip


def _release(delivery: Delivery, retry_at: datetime | None) -> None:
    """Give the claim back unsent (a rate-limit slot is taken, the channel is disabled):
    the attempt it counted did not happen."""
    delivery.status, delivery.lease_expires_at = Status.QUEUED, None
    delivery.next_attempt_at = retry_at
    delivery.attempts = max(delivery.attempts - 1, 0)
    delivery.save(
        update_fields=["status", "lease_expires_at", "next_attempt_at", "attempts", "updated_at"]
    )


def _settled_outcome(delivery: Delivery, label: str, now: datetime) -> DeliveryOutcome | None:
    if delivery.status == Status.SENT:
        return _outcome(delivery, label, "already_sent")
    if delivery.status in (Status.FAILED, Status.DEAD):
        return _outcome(delivery, label, str(delivery.status), error=delivery.last_error)
    if (
        delivery.status == Status.QUEUED
        and delivery.next_attempt_at
        and delivery.next_attempt_at > now
    ):
        return _outcome(delivery, label, "retry", error=delivery.last_error,
                        retry_at=delivery.next_attempt_at)  # fmt: skip
    return None


def _outcome(delivery: Delivery, label: str, status: str, **kwargs: Any) -> DeliveryOutcome:
    return DeliveryOutcome(label, status, delivery_id=delivery.pk, attempts=delivery.attempts,
                           **kwargs)  # fmt: skip


def _record_channel_success(
    channel: NotificationChannel, config_updates: Mapping[str, Any]
) -> None:
    now = timezone.now()
    # Under a burst every send would update the channel's one row, and the senders would
    # queue on its lock: a healthy channel's last success is refreshed at most every
    # SUCCESS_MARK_EVERY (the row was read when this delivery started).
    healthy = not channel.consecutive_failures and channel.last_success_at is not None
    if healthy and not config_updates and now - channel.last_success_at < SUCCESS_MARK_EVERY:
        return
    fields = {"last_success_at": now, "consecutive_failures": 0}
    NotificationChannel.objects.filter(pk=channel.pk).update(**fields)
    channel.last_success_at, channel.consecutive_failures = now, 0
    if config_updates:
        forget_channels()
        # Read-modify-write of the encrypted config: it cannot be updated in SQL.
        fresh = NotificationChannel.objects.get(pk=channel.pk)
        fresh.config = {**fresh.config, **config_updates}
        fresh.save(update_fields=["config", "updated_at"])
        channel.config = fresh.config
        logger.warning("channel %s: config updated by the vendor (%s)", channel.name,
                       ", ".join(sorted(config_updates)))  # fmt: skip


def _record_channel_error(channel: NotificationChannel, error: str, *, permanent: bool) -> None:
    noted = {"last_error": error[:2000], "last_error_at": timezone.now()}
    forget_channels()  # the next run reads the failure count (and whether it was disabled)
    if not permanent:
        NotificationChannel.objects.filter(pk=channel.pk).update(**noted)
        return
    # Counted only while the channel is active, and the one failure that reaches the
    # limit disables it, each step a conditional UPDATE: failures of several workers at
    # once neither push the count past NOTIFY_DISABLE_AFTER nor disable it late. A
    # failure of a send that was in flight when another disabled it is not counted.
    limit = int(settings.NOTIFY_DISABLE_AFTER)
    active = NotificationChannel.objects.filter(pk=channel.pk, active=True)
    while True:
        if active.filter(consecutive_failures__gte=limit - 1).update(
            consecutive_failures=limit, active=False, **noted
        ):
            logger.warning("channel %s disabled after %d permanent failures in a row: %s",
                           channel.name, limit, error[:300])  # fmt: skip
            return
        if active.filter(consecutive_failures__lt=limit - 1).update(
            consecutive_failures=F("consecutive_failures") + 1, **noted
        ):
            return
        if not active.exists():  # disabled meanwhile by another failure
            NotificationChannel.objects.filter(pk=channel.pk).update(**noted)
            return
