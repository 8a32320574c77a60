"""The runs of what alerts changed: one pending run per changed incident, recorded in
the transaction that changed it (registered with vigil.alerts.changes at start-up)."""

from vigil.alerts.changes import IncidentChange
from vigil.core.fastsql import build
from vigil.orchestration.models import PipelineRun, RunOrigin


def record_runs(changes: list[IncidentChange], insert) -> list[str]:
    runs = [_run(change) for change in changes]
    insert(runs)
    return [str(run.run_id) for run in runs]


def _run(change: IncidentChange) -> PipelineRun:
    if change.action is not None:
        return build(
            PipelineRun,
            incident=change.incident,
            origin=RunOrigin.ACTION,
            options={"action": change.action},
        )
    return build(
        PipelineRun, incident=change.incident, origin=change.origin, trace_id=change.trace_id
    )
