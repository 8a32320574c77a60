"""Runs, stages and lanes as plain JSON-ready dicts, for the API, commands and admin."""

from vigil.core.timefmt import iso
from vigil.notify.models import Delivery
from vigil.orchestration.models import PipelineRun, Stage, StageExecution


def run_summary(run: PipelineRun) -> dict:
    return {
        "run_id": str(run.run_id),
        "trace_id": run.trace_id,
        "status": run.status,
        "current_stage": run.current_stage,
        "origin": run.origin,
        "incident_id": run.incident_id,
        "definition": run.definition_name,
        "attempts": run.attempts,
        "not_before": iso(run.not_before),
        "claimed_by": run.claimed_by,
        "lease_expires_at": iso(run.lease_expires_at),
        "last_error": (
            {
                "type": run.last_error_type,
                "message": run.last_error_message,
                "retryable": run.last_error_retryable,
            }
            if run.last_error_type
            else None
        ),
        "created_at": iso(run.created_at),
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
    }


def stage_dict(execution: StageExecution, *, snapshots: bool = True) -> dict:
    data = {
        "stage": execution.stage,
        "attempt": execution.attempt,
        "idempotency_key": execution.idempotency_key,
        "status": execution.status,
        "reason": execution.reason,
        "has_errors": execution.has_errors,
        "error": (
            {
                "type": execution.error_type,
                "message": execution.error,
                "retryable": execution.retryable,
            }
            if execution.error_type
            else None
        ),
        "started_at": iso(execution.started_at),
        "finished_at": iso(execution.finished_at),
        "duration_ms": execution.duration_ms,
    }
    if snapshots:
        data["input"] = execution.input_snapshot
        data["output"] = execution.output_snapshot
    return data


def run_detail(run: PipelineRun) -> dict:
    data = run_summary(run)
    executions = list(run.stages.all())
    data["stages"] = [stage_dict(execution) for execution in executions]
    data["deliveries"] = deliveries_for(run, executions)
    return data


def deliveries_for(run: PipelineRun, executions: list[StageExecution] | None = None) -> list[dict]:
    """The run's Delivery rows, and a failed entry for each channel its notify stage
    could not even start a delivery for (a lane naming a channel that does not exist)."""
    rows = Delivery.objects.filter(run_id=str(run.run_id)).order_by("pk")
    found = [
        {
            "channel": row.channel_name,
            "driver": row.driver,
            "status": row.status,
            "attempts": row.attempts,
            "error": row.last_error,
            "sent_at": iso(row.sent_at),
        }
        for row in rows
    ]
    shown = {item["channel"] for item in found}
    for outcome in _notify_outcomes(run, executions):
        name = outcome.get("channel")
        if outcome.get("delivery_id") is None and name not in shown:
            shown.add(name)
            found.append(
                {
                    "channel": name,
                    "driver": "",
                    "status": outcome.get("status") or "failed",
                    "attempts": 0,
                    "error": outcome.get("error") or "",
                    "sent_at": None,
                }
            )
    return found


def _notify_outcomes(run: PipelineRun, executions: list[StageExecution] | None) -> list[dict]:
    if executions is None:
        executions = list(run.stages.filter(stage=Stage.NOTIFY))
    outcomes = []
    for execution in executions:
        if execution.stage == Stage.NOTIFY and isinstance(execution.output_snapshot, dict):
            outcomes.extend(o for o in execution.output_snapshot.get("outcomes") or [] if o)
    return outcomes
