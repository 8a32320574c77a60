"""Grafana: unified alerting webhook contact point, and the legacy (pre-8) alert format."""

from vigil.alerts import signatures
from vigil.alerts.drivers.base import (
    FIRING,
    RESOLVED,
    AlertEvent,
    Driver,
    bounded_id,
    fingerprint_of,
    normalise_severity,
    prometheus_event,
    require,
    tag_labels,
    text,
)

# Legacy rule states; "pending", "paused", "no_data" are not a problem nor a recovery.
LEGACY_STATES = {"alerting": FIRING, "ok": RESOLVED, "no_data": FIRING}


# Unified alerting's links and value string, kept on the alert under their own names.
UNIFIED_COPIED_FIELDS = {
    key: key for key in ("dashboardURL", "panelURL", "silenceURL", "generatorURL", "valueString")
}


class GrafanaDriver(Driver):
    slug = "grafana"
    label = "Grafana"
    signs = True
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
        return prometheus_event(
            self.slug, alert, where, group_key=group_key, copied_fields=UNIFIED_COPIED_FIELDS
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
