"""The whole chain behind an identifier: alert → incident → runs → stages → deliveries."""

import uuid

from vigil.alerts.models import Alert, Incident
from vigil.orchestration import presenters
from vigil.orchestration.models import PipelineRun


def _incident_dict(incident: Incident) -> dict:
    return {
        "id": incident.pk,
        "title": incident.title,
        "status": incident.status,
        "severity": incident.severity,
        "source": incident.source,
        "alerts": [
            {
                "id": alert.pk,
                "source": alert.source,
                "name": alert.name,
                "status": alert.status,
                "fingerprint": alert.fingerprint,
            }
            for alert in incident.alerts.order_by("pk")
        ],
    }


def _runs_dict(runs) -> list[dict]:
    chain = []
    for run in runs:
        data = presenters.run_detail(run)
        for stage in data["stages"]:
            stage.pop("input", None)
        chain.append(data)
    return chain


def find_runs(ident: str):
    """Runs named by a run id, an alert id (digits) or a trace id."""
    try:
        run_id = uuid.UUID(ident)
    except ValueError:
        run_id = None
    if run_id is not None:
        return PipelineRun.objects.filter(run_id=run_id), "run"
    if ident.isdigit():
        alert = Alert.objects.filter(pk=int(ident)).first()
        if alert and alert.incident_id:
            return PipelineRun.objects.filter(incident_id=alert.incident_id), "alert"
        return PipelineRun.objects.none(), "alert"
    return PipelineRun.objects.filter(trace_id=ident[:64]), "trace"


def trace(ident: str) -> dict:
    runs, kind = find_runs(ident)
    runs = list(runs.select_related("incident").order_by("created_at", "pk"))
    incidents = {run.incident_id: run.incident for run in runs if run.incident is not None}
    if kind == "alert" and not incidents and ident.isdigit():
        alert = Alert.objects.select_related("incident").filter(pk=int(ident)).first()
        if alert and alert.incident:
            incidents[alert.incident_id] = alert.incident
    return {
        "query": ident,
        "matched_as": kind,
        "incidents": [_incident_dict(incident) for incident in incidents.values()],
        "runs": _runs_dict(runs),
    }
