"""PagerDuty webhooks v3. Incident events become alerts; every other event is accepted
and ignored (PagerDuty disables a subscription that keeps failing)."""

from vigil.alerts import signatures
from vigil.alerts.drivers.base import (
    ACKNOWLEDGED,
    CRITICAL,
    FIRING,
    RESOLVED,
    WARNING,
    AlertEvent,
    Driver,
    normalise_severity,
    parse_timestamp,
    require,
    text,
)

EVENT_STATUS = {
    "incident.triggered": FIRING,
    "incident.reopened": FIRING,
    "incident.unacknowledged": FIRING,
    "incident.acknowledged": ACKNOWLEDGED,
    "incident.resolved": RESOLVED,
}
URGENCY = {"high": CRITICAL, "low": WARNING}


class PagerDutyDriver(Driver):
    slug = "pagerduty"
    label = "PagerDuty"
    signs = True
    signature_header = signatures.PAGERDUTY_HEADER

    def detect(self, payload: dict) -> bool:
        event = payload.get("event")
        return isinstance(event, dict) and "event_type" in event and "resource_type" in event

    def verify_signature(self, secret: str, body: bytes, headers) -> None:
        signatures.verify_pagerduty(secret, body, headers)

    def parse(self, payload: dict) -> list[AlertEvent]:
        event = require(payload, "event", dict)
        event_type = require(event, "event_type", str, where="event")
        resource_type = require(event, "resource_type", str, where="event")
        # Every v3 event carries its resource: one without is not PagerDuty's.
        data = require(event, "data", dict, where="event")
        if resource_type != "incident" or event_type not in EVENT_STATUS:
            return []
        incident_id = require(data, "id", str, where="event.data")
        service = data.get("service") if isinstance(data.get("service"), dict) else {}
        priority = data.get("priority") if isinstance(data.get("priority"), dict) else {}
        if priority.get("summary"):
            severity, raw = normalise_severity(priority["summary"])
        else:
            raw = text(data.get("urgency"))
            severity = URGENCY.get(raw, WARNING)
        labels = {
            "service": text(service.get("summary")),
            "service_id": text(service.get("id")),
            "urgency": text(data.get("urgency")),
        }
        warnings: list[str] = []
        status = EVENT_STATUS[event_type]
        occurred = parse_timestamp(event.get("occurred_at"), "event.occurred_at", warnings)
        return [
            AlertEvent(
                source=self.slug,
                fingerprint=incident_id,
                name=text(data.get("title")) or f"PagerDuty incident {incident_id}",
                status=status,
                severity=severity,
                severity_raw=raw,
                labels={key: value for key, value in labels.items() if value},
                annotations={
                    "html_url": text(data.get("html_url")),
                    "number": text(data.get("number")),
                    "incident_key": text(data.get("incident_key")),
                    "event_type": event_type,
                },
                description=text(data.get("title")),
                started_at=parse_timestamp(
                    data.get("created_at"), "event.data.created_at", warnings
                )
                or (occurred if status == FIRING else None),
                ended_at=occurred if status == RESOLVED else None,
                occurred_at=occurred,
                group_key=text(service.get("id")) or None,
                warnings=warnings,
            )
        ]
