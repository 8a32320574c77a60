"""Telling workers a run is due: wake the in-process worker, publish to Celery (on
PostgreSQL the database also announces new runs: vigil/orchestration/listener.py).

All are hints. The run row is the source of truth: a lost wake-up or a message the
broker dropped delays a run until the next poll or reconciler pass, never loses it.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TASK_NAME = "vigil.orchestration.execute_run"

# Set when runs become due in this process; the embedded/standalone worker waits on it.
wake_event = threading.Event()


def wake() -> None:
    wake_event.set()


# Celery (and its broker client) is loaded only where a broker is configured: every
# process that creates runs publishes through here, most of them without Celery.
CELERY_APP = "vigil.orchestration.celery.app"


def celery_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def send_now(run_ids: list[str], countdown: float | None = None) -> int:
    """Publish each run as a task; returns how many the broker accepted."""
    sent = 0
    for run_id in run_ids:
        try:
            import_string(CELERY_APP).send_task(
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
