"""Executes claimed runs: route each, run its stages, persist every step.

The caller has claimed the runs (queue.claim_run / claim_runs). A worker thread hands
over a batch (execute_batch), everything else one run (execute_claimed): a batch of one.
Every write to a run is fenced on its claim, so a worker that lost a lease stops that
run instead of racing the worker that reclaimed it. Stages that already succeeded in an
earlier attempt are not run again; a transient failure reschedules the run
(`not_before`), never sleeps here.
"""

import logging
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from vigil.alerts.models import Alert, Incident
from vigil.core import fastsql, retry
from vigil.core.config_cache import ConfigCache
from vigil.core.logging import log_context
from vigil.core.outage import UNAVAILABLE
from vigil.core.security.redact import redact
from vigil.orchestration import publish
from vigil.orchestration.models import (
    STATUS_AFTER_STAGE,
    Lane,
    PipelineRun,
    RunOrigin,
    RunStatus,
    Stage,
    StageExecution,
)
from vigil.orchestration.queue import LeaseLost, update_claimed
from vigil.orchestration.routing import Facts, resolve_lane, should_skip_rest
from vigil.orchestration.stages import (
    NOT_INSTALLED,
    StageError,
    StageInput,
    StageOutcome,
    run_stage,
    unavailable,
)
from vigil.orchestration.steps import Step, write_step, write_steps

logger = logging.getLogger(__name__)

# Every lane, in priority order, read at most once per CONFIG_RELOAD_SECONDS per process
# instead of for every run; saving or deleting a lane in this process forgets it.
_lanes = ConfigCache("lanes", watch=Lane)
DONE_STAGE_STATUSES = (StageExecution.Status.SUCCEEDED, StageExecution.Status.SKIPPED)
FAILED_FIELDS = ["status", "error_type", "error", "retryable", "finished_at"]
LEASE_LOST = "run %s: lease lost; the worker that reclaimed it continues"
# The run keeps its claim; once the lease expires another attempt picks it up.
UNEXPECTED = "run pk=%s: unexpected error in the worker"


def log_unexpected(pks) -> None:
    """From an except block: the error that stopped a run (its lease expiry retries it).
    A database outage is expected and told in one line; anything else is a bug."""
    exc = sys.exc_info()[1]
    if isinstance(exc, UNAVAILABLE):
        logger.warning("run pk=%s: database unavailable (%s); retried once its lease expires",
                       pks, type(exc).__name__)  # fmt: skip
    else:
        logger.exception(UNEXPECTED, pks)


@dataclass
class RunFailure(Exception):
    error_type: str
    message: str
    retryable: bool = False


def execute_claimed(pk: int, owner: str) -> PipelineRun:
    runs = execute_batch([pk], owner)
    if not runs:
        raise PipelineRun.DoesNotExist(f"no run with pk {pk}")
    return runs[0]


def execute_batch(pks: list[int], owner: str) -> list[PipelineRun]:
    """Execute claimed runs together: each stage is called run after run, and the step
    that follows it (the next stage's start, or the run's end) is written for all of
    them at once (steps.write_steps), so a backlog costs a few statements per batch
    instead of per run. A run whose stage fails, or whose claim was lost, leaves the
    batch without holding up the others."""
    loaded = _load(pks)
    active = [state for run, alerts in loaded if (state := _begin(run, alerts, owner))]
    while active:
        active, steps = _next_steps(active)
        lost = write_steps(owner, steps)
        still = []
        for state in active:
            with state.context():
                if state.run.pk in lost:
                    logger.warning(LEASE_LOST, state.run.run_id)
                elif state.finished:
                    state.log_end()
                elif state.call(owner):
                    still.append(state)
        active = still
    return [run for run, _ in loaded]


def _next_steps(active: list["_Execution"]) -> tuple[list["_Execution"], list[Step]]:
    """Each run's next step; a run whose step cannot be built leaves the batch alone."""
    kept, steps = [], []
    for state in active:
        with state.context():
            try:
                steps.append(state.next_step())
            except Exception:
                log_unexpected(state.run.pk)
                continue
        kept.append(state)
    return kept, steps


