"""People's actions on an incident: acknowledge, resolve, close.

One lifecycle for every face: the API, the admin's actions, commands, the console and
the bot call these functions. Each action is recorded on the timeline and, in the same
transaction, reported as a change (vigil/alerts/changes.py): orchestration records a
run (origin `action`) that tells the incident's channels who did what and their note
(the lane decides, `notify_actions`): the channel that got [FIRING] also gets
[ACKNOWLEDGED] and [RESOLVED].
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from vigil.alerts import changes
from vigil.alerts.announce import announce_runs
from vigil.alerts.models import ACTIVE_INCIDENT_STATUSES, AlertHistory, Incident, IncidentStatus

Event = AlertHistory.Event
MAX_NOTE = 10_000


class IncidentStateError(ValueError):
    """The transition is not allowed from the incident's current status."""

    permanent = True


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _record(incident: Incident, event: str, before: str, by: str, note: str = "") -> None:
    """The timeline entry, and the change that tells the incident's channels."""
    detail = {"note": note} if note else {}
    AlertHistory.objects.create(
        incident=incident,
        event=event,
        from_status=before,
        to_status=incident.status,
        by=by[:150],
        detail=detail,
    )
    action = {"status": incident.status, "by": by[:150], "note": note}
    run_ids = changes.record(
        [changes.IncidentChange(incident, origin="action", action=action)], _save_all
    )
    if run_ids:
        transaction.on_commit(partial(announce_runs, run_ids))


def _save_all(objs: list) -> None:
    for obj in objs:
        obj.save(force_insert=True)


@transaction.atomic
def acknowledge_incident(incident: Incident, by: str, note: str = "") -> Incident:
    """open -> acknowledged: repeat notifications stop until the incident resolves."""
    incident = _locked(incident)
    if incident.status != IncidentStatus.OPEN:
        raise IncidentStateError(
            f"incident #{incident.pk} is {incident.status}; only an open incident can be "
            "acknowledged"
        )
    incident.status = IncidentStatus.ACKNOWLEDGED
    incident.acknowledged_at = timezone.now()
    incident.acknowledged_by = by[:150]
    incident.save()
    _record(incident, Event.INCIDENT_ACKNOWLEDGED, IncidentStatus.OPEN, by, note[:MAX_NOTE])
    return incident


@transaction.atomic
def resolve_incident(incident: Incident, by: str, note: str = "") -> Incident:
    incident = _locked(incident)
    if incident.status not in ACTIVE_INCIDENT_STATUSES:
        raise IncidentStateError(
            f"incident #{incident.pk} is {incident.status}; only an open or acknowledged "
            "incident can be resolved"
        )
    before = incident.status
    incident.status = IncidentStatus.RESOLVED
    incident.resolved_at = timezone.now()
    incident.resolved_by = by[:150]
    if note:
        incident.resolution_note = note[:MAX_NOTE]
    incident.save()
    _record(incident, Event.INCIDENT_RESOLVED, before, by, note[:MAX_NOTE])
    return incident


@transaction.atomic
def close_incident(incident: Incident, by: str, note: str = "") -> Incident:
    """Any status -> closed. A closed incident never reopens; a new alert opens a new one."""
    incident = _locked(incident)
    if incident.status == IncidentStatus.CLOSED:
        raise IncidentStateError(f"incident #{incident.pk} is already closed")
    before = incident.status
    now = timezone.now()
    incident.status = IncidentStatus.CLOSED
    incident.closed_at = now
    incident.closed_by = by[:150]
    incident.resolved_at = incident.resolved_at or now
    incident.resolved_by = incident.resolved_by or by[:150]
    if note:
        incident.resolution_note = note[:MAX_NOTE]
    incident.save()
    _record(incident, Event.INCIDENT_CLOSED, before, by, note[:MAX_NOTE])
    return incident
