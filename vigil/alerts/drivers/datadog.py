"""Datadog webhook integration: the default payload and its documented $VARIABLES."""

import re

from vigil.alerts.drivers.base import (
    FIRING,
    RESOLVED,
    AlertEvent,
    Driver,
    PayloadError,
    bounded_id,
    fingerprint_of,
    normalise_severity,
    parse_timestamp,
    require,
    tag_labels,
    text,
)

# $ALERT_TRANSITION values; the title carries the same word in brackets when the
# payload template leaves the variable out ("[Triggered on {host:web-1}] …").
TRANSITIONS = {
    "triggered": FIRING,
    "re-triggered": FIRING,
    "warn": FIRING,
    "re-warn": FIRING,
    "no data": FIRING,
    "re-no data": FIRING,
    "renotify": FIRING,
    "recovered": RESOLVED,
}
# A title alone is not an event: the default payload carries `id`, the documented
# custom one the monitor's ids as well.
IDENTIFYING = ("id", "alert_id", "aggreg_key", "alert_cycle_key")
_TITLE_PREFIX = re.compile(r"^\[(?P<word>[A-Za-z -]+?)(?: on (?P<scope>[^\]]*))?\]\s*")
# Monitor alert types ($ALERT_TYPE) and transitions read as a severity.
ALERT_TYPE_SEVERITY = {"error": "critical", "warning": "warning", "warn": "warning"}


class DatadogDriver(Driver):
    slug = "datadog"
    label = "Datadog"

    def detect(self, payload: dict) -> bool:
        org = payload.get("org")
        default_shape = isinstance(org, dict) and "event_type" in payload and "date" in payload
        return default_shape or "alert_transition" in payload or "alert_cycle_key" in payload

    def parse(self, payload: dict) -> list[AlertEvent]:
        title = text(require(payload, "title", str))
        if not any(payload.get(key) for key in IDENTIFYING):
            raise PayloadError(
                f"a Datadog event needs one of {', '.join(IDENTIFYING)}: send the default "
                "payload or the one in docs/alerts.md",
                field="id",
            )
        match = _TITLE_PREFIX.match(title)
        word = text(payload.get("alert_transition")) or (match.group("word") if match else "")
        status = TRANSITIONS.get(word.strip().lower(), FIRING)
        name = _TITLE_PREFIX.sub("", title).strip() or title
        labels = tag_labels(payload.get("tags"))
        for key in ("hostname", "alert_scope", "alert_id", "priority"):
            if payload.get(key):
                labels.setdefault(key, text(payload[key]))
        # The monitor's scope ("host:web-1,env:prod"; the default payload has it only
        # in its title, "[Triggered on {host:web-1}]") names the host the alert is about.
        identity = dict(labels)  # the fingerprint stays what it was before the scope's host
        scope = text(payload.get("alert_scope")) or (match and match.group("scope")) or ""
        scoped_host = tag_labels(scope.strip("{} ")).get("host")
        if scoped_host:
            labels.setdefault("host", scoped_host)
        raw = text(payload.get("alert_type")) or word
        severity, raw = normalise_severity(ALERT_TYPE_SEVERITY.get(raw.lower(), raw))
        stable = payload.get("aggreg_key") or payload.get("alert_cycle_key")
        if not stable and payload.get("alert_id"):
            stable = f"monitor:{payload['alert_id']}:{text(payload.get('alert_scope'))}"
        warnings: list[str] = []
        seen = parse_timestamp(payload.get("date") or payload.get("last_updated"), "date", warnings)
        return [
            AlertEvent(
                source=self.slug,
                fingerprint=bounded_id(stable) if stable else fingerprint_of(name, identity),
                name=name,
                status=status,
                severity=severity,
                severity_raw=raw,
                labels=labels,
                annotations={
                    "event_id": text(payload.get("id")),
                    "link": text(payload.get("link")),
                    "transition": word,
                },
                description=text(payload.get("body")),
                started_at=seen if status == FIRING else None,
                ended_at=seen if status == RESOLVED else None,
                group_key=text(payload.get("alert_id")) or None,
                warnings=warnings,
            )
        ]