def _load(pks: list[int]) -> list[tuple[PipelineRun, list[Alert]]]:
    """The runs, oldest first, each with its incident and that incident's alerts: three
    statements written once (fastsql), where the ORM compiled two for every batch."""
    runs = fastsql.select_in(PipelineRun, "id", pks, order_by=("created_at", "id"))
    ids = list({run.incident_id for run in runs if run.incident_id is not None})
    incidents = {incident.pk: incident for incident in fastsql.select_in(Incident, "id", ids)}
    alerts = defaultdict(list)
    for alert in fastsql.select_in(Alert, "incident", ids, order_by=tuple(Alert._meta.ordering)):
        alerts[alert.incident_id].append(alert)
    for run in runs:  # as select_related would: None if the incident was deleted
        run._state.fields_cache["incident"] = incidents.get(run.incident_id)
    return [(run, alerts[run.incident_id]) for run in runs]


def _begin(run: PipelineRun, alerts: list[Alert], owner: str) -> "_Execution | None":
    """The run's way through its lane, or None if it ended before its first stage."""
    state = _Execution(run)
    with state.context():
        try:
            if run.attempts > 1:
                _abandon_interrupted_stages(run)
            if run.attempts_in_budget > settings.ORCHESTRATION_MAX_ATTEMPTS:
                raise RunFailure(
                    "attempts_exhausted",
                    f"gave up after {run.attempts_in_budget - 1} attempts; last error: "
                    f"{run.last_error_message or 'worker lost while running'}",
                )
            snapshot = _snapshot(run, alerts)
            state.lane = _lane_for(run, snapshot)
            run.definition_name = state.lane.name  # written with the first step
            state.prepare(snapshot)
            return state
        except RunFailure as failure:
            state.end(_finish, run, owner, RunStatus.FAILED, failure)
        except Exception:
            log_unexpected(run.pk)
    return None


