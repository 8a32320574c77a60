"""What one alert event does to its alert and incident: duplicate → correlate → create.

Functions over the in-memory working set of one ingest transaction (`Working`): the
alerts and incidents it loaded, and what it changed. They never touch the database —
the store loads the working set and writes back what they changed — so the rules of
docs/alerts.md can be tested on plain instances. Each change is also an entry in
`Working.history` (the timeline) and, where it matters, a warning on the event.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import (
    ACTIVE_INCIDENT_STATUSES,
    SEVERITY_RANK,
    Alert,
    AlertHistory,
    AlertStatus,
    Incident,
    IncidentStatus,
)
from vigil.core.fastsql import build

Event = AlertHistory.Event


@dataclass(frozen=True)
class Rules:
    grouping: str = "fingerprint"  # or "source": the vendor's group key
    reopen_window: timedelta = timedelta(hours=1)
    flap_window: timedelta = timedelta(minutes=15)
    flap_threshold: int = 5

    @classmethod
    def from_settings(cls) -> "Rules":
        return cls(
            grouping=settings.ALERTS_GROUPING,
            reopen_window=timedelta(seconds=settings.ALERTS_REOPEN_WINDOW_SECONDS),
            flap_window=timedelta(seconds=settings.ALERTS_FLAP_WINDOW_SECONDS),
            flap_threshold=settings.ALERTS_FLAP_THRESHOLD,
        )


@dataclass
class IngestResult:
    """What one caller's events did: the answer of `services.ingest_events`."""

    incident_ids: list[int] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)
    alerts_created: int = 0
    alerts_updated: int = 0
    duplicates: int = 0
    # Resolutions of alerts Vigil never saw firing (it was down, or not yet set up).
    resolved_unknown: int = 0
    # Events older than what is stored (a firing that arrived after its resolution).
    out_of_order: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Working:
    """One transaction's alerts and incidents, and what the events changed."""

    now: datetime
    rules: Rules
    source: str = ""  # of the events being applied
    result: IngestResult = field(default_factory=IngestResult)  # of the caller applied
    incidents: dict[int, Incident] = field(default_factory=dict)  # loaded, by pk
    active_by_group: dict[str, Incident] = field(default_factory=dict)
    new_incidents: list[Incident] = field(default_factory=list)
    dirty_incidents: set[int] = field(default_factory=set)  # loaded ones to write back
    # Incidents acknowledged before this transaction: a change to one tells nobody.
    was_silenced: set[int] = field(default_factory=set)
    # Incidents materially changed (a run is recorded): pks, or id() of new ones.
    material: set[int] = field(default_factory=set)
    resolved_in: set[int] = field(default_factory=set)  # an alert of theirs resolved
    history: list[AlertHistory] = field(default_factory=list)

    def add_incident(self, incident: Incident) -> None:
        self.incidents[incident.pk] = incident
        if incident.status in ACTIVE_INCIDENT_STATUSES:
            self.active_by_group[incident.group_key] = incident
        if incident.status == IncidentStatus.ACKNOWLEDGED:
            self.was_silenced.add(incident.pk)


def group_key_for(source: str, event: AlertEvent, grouping: str) -> str:
    if grouping == "source" and event.group_key:
        key = f"{source}:group:{event.group_key}"
    else:
        key = f"{source}:{event.fingerprint}"
    if len(key) > 255:
        key = f"{source}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def apply(work: Working, alert: Alert | None, event: AlertEvent) -> Alert:
    """Apply `event` to its stored alert (None: never seen); returns the alert."""
    if alert is None:
        return _create(work, event)
    alert.last_seen_at = work.now
    if older_than_resolution(alert, event):
        _out_of_order(work, alert, event)
    elif event.status == alert.status and event.severity == alert.severity:
        _duplicate(work, alert, event)
    else:
        _update(work, alert, event)
    return alert


def _out_of_order(work: Working, alert: Alert, event: AlertEvent) -> None:
    alert.duplicate_count += 1
    work.result.out_of_order += 1
    event.warnings.append(
        f"{event.status} event of alert {event.name[:100]!r} from "
        f"{(event.occurred_at or event.started_at).isoformat()}, before its resolution at "
        f"{alert.ended_at.isoformat()}: delivered out of order, ignored"
    )
    _note_incident(work, alert)


def _duplicate(work: Working, alert: Alert, event: AlertEvent) -> None:
    alert.duplicate_count += 1
    if event.ended_at:
        alert.ended_at = event.ended_at
    work.result.duplicates += 1
    _note_incident(work, alert)


