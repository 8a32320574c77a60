"""Vigil's own JSON contract, for anything that can POST JSON (docs/alerts.md).

One alert object, or {"alerts": [ … ]}:
    name (required), status firing|resolved|acknowledged (default firing),
    severity (default warning), fingerprint (default: hash of name + labels),
    labels {str: str}, annotations {str: any}, description, started_at, ended_at
    (ISO 8601 or Unix seconds), group (optional grouping key).
"""

from vigil.alerts.drivers.base import (
    FIRING,
    STATUSES,
    AlertEvent,
    Driver,
    PayloadError,
    bounded_id,
    clean_labels,
    fingerprint_of,
    normalise_severity,
    optional,
    parse_timestamp,
    require,
    text,
)


class GenericDriver(Driver):
    slug = "generic"
    label = "Generic JSON"
    signs = True

    def detect(self, payload: dict) -> bool:
        alerts = payload.get("alerts")
        if isinstance(alerts, list):
            return bool(alerts) and all(isinstance(a, dict) and "name" in a for a in alerts)
        return "name" in payload

    def parse(self, payload: dict) -> list[AlertEvent]:
        if "alerts" in payload:
            alerts = require(payload, "alerts", list)
            if not alerts:
                raise PayloadError("'alerts' is empty", field="alerts")
            return [self._event(alert, f"alerts[{i}]") for i, alert in enumerate(alerts)]
        return [self._event(payload, "")]

    def _event(self, alert, where: str) -> AlertEvent:
        if not isinstance(alert, dict):
            raise PayloadError(f"{where} must be an object", field=where)
        prefix = f"{where}." if where else ""
        name = require(alert, "name", str, where=where)
        status = optional(alert, "status", str, FIRING, where=where).lower()
        if status not in STATUSES:
            raise PayloadError(
                f"{prefix}status {status!r} is not one of {', '.join(STATUSES)}",
                field=f"{prefix}status",
            )
        labels = clean_labels(alert.get("labels"), where=f"{prefix}labels")
        annotations = optional(alert, "annotations", dict, {}, where=where)
        severity, raw = normalise_severity(optional(alert, "severity", str, "", where=where))
        fingerprint = optional(alert, "fingerprint", (str, int), "", where=where)
        warnings: list[str] = []
        return AlertEvent(
            source=self.slug,
            fingerprint=bounded_id(fingerprint) if fingerprint else fingerprint_of(name, labels),
            name=name,
            status=status,
            severity=severity,
            severity_raw=raw,
            labels=labels,
            annotations=annotations,
            description=text(alert.get("description")),
            started_at=parse_timestamp(alert.get("started_at"), f"{prefix}started_at", warnings),
            ended_at=parse_timestamp(alert.get("ended_at"), f"{prefix}ended_at", warnings),
            group_key=text(alert.get("group")) or None,
            warnings=warnings,
        )