class _Execution:
    """One run of a batch, stage by stage: next_step() says what to write before its
    next stage (or its end); call() runs the stage that step started."""

    def __init__(self, run: PipelineRun):
        self.run = run
        self.lane: Lane | None = None
        self.data: StageInput | None = None
        self.done: dict[str, StageExecution] = {}
        self.unsaved: list[StageExecution] = []  # finished, written with the next step
        self.position = 0
        self.last_succeeded = ""
        self.skip_reason = ""
        self.running: StageExecution | None = None
        self.stages: list[str] = []
        self.finished = False
        self.started = time.monotonic()

    def context(self):
        return log_context(trace_id=self.run.trace_id or None, run_id=str(self.run.run_id))

    def prepare(self, snapshot: dict) -> None:
        run, lane = self.run, self.lane
        if run.attempts > 1:  # attempt numbers start at 1: a first attempt has no history
            # A stage skipped because it was not installed runs on resume if it is now.
            history = run.stages.filter(status__in=DONE_STAGE_STATUSES).exclude(
                reason=NOT_INSTALLED
            )
            self.done = {execution.stage: execution for execution in history.order_by("started_at")}
        self.stages = stages_for(run, lane)
        self.data = StageInput(
            run_id=str(run.run_id),
            snapshot=snapshot,
            channels=list(run.options.get("channels") or lane.channels or []),
            provider=run.options.get("provider") or "",
        )

    def next_step(self) -> Step:
        """Start the lane's next stage that has not run yet, or end the run."""
        stages = self.stages
        while self.position < len(stages):
            stage = stages[self.position]
            self.position += 1
            prior = self.done.get(stage)
            if prior is not None:  # succeeded (or was skipped) in an earlier attempt
                self._after(stage, prior)
                continue
            execution = self._new_execution(stage)
            skipped = StageOutcome(output={}, skipped_reason=self.skip_reason)
            outcome = skipped if self.skip_reason else unavailable(stage)
            if outcome is None:  # to be called once this step is written (the fence)
                self.running = execution
            else:  # known without calling anything: written finished
                _complete(execution, outcome)
                self._after(stage, execution)
            fields = {"current_stage": stage, "definition_name": self.run.definition_name}
            return Step(self.run, fields, self.unsaved, started=execution)
        self.finished = True
        return Step(self.run, _end_fields(self.run, self._final_status()), self.unsaved)

    def call(self, owner: str) -> bool:
        """Run the started stage; False if the run left the batch (rescheduled, failed,
        or an unexpected error that its lease expiry will retry)."""
        execution, self.running = self.running, None
        if execution is None:
            return True
        try:
            outcome = run_stage(execution.stage, self.data)
        except StageError as err:
            execution.status = StageExecution.Status.FAILED
            execution.error_type = err.error_type[:100]
            execution.error = err.message
            execution.retryable = not err.permanent
            execution.finished_at = timezone.now()
            try:
                execution.save(update_fields=FAILED_FIELDS)
            except Exception:
                log_unexpected(self.run.pk)
                return False
            self.end(_retry_or_fail, self.run, owner, err)
            return False
        except Exception:
            log_unexpected(self.run.pk)
            return False
        _complete(execution, outcome)
        self.unsaved.append(execution)
        self._after(execution.stage, execution)
        return True

    def end(self, write, *args) -> None:
        """End the run on its own (a failure or a retry), outside the batch's steps."""
        try:
            write(*args)
        except LeaseLost:
            logger.warning(LEASE_LOST, self.run.run_id)
            return
        self.log_end()

    def log_end(self) -> None:
        run = self.run
        logger.info(
            "run %s %s (lane %s, attempt %d) in %.0f ms",
            run.run_id,
            run.status,
            run.definition_name or "-",
            run.attempts,
            (time.monotonic() - self.started) * 1000,
        )

    def _after(self, stage: str, execution: StageExecution) -> None:
        self.data.outputs[stage] = execution.output_snapshot
        if execution.status == StageExecution.Status.SUCCEEDED:
            self.last_succeeded = stage
        condition = self.lane.skip_if_condition
        if not self.skip_reason and should_skip_rest(condition, stage, execution.has_errors):
            self.skip_reason = f"skip_if_condition {condition} held"

    def _new_execution(self, stage: str) -> StageExecution:
        run, data = self.run, self.data
        return fastsql.build(
            StageExecution,
            run=run,
            stage=stage,
            attempt=run.attempts,
            idempotency_key=f"{run.run_id}:{stage}:{run.attempts}",
            input_snapshot={
                "incident": data.redacted_snapshot(),
                "channels": redact(data.channels),
                "after": list(data.outputs),
            },
        )

    def _final_status(self) -> str:
        if not self.lane.stages:
            return RunStatus.INGESTED
        if not self.stages:  # a person's action, in a lane that does not tell it
            return RunStatus.SKIPPED
        return STATUS_AFTER_STAGE[self.last_succeeded] if self.last_succeeded else RunStatus.SKIPPED


def _snapshot(run: PipelineRun, alerts: list[Alert]) -> dict:
    if run.incident is None:
        raise RunFailure("incident_missing", "the run's incident no longer exists")
    snapshot = run.incident.snapshot(alerts=alerts)
    if run.options.get("action"):
        # Who acknowledged, resolved or closed it, and their note: for the message.
        snapshot["action"] = run.options["action"]
    return snapshot


def stages_for(run: PipelineRun, lane: Lane) -> list[str]:
    """The lane's stages; for a person's action only its notify stage, if the lane
    tells actions at all (there is nothing new to check or analyse)."""
    if run.origin != RunOrigin.ACTION:
        return list(lane.stages)
    return [Stage.NOTIFY] if lane.notify_actions and Stage.NOTIFY in lane.stages else []


def _read_lanes() -> list[Lane]:
    return list(Lane.objects.order_by("priority", "name"))


