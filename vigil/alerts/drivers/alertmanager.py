"""Prometheus Alertmanager, webhook_config payload version 4 (a group of alerts)."""

from vigil.alerts.drivers.base import (
    AlertEvent,
    Driver,
    clean_labels,
    prometheus_event,
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
        return prometheus_event(
            self.slug,
            alert,
            where,
            group_key=group_key,
            common_labels=common,
            copied_fields={"generatorURL": "generator_url"},
        )
