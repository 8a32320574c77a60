"""Grafana: unified alerting webhook contact point, and the legacy (pre-8) alert format."""

from vigil.alerts import signatures
from vigil.alerts.drivers.base import (
    FIRING,
    RESOLVED,
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
    tag_labels,
    text,
)

# Legacy rule states; "pending", "paused", "no_data" are not a problem nor a recovery.
LEGACY_STATES = {"alerting": FIRING, "ok": RESOLVED, "no_data": FIRING}


class GrafanaDriver(Driver):
    slug = "grafana"
    label = "Grafana"
    signature_header = signatures.GRAFANA_HEADER

    def detect(self, payload: dict) -> bool:
        unified = isinstance(payload.get("alerts"), list) and "orgId" in payload
        legacy = "ruleName" in payload and ("evalMatches" in payload or "ruleId" in payload)
        return unified or legacy

    def verify_signature(self, secret: str, body: bytes, headers) -> None:
        signatures.verify_grafana(secret, body, headers)

    def parse(self, payload: dict) -> list[AlertEvent]:
        if isinstance(payload.get("alerts"), list):
            group_key = text(payload.get("groupKey")) or None
            return [
                self._unified(alert, f"alerts[{index}]", group_key)
                for index, alert in enumerate(payload["alerts"])
            ]
        return self._legacy(payload)

    def _unified(self, alert, where: str, group_key) -> AlertEvent:
        if not isinstance(alert, dict):
            raise PayloadError(f"{where} must be an object", field=where)
        status = require(alert, "status", str, where=where)
        if status not in (FIRING, RESOLVED):
            raise PayloadError(
                f"{where}.status {status!r} is not firing or resolved", field=f"{where}.status"
            )
        labels = clean_labels(alert.get("labels"), where=f"{where}.labels")
        annotations = clean_labels(alert.get("annotations"), where=f"{where}.annotations")
        for key in ("dashboardURL", "panelURL", "silenceURL", "generatorURL", "valueString"):
            if alert.get(key):
                annotations.setdefault(key, text(alert[key]))
        name = labels.get("alertname") or "unnamed alert"
        severity, raw = normalise_severity(labels.get("severity"))
        warnings: list[str] = []
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

    def _legacy(self, payload: dict) -> list[AlertEvent]:
        name = require(payload, "ruleName", str)
        state = require(payload, "state", str)
        if state not in LEGACY_STATES:
            return []  # pending / paused: nothing to record
        labels = tag_labels([f"{k}:{v}" for k, v in (payload.get("tags") or {}).items()])
        severity, raw = normalise_severity(labels.get("severity"))
        rule_id = payload.get("ruleId")
        annotations = {"rule_url": text(payload.get("ruleUrl")), "state": state}
        if payload.get("evalMatches"):
            annotations["eval_matches"] = text(payload["evalMatches"])
        return [
            AlertEvent(
                source=self.slug,
                fingerprint=bounded_id(f"rule:{rule_id}")
                if rule_id
                else fingerprint_of(name, labels),
                name=name,
                status=LEGACY_STATES[state],
                severity=severity,
                severity_raw=raw,
                labels=labels,
                annotations=annotations,
                description=text(payload.get("message") or payload.get("title")),
            )
        ]
