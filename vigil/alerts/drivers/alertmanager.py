"""Prometheus Alertmanager, webhook_config payload version 4 (a group of alerts)."""

from vigil.alerts.drivers.base import (
    FIRING,
    RESOLVED,
    AlertEvent,
    Driver,
    PayloadError,
    clean_labels,
    fingerprint_of,
    normalise_severity,
    optional,
    parse_timestamp,
    require,
    text,
)


class AlertmanagerDriver(Driver):
    slug = "alertmanager"
    label = "Prometheus Alertmanager"

    def detect(self, payload: dict) -> bool:
        return (
            isinstance(payload.get("alerts"), list)
            and "groupKey" in payload
            and ("receiver" in payload or "version" in payload)
        )

    def parse(self, payload: dict) -> list[AlertEvent]:
        alerts = require(payload, "alerts", list)
        group_key = text(payload.get("groupKey")) or None
        common = clean_labels(payload.get("commonLabels"), where="commonLabels")
        return [
            self._event(alert, f"alerts[{index}]", group_key, common)
            for index, alert in enumerate(alerts)
        ]

    def _event(self, alert, where: str, group_key, common: dict) -> AlertEvent:
        if not isinstance(alert, dict):
            raise PayloadError(f"{where} must be an object", field=where)
        status = require(alert, "status", str, where=where)
        if status not in (FIRING, RESOLVED):
            raise PayloadError(
                f"{where}.status {status!r} is not firing or resolved", field=f"{where}.status"
            )
        labels = {**common, **clean_labels(alert.get("labels"), where=f"{where}.labels")}
        annotations = clean_labels(alert.get("annotations"), where=f"{where}.annotations")
        name = labels.get("alertname") or "unnamed alert"
        severity, raw = normalise_severity(labels.get("severity"))
        warnings: list[str] = []
        if alert.get("generatorURL"):
            annotations.setdefault("generator_url", text(alert["generatorURL"]))
        return AlertEvent(
            source=self.slug,
            fingerprint=optional(alert, "fingerprint", str, "", where=where)
            or fingerprint_of(name, labels),
            name=name,
            status=status,
            severity=severity,
            severity_raw=raw,
            labels=labels,
            annotations=annotations,
            description=annotations.get("description") or annotations.get("summary", ""),
            started_at=parse_timestamp(alert.get("startsAt"), f"{where}.startsAt", warnings),
            ended_at=parse_timestamp(alert.get("endsAt"), f"{where}.endsAt", warnings),
            group_key=group_key,
            warnings=warnings,
        )
