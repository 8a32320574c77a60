"""Telling workers a run is due: wake the in-process worker, publish to Celery (on
PostgreSQL the database also announces new runs: vigil/orchestration/listener.py).

All are hints. The run row is the source of truth: a lost wake-up or a message the
broker dropped delays a run until the next poll or reconciler pass, never loses it.
"""

import logging
import os
import queue
import threading
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.db import transaction

logger = logging.getLogger(__name__)

TASK_NAME = "vigil.orchestration.execute_run"

# Set when runs become due in this process; the embedded/standalone worker waits on it.
wake_event = threading.Event()


def wake() -> None:
    wake_event.set()


def celery_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL)


# After a failed publish, this process does not try the broker again for this long: a
# frozen broker would otherwise cost every caller its socket timeout. The reconciler
# republishes what was not sent.
BROKER_RETRY_SECONDS = 10.0
_broker_down_until = 0.0


def send_now(run_ids: list[str], countdown: float | None = None) -> int:
    """Publish each run as a task; returns how many the broker accepted."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return 0
    # Imported here, not at the top: Celery and its broker client load only where a
    # broker is configured; every process that creates runs publishes through here.
    from vigil.orchestration.celery import app

    sent = 0
    for run_id in run_ids:
        try:
            app.send_task(
                TASK_NAME,
                args=[str(run_id)],
                countdown=countdown or None,
                queue=settings.CELERY_TASK_DEFAULT_QUEUE,
            )
            sent += 1
        except Exception as exc:  # the broker is down or unreachable: the reconciler retries
            _broker_down_until = time.monotonic() + BROKER_RETRY_SECONDS
            logger.warning(
                "could not publish %d run(s) to the Celery broker (%s); "
                "the reconciler will republish them",
                len(run_ids) - sent,
                type(exc).__name__,
            )
            break
    return sent


class _Publisher:
    """Publishes new runs from a thread of its own, so that a slow or frozen broker
    never holds the request (and the group commit) that created them. Runs it could not
    take (its queue full, the process gone) are republished by the reconciler."""

    LIMIT = 10_000

    def __init__(self):
        self._queue: queue.Queue[list[str]] = queue.Queue(self.LIMIT)
        self._pid = 0
        self._lock = threading.Lock()

    def put(self, run_ids: list[str]) -> None:
        self._ensure_thread()
        try:
            self._queue.put_nowait(run_ids)
        except queue.Full:
            logger.debug("publisher queue full; %d run(s) left to the reconciler", len(run_ids))

    def _ensure_thread(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():  # first use, or a forked child
                self._queue = queue.Queue(self.LIMIT)
                threading.Thread(target=self._loop, name="vigil-publish", daemon=True).start()
                self._pid = os.getpid()

    def _loop(self) -> None:
        while True:
            run_ids = list(self._queue.get())
            while len(run_ids) < 500:
                try:
                    run_ids += self._queue.get_nowait()
                except queue.Empty:
                    break
            send_now(run_ids)


publisher = _Publisher()


def _forget_broker_failure(*, setting: str, **kwargs) -> None:
    global _broker_down_until
    if setting == "CELERY_BROKER_URL":  # another broker (tests change it at runtime)
        _broker_down_until = 0.0


setting_changed.connect(_forget_broker_failure, dispatch_uid="vigil.publish.broker")


def publish_runs(run_ids: list[str], countdown: float | None = None) -> None:
    """After the surrounding transaction commits: wake local workers, publish to Celery."""
    if not run_ids:
        return

    def after_commit() -> None:
        wake()
        if celery_enabled():
            send_now(run_ids, countdown)

    transaction.on_commit(after_commit, robust=True)