def _create(work: Working, event: AlertEvent) -> Alert:
    alert = build(
        Alert,
        source=work.source,
        fingerprint=event.fingerprint,
        first_seen_at=work.now,
        last_seen_at=work.now,
    )
    _copy(alert, event)
    if event.status == AlertStatus.RESOLVED:
        # Kept (a late firing of it is then recognised as older), but nothing to close.
        work.result.resolved_unknown += 1
        event.warnings.append(
            f"resolved alert {event.name[:100]!r} (fingerprint {event.fingerprint[:64]}) "
            "was never seen firing: recorded as resolved, no incident changed"
        )
    else:
        alert.incident = correlate(work, alert, event)
        _touch(work, alert.incident, severity=event.severity)
        if event.status == AlertStatus.ACKNOWLEDGED:
            # First seen already acknowledged at the vendor (PagerDuty, Opsgenie).
            _acknowledge_from_source(work, alert.incident)
    _record(work, alert, Event.CREATED, "", event.status, severity=event.severity)
    work.result.alerts_created += 1
    return alert


def _update(work: Working, alert: Alert, event: AlertEvent) -> None:
    before_status, before_severity = alert.status, alert.severity
    _copy(alert, event)
    if event.status != before_status:
        _status_changed(work, alert, event, before_status)
    if event.severity != before_severity:
        _record(
            work,
            alert,
            Event.SEVERITY_CHANGED,
            before_status,
            alert.status,
            severity=event.severity,
            previous=before_severity,
        )
        _touch(work, alert.incident, severity=event.severity)
    work.result.alerts_updated += 1


def _status_changed(work: Working, alert: Alert, event: AlertEvent, before: str) -> None:
    if event.status == AlertStatus.RESOLVED:
        _record(work, alert, Event.RESOLVED, before, event.status)
        incident = work.incidents.get(alert.incident_id)
        if incident is not None:
            _touch(work, incident, transition=True)
            work.resolved_in.add(incident.pk)
        return
    if before == AlertStatus.RESOLVED:
        alert.incident = correlate(work, alert, event)
        _record(work, alert, Event.REFIRED, before, event.status)
        _touch(work, alert.incident, severity=event.severity, transition=True)
    else:
        entry = Event.ACKNOWLEDGED if event.status == AlertStatus.ACKNOWLEDGED else Event.REFIRED
        _record(work, alert, entry, before, event.status)
        _touch(work, work.incidents.get(alert.incident_id))
    if event.status == AlertStatus.ACKNOWLEDGED:
        _acknowledge_from_source(work, alert.incident)
    elif before == AlertStatus.ACKNOWLEDGED and alert.incident is not None:
        _unacknowledge_from_source(work, alert.incident)


def _copy(alert: Alert, event: AlertEvent) -> None:
    alert.name = event.name
    alert.status = event.status
    alert.severity = event.severity
    alert.severity_raw = event.severity_raw
    alert.labels = event.labels
    alert.annotations = event.annotations
    alert.description = event.description
    alert.started_at = event.started_at or alert.started_at
    alert.ended_at = event.ended_at if event.status == AlertStatus.RESOLVED else None


def older_than_resolution(alert: Alert, event: AlertEvent) -> bool:
    """A firing (or acknowledgement) that happened before the resolution already stored:
    webhooks are not delivered in order, and the vendor's own timestamps tell."""
    happened = event.occurred_at or event.started_at
    return (
        alert.status == AlertStatus.RESOLVED
        and event.status != AlertStatus.RESOLVED
        and happened is not None
        and alert.ended_at is not None
        and happened <= alert.ended_at
    )


# --- incidents -------------------------------------------------------------------------


def correlate(work: Working, alert: Alert, event: AlertEvent) -> Incident:
    """The incident a firing alert belongs to: the group's active one, its own
    recently resolved one (reopened), or a new one."""
    key = group_key_for(work.source, event, work.rules.grouping)
    active = work.active_by_group.get(key)
    if active is not None:
        return active
    previous = work.incidents.get(alert.incident_id)
    if (
        previous is not None
        and previous.status == IncidentStatus.RESOLVED
        and previous.group_key == key
        and previous.resolved_at
        and work.now - previous.resolved_at <= work.rules.reopen_window
    ):
        previous.status = IncidentStatus.OPEN
        previous.resolved_at = None
        previous.resolved_by = ""
        _record_incident(work, previous, Event.INCIDENT_REOPENED, "resolved", "open")
        work.active_by_group[key] = previous
        return previous
    incident = build(
        Incident,
        title=event.name,
        severity=event.severity,
        source=work.source,
        group_key=key,
        environment=(event.labels.get("environment") or event.labels.get("env", ""))[:64],
        labels=event.labels,
        opened_at=work.now,
        updated_at=work.now,
    )
    work.new_incidents.append(incident)
    work.active_by_group[key] = incident
    return incident


