"""Telling workers a run is due: wake the in-process worker, publish to Celery, and on
PostgreSQL hear the database announce new runs made by any process.

All are hints. The run row is the source of truth: a lost wake-up or a message the
broker dropped delays a run until the next poll or reconciler pass, never loses it.
"""

import logging
import threading

import psycopg
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from vigil.orchestration.celery import app as celery_app

logger = logging.getLogger(__name__)

TASK_NAME = "vigil.orchestration.execute_run"

# Set when runs become due in this process; the embedded/standalone worker waits on it.
wake_event = threading.Event()


# A trigger on the run table notifies this channel when runs are inserted (migration
# orchestration 0003, PostgreSQL only).
RUNS_CHANNEL = "vigil_runs"


def wake() -> None:
    wake_event.set()


class RunListener:
    """On PostgreSQL, a thread that LISTENs for new runs and wakes this process's worker
    at once, whichever process or machine created them; elsewhere it does nothing and
    the worker polls (ORCHESTRATION_POLL_MS)."""

    def __init__(self, retry_seconds: float = 2.0):
        self.retry_seconds = retry_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vigil-listen", daemon=True)

    @staticmethod
    def available() -> bool:
        return connection.vendor == "postgresql"

    def __enter__(self):
        if self.available():
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._listen()
                except (DatabaseError, psycopg.Error) as exc:
                    logger.warning(
                        "LISTEN %s failed (%s); polling until it works again",
                        RUNS_CHANNEL,
                        type(exc).__name__,
                    )
                    connection.close()
                    self._stop.wait(self.retry_seconds)
        finally:
            connection.close()

    def _listen(self) -> None:
        connection.ensure_connection()  # this thread's own connection, in autocommit
        raw = connection.connection
        raw.execute(f"LISTEN {RUNS_CHANNEL}")
        wake()  # runs created while this thread was not listening
        while not self._stop.is_set():
            for _ in raw.notifies(timeout=0.5):
                wake()


def celery_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def send_now(run_ids: list[str], countdown: float | None = None) -> int:
    """Publish each run as a task; returns how many the broker accepted."""
    sent = 0
    for run_id in run_ids:
        try:
            celery_app.send_task(
                TASK_NAME,
                args=[str(run_id)],
                countdown=countdown or None,
                queue=settings.CELERY_TASK_DEFAULT_QUEUE,
            )
            sent += 1
        except Exception as exc:  # the broker is down or unreachable: the reconciler retries
            logger.warning(
                "could not publish %d run(s) to the Celery broker (%s); "
                "the reconciler will republish them",
                len(run_ids) - sent,
                type(exc).__name__,
            )
            break
    return sent


def publish_runs(run_ids: list[str], countdown: float | None = None) -> None:
    """After the surrounding transaction commits: wake local workers, publish to Celery."""
    if not run_ids:
        return

    def after_commit() -> None:
        wake()
        if celery_enabled():
            send_now(run_ids, countdown)

    transaction.on_commit(after_commit, robust=True)
