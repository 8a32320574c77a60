"""Executes one claimed run: route it, run its stages, persist every step.

The caller has claimed the run (queue.claim_run / claim_runs). Every write to the run
is fenced on the claim, so a worker that lost its lease stops instead of racing the
worker that reclaimed it. Stages that already succeeded in an earlier attempt are not
run again; a transient failure reschedules the run (`not_before`), never sleeps here.
"""

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from vigil.core.logging import log_context
from vigil.core.measurements import SharedMeasurements
from vigil.core.security.redact import redact
from vigil.orchestration import publish
from vigil.orchestration.models import (
    STATUS_AFTER_STAGE,
    PipelineDefinition,
    PipelineRun,
    RunStatus,
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
from vigil.orchestration.steps import write_step

logger = logging.getLogger(__name__)

# Every lane, in priority order, read at most once per CONFIG_RELOAD_SECONDS per process
# instead of for every run; saving or deleting a lane here forgets it (receivers.py).
_lanes = SharedMeasurements("lanes")
DONE_STAGE_STATUSES = (StageExecution.Status.SUCCEEDED, StageExecution.Status.SKIPPED)
FAILED_FIELDS = ["status", "error_type", "error", "retryable", "finished_at"]


@dataclass
class RunFailure(Exception):
    error_type: str
    message: str
    retryable: bool = False


def execute_claimed(pk: int, owner: str) -> PipelineRun:
    run = PipelineRun.objects.select_related("incident").get(pk=pk)
    started = time.monotonic()
    with log_context(trace_id=run.trace_id or None, run_id=str(run.run_id)):
        try:
            _execute(run, owner)
        except LeaseLost:
            logger.warning("run %s: lease lost; the worker that reclaimed it continues", run.run_id)
            return run
        logger.info(
            "run %s %s (lane %s, attempt %d) in %.0f ms",
            run.run_id,
            run.status,
            run.definition_name or "-",
            run.attempts,
            (time.monotonic() - started) * 1000,
        )
    return run


def _execute(run: PipelineRun, owner: str) -> None:
    if run.attempts > 1:
        _abandon_interrupted_stages(run)
    # A stage that finished is written with the run's next step (the next stage's start,
    # or the run's end), in one transaction fenced on the claim: one commit, not two.
    unsaved: list[StageExecution] = []
    try:
        if run.attempts_in_budget > settings.ORCHESTRATION_MAX_ATTEMPTS:
            raise RunFailure(
                "attempts_exhausted",
                f"gave up after {run.attempts_in_budget - 1} attempts; last error: "
                f"{run.last_error_message or 'worker lost while running'}",
            )
        snapshot = _snapshot(run)
        lane = _lane_for(run, snapshot)
        run.definition_name = lane.name  # written with the first stage's claim check
        final_status = _run_stages(run, owner, lane, snapshot, unsaved)
    except RunFailure as failure:
        _finish(run, owner, RunStatus.FAILED, failure, unsaved)
        return
    except StageError as err:
        _retry_or_fail(run, owner, err)
        return
    _finish(run, owner, final_status, None, unsaved)


def _snapshot(run: PipelineRun) -> dict:
    if run.incident is None:
        raise RunFailure("incident_missing", "the run's incident no longer exists")
    return run.incident.snapshot()


def _read_lanes() -> list[PipelineDefinition]:
    return list(PipelineDefinition.objects.order_by("priority", "name"))


def forget_lanes(**signal_kwargs) -> None:
    _lanes.forget()


def _lane_for(run: PipelineRun, snapshot: dict) -> PipelineDefinition:
    lanes = _lanes.get("all", settings.CONFIG_RELOAD_SECONDS, _read_lanes).value
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


def _run_stages(run, owner, lane, snapshot, unsaved: list[StageExecution]) -> str:
    done = {}
    if run.attempts > 1:  # attempt numbers start at 1: a first attempt has no history
        # A stage skipped because it was not installed runs on resume if it is now.
        history = run.stages.filter(status__in=DONE_STAGE_STATUSES).exclude(reason=NOT_INSTALLED)
        done = {execution.stage: execution for execution in history.order_by("started_at")}
    data = StageInput(
        run_id=str(run.run_id),
        snapshot=snapshot,
        channels=list(run.options.get("channels") or lane.channels or []),
        provider=run.options.get("provider") or "",
    )
    last_succeeded, skip_reason = None, ""
    for stage in lane.stages:
        prior = done.get(stage)
        if prior is None:
            outcome = StageOutcome(output={}, skipped_reason=skip_reason) if skip_reason else None
            prior = _record(run, owner, stage, data, unsaved, outcome=outcome)
        data.outputs[stage] = prior.output_snapshot
        if prior.status == StageExecution.Status.SUCCEEDED:
            last_succeeded = stage
        if not skip_reason and should_skip_rest(lane.skip_if_condition, stage, prior.has_errors):
            skip_reason = f"skip_if_condition {lane.skip_if_condition} held"
    if not lane.stages:
        return RunStatus.INGESTED  # the lane's name is written with the run's end
    return STATUS_AFTER_STAGE[last_succeeded] if last_succeeded else RunStatus.SKIPPED


def _record(run, owner, stage, data: StageInput, unsaved, outcome: StageOutcome | None = None):
    outcome = outcome or unavailable(stage)
    execution = StageExecution(
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
    # Fence before any side effect: a worker that lost the run must not call a stage.
    if outcome is not None:  # known without calling anything: one write
        _complete(execution, outcome)
    step = {"current_stage": stage, "definition_name": run.definition_name}
    write_step(run, owner, step, unsaved, started=execution)
    if outcome is not None:
        return execution
    try:
        outcome = run_stage(stage, data)
    except StageError as err:
        execution.status = StageExecution.Status.FAILED
        execution.error_type = err.error_type[:100]
        execution.error = err.message
        execution.retryable = not err.permanent
        execution.finished_at = timezone.now()
        execution.save(update_fields=FAILED_FIELDS)
        raise
    _complete(execution, outcome)
    unsaved.append(execution)
    return execution


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


def _finish(run, owner, status: str, failure: RunFailure | None, unsaved=()) -> None:
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
    write_step(run, owner, fields, list(unsaved))


def backoff_seconds(attempt: int) -> float:
    base = settings.ORCHESTRATION_RETRY_BASE_SECONDS * 2 ** max(attempt - 1, 0)
    delay = min(base, settings.ORCHESTRATION_RETRY_MAX_SECONDS)
    return delay * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not security


def _retry_or_fail(run, owner, err: StageError) -> None:
    if err.permanent:
        _finish(run, owner, RunStatus.FAILED, RunFailure(err.error_type, err.message, False))
        return
    if run.attempts_in_budget >= settings.ORCHESTRATION_MAX_ATTEMPTS:
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
    )
    logger.info("run %s: %s; retry at %s", run.run_id, err.message, not_before.isoformat())
    publish.publish_runs([str(run.run_id)], countdown=(not_before - now).total_seconds())