def _touch(work: Working, incident: Incident | None, *, severity=None, transition=False) -> None:
    """Mark `incident` materially changed (a run will be recorded for it)."""
    if incident is None:
        return
    if severity and SEVERITY_RANK[severity] > SEVERITY_RANK[incident.severity]:
        incident.severity = severity
    if transition:
        _count_transition(work, incident)
    work.material.add(incident.pk or id(incident))
    if incident.pk:
        work.dirty_incidents.add(incident.pk)


def _note_incident(work: Working, alert: Alert) -> None:
    if alert.incident_id and alert.incident_id not in work.result.incident_ids:
        work.result.incident_ids.append(alert.incident_id)


def _count_transition(work: Working, incident: Incident) -> None:
    started = incident.flap_window_started_at
    if started is None or work.now - started > work.rules.flap_window:
        incident.flap_window_started_at = work.now
        incident.flap_transitions = 0
    incident.flap_transitions += 1
    flapping = incident.flap_transitions > work.rules.flap_threshold
    if flapping != incident.flapping:
        incident.flapping = flapping
        event = Event.FLAPPING_STARTED if flapping else Event.FLAPPING_STOPPED
        _record_incident(work, incident, event, "", "", transitions=incident.flap_transitions)


def _acknowledge_from_source(work: Working, incident: Incident | None) -> None:
    if incident is None or incident.status != IncidentStatus.OPEN:
        return
    incident.status = IncidentStatus.ACKNOWLEDGED
    incident.acknowledged_at = work.now
    incident.acknowledged_by = work.source
    _record_incident(work, incident, Event.INCIDENT_ACKNOWLEDGED, "open", "acknowledged")


def _unacknowledge_from_source(work: Working, incident: Incident) -> None:
    if incident.status == IncidentStatus.ACKNOWLEDGED and incident.acknowledged_by == work.source:
        incident.status = IncidentStatus.OPEN
        incident.acknowledged_at = None
        incident.acknowledged_by = ""
        _record_incident(work, incident, Event.INCIDENT_REOPENED, "acknowledged", "open")


def auto_resolve_candidates(work: Working) -> list[int]:
    """Active incidents one of whose alerts resolved: resolved if none still fires."""
    return sorted(
        pk for pk in work.resolved_in if work.incidents[pk].status in ACTIVE_INCIDENT_STATUSES
    )


def auto_resolve(work: Working, still_firing: set[int]) -> None:
    """Resolve each candidate that has no alert in `still_firing` (incident pks)."""
    for pk in auto_resolve_candidates(work):
        if pk in still_firing:
            continue
        incident = work.incidents[pk]
        before = incident.status
        incident.status = IncidentStatus.RESOLVED
        incident.resolved_at = work.now
        incident.resolved_by = incident.source
        _record_incident(work, incident, Event.INCIDENT_RESOLVED, before, "resolved")
        work.was_silenced.discard(pk)  # the resolution itself is worth telling


def opened(work: Working) -> None:
    """The timeline entries of the new incidents (once they have their pks)."""
    for incident in work.new_incidents:
        _record_incident(work, incident, Event.INCIDENT_OPENED, "", "open", dirty=False)


def worth_telling(work: Working, incident: Incident) -> bool:
    """A run is recorded for a materially changed incident, unless it was acknowledged
    before and still is (people asked for silence)."""
    pk = incident.pk
    return (pk in work.material or id(incident) in work.material) and not (
        pk in work.was_silenced and incident.status == IncidentStatus.ACKNOWLEDGED
    )


# --- the timeline ----------------------------------------------------------------------


def _record(work: Working, alert: Alert, event: str, before: str, after: str, **detail) -> None:
    _entry(work, event, before, after, by=work.source, detail=detail, alert=alert)


def _record_incident(
    work: Working, incident: Incident, event, before, after, *, dirty=True, **detail
) -> None:
    _entry(work, event, before, after, by=incident.source, detail=detail, incident=incident)
    if dirty and incident.pk:
        work.dirty_incidents.add(incident.pk)


def _entry(work: Working, event, before, after, *, by: str, detail: dict, **subject) -> None:
    entry = build(AlertHistory, event=event, from_status=before, to_status=after, by=by,
                  detail=detail, at=work.now, **subject)  # fmt: skip
    work.history.append(entry)
