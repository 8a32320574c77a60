"""Zabbix webhook media type: the JSON its script sends from {EVENT.*} macros.

Event times are server-local without a zone; they are read in TIME_ZONE. Macros
Zabbix could not resolve arrive literally ("{EVENT.RECOVERY.DATE}") and count as absent.
"""

import json

from vigil.alerts.drivers.base import (
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

# {EVENT.VALUE}: 1 = problem, 0 = recovery. {EVENT.UPDATE.STATUS} 1 = an update.
VALUES = {"1": FIRING, "0": RESOLVED}


def _value(payload: dict, key: str) -> str:
    value = text(payload.get(key)).strip()
    return "" if value.startswith("{") and value.endswith("}") else value


def _tags(raw, warnings: list[str]) -> dict[str, str]:
    if isinstance(raw, str):
        if not raw.strip() or raw.strip().startswith("{EVENT"):
            return {}
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            warnings.append("event_tags: not valid JSON, ignored")
            return {}
    if isinstance(raw, dict):
        return {str(k): text(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return {
            text(tag.get("tag")): text(tag.get("value"))
            for tag in raw
            if isinstance(tag, dict) and tag.get("tag")
        }
    return {}


class ZabbixDriver(Driver):
    slug = "zabbix"
    label = "Zabbix"
    host_labels = ("host_ip",)

    def detect(self, payload: dict) -> bool:
        return "event_id" in payload and (
            "event_value" in payload or "trigger_id" in payload or "event_severity" in payload
        )

    def parse(self, payload: dict) -> list[AlertEvent]:
        event_id = _value(payload, "event_id")
        if not event_id:
            raise PayloadError("required field 'event_id' is missing", field="event_id")
        value = _value(payload, "event_value")
        if value not in VALUES:
            raise PayloadError(
                f"event_value {value!r} is not 1 (problem) or 0 (recovery)", field="event_value"
            )
        warnings: list[str] = []
        labels = _tags(payload.get("event_tags"), warnings)
        for key in ("host_name", "host_ip", "trigger_id"):
            if _value(payload, key):
                labels.setdefault(key.replace("_name", ""), _value(payload, key))
        severity, raw = normalise_severity(
            _value(payload, "event_severity") or _value(payload, "event_nseverity")
        )
        status = VALUES[value]
        started = self._when(payload, "event_date", "event_time", warnings)
        ended = self._when(payload, "event_recovery_date", "event_recovery_time", warnings)
        name = _value(payload, "event_name") or _value(payload, "alert_subject")
        return [
            AlertEvent(
                source=self.slug,
                # {EVENT.ID} is the problem's id, also in its recovery message.
                fingerprint=bounded_id(event_id),
                name=name or f"Zabbix event {event_id}",
                status=status,
                severity=severity,
                severity_raw=raw,
                labels=labels,
                annotations={
                    "trigger_description": _value(payload, "trigger_description"),
                    "event_url": _value(payload, "event_url"),
                },
                description=_value(payload, "alert_message"),
                started_at=started,
                ended_at=ended if status == RESOLVED else None,
                group_key=_value(payload, "trigger_id") or None,
                warnings=warnings,
            )
        ]

    @staticmethod
    def _when(payload: dict, date_key: str, time_key: str, warnings: list[str]):
        date, clock = _value(payload, date_key), _value(payload, time_key)
        if not date:
            return None
        # Zabbix writes 2026.11.23 10:00:00.
        iso = f"{date.replace('.', '-')}T{clock or '00:00:00'}"
        return parse_timestamp(iso, date_key, warnings)
