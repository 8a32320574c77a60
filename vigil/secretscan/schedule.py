"""What the scheduler runs: each entry point gives the security alerts to raise, and
`record` notes where each one went. The scheduler (orchestration) hands the alerts to
ingest through the `secretscan` driver, as an outside tool's webhook would."""

from django.utils import timezone

from vigil.secretscan import events, services, watch
from vigil.secretscan.models import AuthFailureBurst

__all__ = ["payload", "record", "scans", "tick", "watch_now"]

payload = events.payload
tick = services.tick


def scans() -> list[events.SecurityAlert]:
    """The repositories due a scan: new commits, active branches' trees, added files and
    hooks daily; the whole history weekly (new rules find old leaks)."""
    return [a for scan in services.scan_due() for a in events.repository_alerts(scan)]


def watch_now() -> list[events.SecurityAlert]:
    """Bursts of failed sign-ins and refused API keys; changes to watched files."""
    alerts = [events.burst_alert(burst) for burst in watch.unsent_bursts()]
    return alerts + [events.file_alert(change) for change in watch.check_watched_files()]


def record(alert: events.SecurityAlert, incident_ids: list[int]) -> None:
    if alert.finding_ids:
        services.link_incident(alert.finding_ids, incident_ids[0] if incident_ids else None)
    if alert.burst_id is not None:
        AuthFailureBurst.objects.filter(pk=alert.burst_id).update(sent_at=timezone.now())
