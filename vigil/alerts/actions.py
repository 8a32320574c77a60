"""People's actions on incidents beside the lifecycle: comments, assignment, bulk changes.

The state changes themselves are the lifecycle's (acknowledge/resolve/close, which also
tell the incident's channels), the one path every face uses; these functions add to the
same timeline.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from vigil.alerts import lifecycle
from vigil.alerts.models import AlertHistory, Incident

Event = AlertHistory.Event
MAX_COMMENT = 10_000
BULK_ACTIONS = {
    "acknowledge": lifecycle.acknowledge_incident,
    "resolve": lifecycle.resolve_incident,
}


class ActionError(ValueError):
    """An action that cannot be done; the message names why and is safe to show."""


@dataclass(frozen=True)
class BulkOutcome:
    incident_id: int
    ok: bool
    status: str = ""
    error: str = ""

    def to_dict(self) -> dict:
        return {"id": self.incident_id, "ok": self.ok, "status": self.status, "error": self.error}


def comment(incident: Incident, by: str, text: str) -> AlertHistory:
    text = text.strip()
    if not text:
        raise ActionError("a comment needs some text")
    return AlertHistory.objects.create(
        incident=incident, event=Event.COMMENTED, by=by[:150], detail={"text": text[:MAX_COMMENT]}
    )


@transaction.atomic
def assign(incident: Incident, by: str, assignee: str) -> Incident:
    """Give the incident to a user (by user name); an empty name leaves it unassigned."""
    if assignee:
        user = get_user_model().objects.filter(username=assignee, is_active=True).first()
        if user is None:
            raise ActionError(f"no active user named {assignee[:150]!r}")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    before = incident.assignee
    incident.assignee = assignee
    incident.save(update_fields=["assignee", "updated_at"])
    AlertHistory.objects.create(
        incident=incident,
        event=Event.ASSIGNED,
        by=by[:150],
        detail={"from": before, "to": assignee},
    )
    return incident


def bulk(action: str, incident_ids: list[int], by: str, note: str = "") -> list[BulkOutcome]:
    """Each incident changes in its own transaction: one in the wrong state does not hold
    back the others, and each outcome says what happened."""
    change = BULK_ACTIONS.get(action)
    if change is None:
        raise ActionError(f"unknown action {action!r}; valid: {', '.join(BULK_ACTIONS)}")
    found = Incident.objects.in_bulk(incident_ids)
    outcomes = []
    for incident_id in dict.fromkeys(incident_ids):
        incident = found.get(incident_id)
        if incident is None:
            outcomes.append(BulkOutcome(incident_id, False, error="no such incident"))
            continue
        try:
            incident = change(incident, by, note=note)
        except lifecycle.IncidentStateError as exc:
            outcomes.append(BulkOutcome(incident_id, False, incident.status, str(exc)))
            continue
        outcomes.append(BulkOutcome(incident_id, True, incident.status))
    return outcomes
