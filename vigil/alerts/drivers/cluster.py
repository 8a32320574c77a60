"""What a Vigil node's `push_to_hub` sends to its hub: one event per check result.

{"vigil_cluster": 1, "node": "web-1", "sent_at": "<ISO 8601>",
 "results": [{"check", "target", "status": ok|warning|critical|unknown,
              "message", "metrics", "thresholds"}]}
"""

from vigil.alerts.drivers.base import (
    CRITICAL,
    FIRING,
    INFO,
    RESOLVED,
    WARNING,
    AlertEvent,
    Driver,
    PayloadError,
    bounded_id,
    optional,
    parse_timestamp,
    require,
    text,
)

CHECK_SEVERITY = {"critical": CRITICAL, "warning": WARNING, "unknown": INFO, "ok": INFO}


class ClusterDriver(Driver):
    slug = "cluster"
    label = "Vigil cluster node (push_to_hub)"
    signs = True

    def detect(self, payload: dict) -> bool:
        return "vigil_cluster" in payload

    def parse(self, payload: dict) -> list[AlertEvent]:
        node = require(payload, "node", str)
        results = require(payload, "results", list)
        warnings: list[str] = []
        sent_at = parse_timestamp(payload.get("sent_at"), "sent_at", warnings)
        return [
            self._event(node, result, f"results[{i}]", sent_at, warnings)
            for i, result in enumerate(results)
        ]

    def _event(self, node: str, result, where: str, sent_at, warnings) -> AlertEvent:
        if not isinstance(result, dict):
            raise PayloadError(f"{where} must be an object", field=where)
        check = require(result, "check", str, where=where)
        target = text(result.get("target"))
        status = require(result, "status", str, where=where)
        if status not in CHECK_SEVERITY:
            raise PayloadError(
                f"{where}.status {status!r} is not one of {', '.join(CHECK_SEVERITY)}",
                field=f"{where}.status",
            )
        resolved = status == "ok"
        return AlertEvent(
            source=self.slug,
            fingerprint=bounded_id(f"{node}:{check}:{target}"),
            name=f"{check} {target} on {node}" if target else f"{check} on {node}",
            status=RESOLVED if resolved else FIRING,
            severity=CHECK_SEVERITY[status],
            severity_raw=status,
            labels={"node": node, "check": check, "target": target},
            annotations={
                "metrics": optional(result, "metrics", dict, {}, where=where),
                "thresholds": optional(result, "thresholds", dict, {}, where=where),
            },
            description=text(result.get("message")),
            started_at=None if resolved else sent_at,
            ended_at=sent_at if resolved else None,
            group_key=node,
            warnings=list(warnings),
        )
