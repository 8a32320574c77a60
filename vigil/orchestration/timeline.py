"""One incident's whole story in time order: its alerts and state changes, people's
actions, the runs with their health checks, analyses and deliveries."""

from vigil.alerts.models import AlertHistory, Incident
from vigil.core.timefmt import iso
from vigil.intelligence.models import AnalysisRun
from vigil.notify.models import Delivery
from vigil.orchestration.models import PipelineRun, StageExecution
from vigil.orchestration.stages import STAGES

HUMAN_EVENTS = {AlertHistory.Event.COMMENTED: "comment", AlertHistory.Event.ASSIGNED: "assignment"}
MAX_ENTRIES = 1000


def _entry(at, kind: str, title: str, by: str = "", **detail) -> dict:
    return {"at": at, "kind": kind, "title": title, "by": by, "detail": detail}


def _history(incident: Incident) -> list[dict]:
    entries = []
    for row in incident.history.select_related("alert"):
        kind = HUMAN_EVENTS.get(row.event, "alert" if row.alert_id else "state")
        title = row.event.replace("_", " ")
        if row.alert_id:
            title = f"{row.alert.name}: {title}"
        entries.append(
            _entry(row.at, kind, title, row.by, **row.detail, alert_id=row.alert_id,
                   from_status=row.from_status, to_status=row.to_status)
        )  # fmt: skip
    return entries


def _runs(runs: list[PipelineRun]) -> list[dict]:
    entries = [
        _entry(run.created_at, "run", f"run {run.status}" + (f" on lane {run.definition_name}"
               if run.definition_name else ""), run.origin, run_id=str(run.run_id),
               status=run.status, attempts=run.attempts, finished_at=iso(run.finished_at),
               error=run.last_error_message)
        for run in runs
    ]  # fmt: skip
    stages = StageExecution.objects.filter(run__in=runs).select_related("run")
    for stage in stages.defer("input_snapshot"):
        entries.append(
            _entry(stage.started_at, STAGES[stage.stage].timeline_kind if stage.stage in STAGES else stage.stage,
                   f"{stage.stage} {stage.status}", run_id=str(stage.run.run_id),
                   status=stage.status, attempt=stage.attempt, duration_ms=stage.duration_ms,
                   reason=stage.reason, error=stage.error, output=stage.output_snapshot)
        )  # fmt: skip
    return entries


def _analyses(incident: Incident) -> list[dict]:
    return [
        _entry(row.started_at, "analysis", row.summary.splitlines()[0][:200] if row.summary
               else f"analysis {row.outcome}", row.provider_name or row.provider,
               provider=row.provider, model=row.model, outcome=row.outcome,
               summary=row.summary, recommendations=row.recommendations, error=row.error,
               run_id=row.run_id, duration_ms=row.duration_ms)
        for row in AnalysisRun.objects.filter(incident_id=incident.pk)
    ]  # fmt: skip


def _deliveries(run_ids: list[str]) -> list[dict]:
    return [
        _entry(row.created_at, "delivery", f"{row.channel_name or row.driver}: {row.status}",
               channel=row.channel_name, driver=row.driver, status=row.status,
               attempts=row.attempts, error=row.last_error, sent_at=iso(row.sent_at),
               run_id=row.run_id)
        for row in Delivery.objects.filter(run_id__in=run_ids).defer("config", "message")
    ]  # fmt: skip


def timeline(incident: Incident) -> list[dict]:
    runs = list(PipelineRun.objects.filter(incident=incident).order_by("created_at"))
    entries = [
        *_history(incident),
        *_runs(runs),
        *_analyses(incident),
        *_deliveries([str(run.run_id) for run in runs]),
    ]
    entries.sort(key=lambda entry: entry["at"])
    return entries[-MAX_ENTRIES:]