def _lane_for(run: PipelineRun, snapshot: dict) -> Lane:
    lanes = _lanes.get("all", settings.CONFIG_RELOAD_SECONDS, _read_lanes)
    if run.definition_name:
        lane = next((lane for lane in lanes if lane.name == run.definition_name), None)
        if lane is None:
            raise RunFailure("no_route", f"lane {run.definition_name!r} does not exist")
        return lane
    facts = Facts.from_snapshot(
        snapshot, origin=run.origin, extra_labels=run.options.get("labels") or {}
    )
    lane = resolve_lane(lanes, facts)
    if lane is None:
        raise RunFailure(
            "no_route",
            "no active lane matches this incident "
            f"(source={facts.source!r}, severity={facts.severity!r}, status={facts.status!r}); "
            "add a catch-all lane with no match rules",
        )
    return lane


def _complete(execution: StageExecution, outcome: StageOutcome) -> None:
    execution.status = (
        StageExecution.Status.SKIPPED if outcome.skipped_reason else StageExecution.Status.SUCCEEDED
    )
    execution.reason = outcome.skipped_reason[:200]
    execution.output_snapshot = redact(outcome.output)
    execution.has_errors = outcome.has_errors
    execution.finished_at = timezone.now()


def _abandon_interrupted_stages(run: PipelineRun) -> None:
    # A stage left "running" by an earlier attempt belongs to a worker that died.
    run.stages.filter(status=StageExecution.Status.RUNNING, attempt__lt=run.attempts).update(
        status=StageExecution.Status.FAILED,
        error_type="WorkerLost",
        error="the worker running this stage stopped before finishing (lease expired)",
        retryable=True,
        finished_at=timezone.now(),
    )


def _end_fields(run: PipelineRun, status: str, failure: RunFailure | None = None) -> dict:
    fields = {
        "status": status,
        "definition_name": run.definition_name,
        "current_stage": "",
        "claimed_by": "",
        "lease_expires_at": None,
        "not_before": None,
        "finished_at": timezone.now(),
    }
    if failure is not None:
        fields |= {
            "last_error_type": failure.error_type,
            "last_error_message": failure.message[:2000],
            "last_error_retryable": failure.retryable,
        }
    return fields


def _finish(run, owner, status: str, failure: RunFailure | None) -> None:
    write_step(run, owner, _end_fields(run, status, failure), [])


def backoff_seconds(attempt: int) -> float:
    return retry.backoff_seconds(
        attempt,
        base=settings.ORCHESTRATION_RETRY_BASE_SECONDS,
        ceiling=settings.ORCHESTRATION_RETRY_MAX_SECONDS,
    )


def _retry_or_fail(run, owner, err: StageError) -> None:
    if err.permanent:
        _finish(run, owner, RunStatus.FAILED, RunFailure(err.error_type, err.message, False))
        return
    budget = {}
    if not err.uses_attempt:  # e.g. a delivery's retry: it has its own budget
        budget = {"attempts_at_resume": run.attempts_at_resume + 1}
    elif run.attempts_in_budget >= settings.ORCHESTRATION_MAX_ATTEMPTS:
        message = f"gave up after {run.attempts_in_budget} attempts: {err.message}"
        _finish(run, owner, RunStatus.FAILED, RunFailure(err.error_type, message, True))
        return
    now = timezone.now()
    if isinstance(err.retry_at, datetime):
        # The stage knows when to come back (a rate-limit slot frees up, a vendor's
        # Retry-After): honour it, even if that is now, instead of the generic backoff.
        not_before = max(err.retry_at, now)
    else:
        not_before = now + timedelta(seconds=backoff_seconds(run.attempts_in_budget))
    update_claimed(
        run,
        owner,
        status=RunStatus.RETRYING,
        current_stage="",
        claimed_by="",
        lease_expires_at=None,
        not_before=not_before,
        last_error_type=err.error_type[:100],
        last_error_message=err.message[:2000],
        last_error_retryable=True,
        **budget,
    )
    logger.info("run %s: %s; retry at %s", run.run_id, err.message, not_before.isoformat())
    publish.publish_runs([str(run.run_id)], countdown=(not_before - now).total_seconds())
