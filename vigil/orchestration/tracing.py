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
    """The runs an identifier names, and what it was taken as: a run id (a UUID), an
    incident (`incident:<n>`, `#<n>`, or bare digits when such an incident exists), an
    alert (`alert:<n>`, or bare digits when only such an alert exists), else a trace id."""
    try:
        return PipelineRun.objects.filter(run_id=uuid.UUID(ident)), "run"
    except ValueError:
        pass
    kind, _, number = ident.rpartition(":") if ":" in ident else ("", "", ident.lstrip("#"))
    if not number.isdigit() or kind not in ("", "incident", "alert"):
        return PipelineRun.objects.filter(trace_id=ident[:64]), "trace"
    pk = int(number)
    if kind == "incident" or (
        kind == "" and (ident.startswith("#") or Incident.objects.filter(pk=pk).exists())
    ):
        return PipelineRun.objects.filter(incident_id=pk), "incident"
    alert = Alert.objects.filter(pk=pk).first()
    if alert and alert.incident_id:
        return PipelineRun.objects.filter(incident_id=alert.incident_id), "alert"
    return PipelineRun.objects.none(), "alert"


def trace(ident: str) -> dict:
    runs, kind = find_runs(ident)
    runs = list(runs.select_related("incident").order_by("created_at", "pk"))
    incidents = {run.incident_id: run.incident for run in runs if run.incident is not None}
    number = ident.rpartition(":")[2].lstrip("#")
    if not incidents and kind == "incident" and number.isdigit():
        incident = Incident.objects.filter(pk=int(number)).first()
        if incident is not None:
            incidents[incident.pk] = incident
    if not incidents and kind == "alert" and number.isdigit():
        alert = Alert.objects.select_related("incident").filter(pk=int(number)).first()
        if alert and alert.incident:
            incidents[alert.incident_id] = alert.incident
    return {
        "query": ident,
        "matched_as": kind,
        "incidents": [_incident_dict(incident) for incident in incidents.values()],
        "runs": _runs_dict(runs),
    }


_AN = {"incident": "n", "alert": "n"}


def render(ident: str, chain: dict) -> str:
    """The chain as `vigil trace` prints it (the console shows the same text)."""
    lines = [f"{ident[:80]} is taken as a{_AN.get(chain['matched_as'], '')} "
             f"{chain['matched_as']} id"]  # fmt: skip
    for incident in chain["incidents"]:
        lines.append(
            f"incident #{incident['id']} {incident['status']} {incident['severity']} "
            f"{incident['title']}"
        )
        for alert in incident["alerts"]:
            lines.append(
                f"  alert #{alert['id']} {alert['source']} {alert['name']} ({alert['status']})"
            )
    for run in chain["runs"]:
        lines.append(
            f"run {run['run_id']} {run['status']} lane={run['definition'] or '-'} "
            f"origin={run['origin']} attempts={run['attempts']} trace={run['trace_id']}"
        )
        if run["last_error"]:
            lines.append(f"  error {run['last_error']['type']}: {run['last_error']['message']}")
        for stage in run["stages"]:
            detail = stage["reason"] or (stage["error"] or {}).get("message", "")
            took = stage["duration_ms"] if stage["duration_ms"] is not None else "-"
            lines.append(
                f"  {stage['stage']:<8} attempt {stage['attempt']} {stage['status']:<9} "
                f"{took} ms {detail}"
            )
        for delivery in run["deliveries"]:
            lines.append(
                f"  delivery {delivery['channel']} {delivery['status']} {delivery['error'] or ''}"
            )
    return "\n".join(lines)
