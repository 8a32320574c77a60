"""New Relic: workflow webhook (the default issue payload) and the classic alert channel."""

from vigil.alerts.drivers.base import (
    ACKNOWLEDGED,
    FIRING,
    RESOLVED,
    AlertEvent,
    Driver,
    PayloadError,
    bounded_id,
    normalise_severity,
    parse_timestamp,
    text,
)

WORKFLOW_STATES = {
    "CREATED": FIRING,
    "ACTIVATED": FIRING,
    "ACKNOWLEDGED": ACKNOWLEDGED,
    "CLOSED": RESOLVED,
}
CLASSIC_STATES = {"open": FIRING, "acknowledged": ACKNOWLEDGED, "closed": RESOLVED}


def _target_labels(targets: list[dict]) -> dict[str, str]:
    # Each target's labels ({"env": "prod"} or {"env": ["prod", "eu"]}), first one first.
    labels: dict[str, str] = {}
    for target in targets:
        own = target.get("labels")
        for key, value in (own if isinstance(own, dict) else {}).items():
            joined = ", ".join(map(text, value)) if isinstance(value, list) else text(value)
            labels.setdefault(str(key), joined)
    return labels


class NewRelicDriver(Driver):
    slug = "newrelic"
    label = "New Relic"
    host_labels = ("entities", "target")

    def detect(self, payload: dict) -> bool:
        workflow = "issueUrl" in payload or ("issueId" in payload and "state" in payload)
        classic = "current_state" in payload and (
            "incident_id" in payload or "condition_name" in payload
        )
        return workflow or classic

    def parse(self, payload: dict) -> list[AlertEvent]:
        if "current_state" in payload:
            return [self._classic(payload)]
        return [self._workflow(payload)]

    def _workflow(self, payload: dict) -> AlertEvent:
        issue_id = payload.get("issueId") or payload.get("id")
        if not issue_id:
            raise PayloadError("required field 'issueId' (or 'id') is missing", field="issueId")
        state = text(payload.get("state")).upper()
        if state not in WORKFLOW_STATES:
            raise PayloadError(
                f"state {state!r} is not one of {', '.join(WORKFLOW_STATES)}", field="state"
            )
        severity, raw = normalise_severity(payload.get("priority"))
        entities = payload.get("impactedEntities") or payload.get("entitiesData", {}).get("names")
        labels = {
            "policy": ", ".join(map(text, payload.get("alertPolicyNames") or [])),
            "condition": ", ".join(map(text, payload.get("alertConditionNames") or [])),
            "entities": ", ".join(map(text, entities or [])),
            "workflow": text(payload.get("workflowName")),
        }
        warnings: list[str] = []
        status = WORKFLOW_STATES[state]
        return AlertEvent(
            source=self.slug,
            fingerprint=bounded_id(issue_id),
            name=text(payload.get("title")) or f"New Relic issue {issue_id}",
            status=status,
            severity=severity,
            severity_raw=raw,
            labels={key: value for key, value in labels.items() if value},
            annotations={"issue_url": text(payload.get("issueUrl")), "state": state},
            description=text(payload.get("title")),
            started_at=parse_timestamp(payload.get("createdAt"), "createdAt", warnings),
            ended_at=parse_timestamp(payload.get("closedAt"), "closedAt", warnings)
            if status == RESOLVED
            else None,
            warnings=warnings,
        )

    def _classic(self, payload: dict) -> AlertEvent:
        incident_id = payload.get("incident_id")
        if not incident_id:
            raise PayloadError("required field 'incident_id' is missing", field="incident_id")
        state = text(payload.get("current_state")).lower()
        if state not in CLASSIC_STATES:
            raise PayloadError(
                f"current_state {state!r} is not one of {', '.join(CLASSIC_STATES)}",
                field="current_state",
            )
        severity, raw = normalise_severity(payload.get("severity"))
        targets = [t for t in payload.get("targets") or [] if isinstance(t, dict)]
        labels = {
            **_target_labels(targets),
            "policy": text(payload.get("policy_name")),
            "condition": text(payload.get("condition_name")),
            "account": text(payload.get("account_name")),
            "target": text(targets[0].get("name")) if targets else "",
        }
        warnings: list[str] = []
        status = CLASSIC_STATES[state]
        seen = parse_timestamp(payload.get("timestamp"), "timestamp", warnings)
        return AlertEvent(
            source=self.slug,
            fingerprint=bounded_id(f"incident:{incident_id}"),
            name=text(payload.get("condition_name")) or f"New Relic incident {incident_id}",
            status=status,
            severity=severity,
            severity_raw=raw,
            labels={key: value for key, value in labels.items() if value},
            annotations={
                "incident_url": text(payload.get("incident_url")),
                "runbook_url": text(payload.get("runbook_url")),
            },
            description=text(payload.get("details")),
            started_at=seen if status == FIRING else None,
            ended_at=seen if status == RESOLVED else None,
            warnings=warnings,
        )
