"""Opsgenie outgoing webhook integration (alert actions). Actions that do not change an
alert's state (AddNote, AssignOwnership, …) are accepted and ignored."""

from vigil.alerts.drivers.base import (
    ACKNOWLEDGED,
    FIRING,
    RESOLVED,
    AlertEvent,
    Driver,
    PayloadError,
    bounded_id,
    clean_labels,
    normalise_severity,
    parse_timestamp,
    require,
    tag_labels,
    text,
)

ACTIONS = {
    "Create": FIRING,
    "UnAcknowledge": FIRING,
    "Acknowledge": ACKNOWLEDGED,
    "Close": RESOLVED,
    "Delete": RESOLVED,
}


class OpsgenieDriver(Driver):
    slug = "opsgenie"
    label = "Opsgenie"
    host_labels = ("entity",)

    def detect(self, payload: dict) -> bool:
        alert = payload.get("alert")
        return (
            "action" in payload
            and isinstance(alert, dict)
            and ("alertId" in alert or "integrationType" in payload)
        )

    def parse(self, payload: dict) -> list[AlertEvent]:
        action = require(payload, "action", str)
        if action not in ACTIONS:
            return []
        alert = require(payload, "alert", dict)
        alert_id = require(alert, "alertId", str, where="alert")
        status = ACTIONS[action]
        labels = tag_labels(alert.get("tags"))
        for key in ("entity", "source", "team"):
            if alert.get(key):
                labels.setdefault(key, text(alert[key]))
        severity, raw = normalise_severity(alert.get("priority"))
        warnings: list[str] = []
        details = alert.get("details")
        if details is not None and not isinstance(details, dict):
            raise PayloadError("field 'alert.details' must be an object", field="alert.details")
        return [
            AlertEvent(
                source=self.slug,
                # The alias is Opsgenie's de-duplication key; the alert id changes when
                # a closed alias is created again.
                fingerprint=bounded_id(alert.get("alias") or alert_id),
                name=text(alert.get("message")) or f"Opsgenie alert {alert.get('tinyId', '')}",
                status=status,
                severity=severity,
                severity_raw=raw,
                labels=labels,
                annotations={
                    **clean_labels(details, where="alert.details"),
                    "alert_id": alert_id,
                    "tiny_id": text(alert.get("tinyId")),
                    "action": action,
                    "username": text(alert.get("username")),
                },
                description=text(alert.get("description")),
                started_at=parse_timestamp(alert.get("createdAt"), "alert.createdAt", warnings),
                ended_at=parse_timestamp(alert.get("updatedAt"), "alert.updatedAt", warnings)
                if status == RESOLVED
                else None,
                group_key=text(payload.get("integrationId")) or None,
                warnings=warnings,
            )
        ]
