"""Periodic jobs run by workers: health checks, reconciliation, retention, delivery retries.

Every worker runs a scheduler; a conditional UPDATE on the job's PeriodicJob row lets
exactly one of them run each job per interval.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from vigil.checkers.checkers.base import node_name
from vigil.checkers.hub import build_payload
from vigil.checkers.services import run_checks
from vigil.core.outage import UNAVAILABLE
from vigil.notify.services import retry_due_deliveries
from vigil.orchestration import intake, publish, security
from vigil.orchestration.models import (
    CLAIMABLE_STATUSES,
    FINAL_STATUSES,
    PeriodicJob,
    PipelineRun,
    RunOrigin,
    RunStatus,
)
from vigil.orchestration.queue import stuck_runs

logger = logging.getLogger(__name__)

DELIVERY_RETRY_INTERVAL = 10
RETENTION_INTERVAL = 3600
REPUBLISH_BATCH = 500


@dataclass
class ReconcileResult:
    reclaimed: int
    republished: int


def reconcile() -> ReconcileResult:
    """Make lost work visible again: expired leases back to the queue, and due runs that
    waited too long republished to Celery (a lost message, a broker that was down)."""
    now = timezone.now()
    reclaimed = PipelineRun.objects.filter(
        status=RunStatus.PROCESSING, lease_expires_at__lt=now
    ).update(
        status=RunStatus.RETRYING,
        claimed_by="",
        lease_expires_at=None,
        not_before=None,
        current_stage="",
        last_error_type="WorkerLost",
        last_error_message="the worker holding this run stopped renewing its lease",
        last_error_retryable=True,
        updated_at=now,
    )
    republished = 0
    if publish.celery_enabled():
        stale = list(
            stuck_runs()
            .filter(status__in=CLAIMABLE_STATUSES)
            .order_by("created_at")
            .values_list("run_id", flat=True)[:REPUBLISH_BATCH]
        )
        republished = publish.send_now([str(run_id) for run_id in stale])
    if reclaimed or republished:
        logger.warning(
            "reconciler: %d expired lease(s), %d run(s) republished", reclaimed, republished
        )
    return ReconcileResult(reclaimed=reclaimed, republished=republished)


def purge_old_runs() -> int:
    days = settings.ORCHESTRATION_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = PipelineRun.objects.filter(
        status__in=FINAL_STATUSES, finished_at__lt=cutoff
    ).delete()
    return deleted


def run_health_checks() -> dict | None:
    """The health-check suite on this node; its results become alerts (via the cluster
    driver, as a hub receives them), so a failing check opens an incident and a run."""
    results = run_checks(source="schedule")
    payload = build_payload(results, node=node_name())
    summary = {"results": [r["status"] for r in payload["results"]], "run_ids": []}
    try:
        summary["run_ids"] = intake.ingest("cluster", payload, origin=RunOrigin.CHECKER).run_ids
    except intake.IntakeError as err:
        logger.warning("health checks ran but could not be ingested: %s", err.message)
    return summary


@dataclass
class Job:
    name: str
    func: Callable
    interval: Callable[[], int]  # seconds; 0 disables
    # Long work (a repository's history) runs in a thread of its own, so that the
    # scheduler keeps reconciling and retrying deliveries meanwhile; one at a time.
    background: bool = False


JOBS = [
    Job("reconcile", reconcile, lambda: settings.ORCHESTRATION_RECONCILE_INTERVAL),
    Job("retry_deliveries", retry_due_deliveries, lambda: DELIVERY_RETRY_INTERVAL),
    Job("health_checks", run_health_checks, lambda: settings.ORCHESTRATION_HEALTH_CHECK_INTERVAL),
    Job(
        "retention",
        purge_old_runs,
        lambda: RETENTION_INTERVAL if settings.ORCHESTRATION_RETENTION_DAYS else 0,
    ),
    # Looks every few minutes for repositories due a scan (each keeps its own times).
    Job("secret_scan", security.secret_scans, security.secret_scan_tick, background=True),
    Job("security_watch", security.security_watch, lambda: settings.SECURITY_WATCH_INTERVAL),
]


def claim_job(name: str, interval: int) -> bool:
    now = timezone.now()
    PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": now})
    return bool(
        PeriodicJob.objects.filter(name=name, next_run_at__lte=now).update(
            next_run_at=now + timedelta(seconds=interval), last_started_at=now
        )
    )


class Scheduler:
    tick = 1.0

    def __init__(self, jobs: list[Job] | None = None, threads: bool = True):
        self.jobs = jobs if jobs is not None else JOBS
        self.threads = threads  # False: background jobs run inline too (tests)
        self._running: dict[str, threading.Thread] = {}

    def run_due(self) -> list[str]:
        ran = []
        for job, interval in self._due():
            apart = job.background and self.threads
            busy = self._running.get(job.name)
            if apart and busy is not None and busy.is_alive():
                continue  # still busy with the previous run: not claimed, not late
            if not claim_job(job.name, interval):
                continue
            if apart:
                thread = threading.Thread(
                    target=self._run, args=(job, True), name=f"vigil-{job.name}", daemon=True
                )
                self._running[job.name] = thread
                thread.start()
            else:
                self._run(job)
            ran.append(job.name)
        return ran

    def join(self, timeout: float | None = None) -> None:
        for thread in list(self._running.values()):
            thread.join(timeout)

    @staticmethod
    def _run(job: Job, own_thread: bool = False) -> None:
        started, error = time.monotonic(), ""
        try:
            job.func()
        except UNAVAILABLE as exc:  # an outage, told once by each loop that meets it
            error = f"{type(exc).__name__}: database unavailable"
            logger.warning("scheduled job %s: database unavailable", job.name)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.exception("scheduled job %s failed", job.name)
        try:
            PeriodicJob.objects.filter(name=job.name).update(
                last_finished_at=timezone.now(), last_error=error
            )
        finally:
            if own_thread:
                connection.close()  # the thread's own connection ends with it
        # Routine: every few seconds on every worker. Failures are logged above.
        logger.debug("scheduled job %s in %.0f ms", job.name, (time.monotonic() - started) * 1000)

    def _due(self) -> list[tuple["Job", int]]:
        # One read per tick says which jobs may be due; only those are claimed (a
        # conditional UPDATE each), so an idle tick costs one query, not two per job.
        enabled = [(job, interval) for job in self.jobs if (interval := job.interval()) > 0]
        if not enabled:
            return []
        next_runs = dict(
            PeriodicJob.objects.filter(name__in=[job.name for job, _ in enabled]).values_list(
                "name", "next_run_at"
            )
        )
        now = timezone.now()
        return [
            (job, interval)
            for job, interval in enabled
            if job.name not in next_runs or next_runs[job.name] <= now
        ]

    def run(self, stopping: threading.Event) -> None:
        try:
            while not stopping.wait(self.tick):
                try:
                    self.run_due()
                except DatabaseError:
                    logger.warning("scheduler: database unavailable; retrying")
                    connection.close()
        finally:
            connection.close()
