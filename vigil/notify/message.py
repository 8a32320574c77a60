"""What the NOTIFY stage is handed and what it hands back: plain data, no models."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from vigil.core.timefmt import iso
from vigil.notify import page

SEVERITIES = ("critical", "warning", "info")
STATUSES = ("firing", "acknowledged", "resolved")
MAX_TITLE = 500
MAX_TEXT = 20_000
MAX_FIELDS = 50
MAX_LINKS = 10

# Incident statuses mapped onto the three states every driver understands.
_INCIDENT_STATUS = {
    "open": "firing",
    "acknowledged": "acknowledged",
    "resolved": "resolved",
    "closed": "resolved",
}


class InvalidNotification(ValueError):
    pass


@dataclass
class Notification:
    title: str
    text: str = ""
    severity: str = "warning"
    status: str = "firing"
    incident_id: int | None = None
    # Stable per incident: PagerDuty/Opsgenie use it to group trigger/ack/resolve.
    dedup_key: str = ""
    url: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    analysis_summary: str = ""
    source: str = "vigil"
    # Where to look, label -> http(s) URL: runbook, the source's page, similar incidents.
    links: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.title = str(self.title or "").strip()[:MAX_TITLE]
        if not self.title:
            raise InvalidNotification("a notification needs a non-empty title")
        if self.severity not in SEVERITIES:
            raise InvalidNotification(
                f"severity {self.severity!r} is not valid; use one of {', '.join(SEVERITIES)}"
            )
        if self.status not in STATUSES:
            raise InvalidNotification(
                f"status {self.status!r} is not valid; use one of {', '.join(STATUSES)}"
            )
        if len(self.fields) > MAX_FIELDS:
            raise InvalidNotification(f"at most {MAX_FIELDS} fields, got {len(self.fields)}")
        self.text = str(self.text or "")[:MAX_TEXT]
        self.fields = {str(k)[:100]: str(v)[:2000] for k, v in self.fields.items()}
        if len(self.links) > MAX_LINKS:
            raise InvalidNotification(f"at most {MAX_LINKS} links, got {len(self.links)}")
        for label, url in self.links.items():
            if not str(url).startswith(("https://", "http://")):
                raise InvalidNotification(f"link {str(label)[:50]!r} must be an http(s) URL")
        self.links = {str(k)[:100]: str(v)[:2000] for k, v in self.links.items()}
        if not self.dedup_key and self.incident_id is not None:
            self.dedup_key = f"vigil-incident-{self.incident_id}"

    def to_dict(self) -> dict[str, Any]:
        # Flat but for `fields` (str -> str): dataclasses.asdict's recursive deep copy
        # was 2 % of a worker's CPU, once per run.
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["fields"] = dict(self.fields)
        data["links"] = dict(self.links)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Notification":
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    @classmethod
    def from_incident(
        cls,
        snapshot: dict,
        analysis: dict | None = None,
        check_results: list[dict] | None = None,
    ) -> "Notification":
        """Build the message for `Incident.snapshot()` plus what CHECK and ANALYZE found
        (what it says: vigil/notify/page.py)."""
        incident_id = snapshot.get("id")
        return cls(
            title=snapshot.get("title") or "Incident",
            severity=snapshot.get("severity")
            if snapshot.get("severity") in SEVERITIES
            else "warning",
            status=_INCIDENT_STATUS.get(snapshot.get("status", "open"), "firing"),
            incident_id=incident_id,
            url=incident_url(incident_id),
            source=str(snapshot.get("source") or "vigil"),
            **page.describe(snapshot, analysis, check_results, incident_url),
        )


def incident_url(incident_id: int | None) -> str:
    base = settings.NOTIFY_LINK_BASE_URL
    if not base or incident_id is None:
        return ""
    return f"{base.rstrip('/')}/admin/alerts/incident/{incident_id}/change/"


@dataclass
class DeliveryOutcome:
    """One per channel. status: sent, already_sent, retry, failed, dead or held."""

    channel: str
    status: str
    delivery_id: int | None = None
    error: str = ""
    retry_at: datetime | None = None
    attempts: int = 0
    # A "retry" that only waits for its booked rate-limit slot: nothing failed.
    rate_limited: bool = False

    @property
    def permanent(self) -> bool:
        return self.status in ("failed", "dead")

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["retry_at"] = iso(self.retry_at)
        return data
