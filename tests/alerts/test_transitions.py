"""The incident lifecycle of ingest, on plain instances: no database (these tests have
no `db` fixture, so any query would fail them)."""

from datetime import UTC, datetime, timedelta

from tests.alerts.conftest import event
from vigil.alerts import transitions
from vigil.alerts.models import Alert, AlertHistory, Incident
from vigil.core.fastsql import build

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
Event = AlertHistory.Event


def working(*incidents: Incident, **rules) -> transitions.Working:
    work = transitions.Working(now=NOW, rules=transitions.Rules(**rules), source="generic")
    for incident in incidents:
        work.add_incident(incident)
    return work


def stored_incident(pk: int, status: str = "open", **fields) -> Incident:
    fields = {"group_key": "generic:a", **fields}
    incident = build(
        Incident, title="Disk full", source="generic", status=status,
        opened_at=NOW - timedelta(hours=2), updated_at=NOW, **fields,
    )  # fmt: skip
    incident.pk = pk
    return incident


def stored_alert(incident: Incident, status: str = "firing", **fields) -> Alert:
    alert = build(
        Alert, source="generic", fingerprint="a", name="alert a", status=status, severity="warning",
        first_seen_at=NOW - timedelta(hours=2), last_seen_at=NOW - timedelta(hours=1),
        incident=incident, **fields,
    )  # fmt: skip
    alert.pk = 7
    return alert


def entries(work) -> list[str]:
    return [entry.event for entry in work.history]


def test_a_new_firing_alert_opens_a_new_incident():
    work = working()
    alert = transitions.apply(work, None, event("a", severity="critical"))
    assert alert.incident in work.new_incidents
    assert alert.incident.group_key == "generic:a"
    assert alert.incident.severity == "critical"
    assert entries(work) == [Event.CREATED]
    assert work.result.alerts_created == 1
    assert transitions.worth_telling(work, alert.incident)


def test_a_repeat_is_a_duplicate_that_changes_nothing_worth_telling():
    incident = stored_incident(3)
    work = working(incident)
    alert = transitions.apply(work, stored_alert(incident), event("a"))
    assert alert.duplicate_count == 1
    assert alert.last_seen_at == NOW
    assert work.result.duplicates == 1
    assert work.history == []
    assert not transitions.worth_telling(work, incident)


def test_a_second_alert_of_a_group_joins_the_groups_active_incident():
    incident = stored_incident(3, group_key="generic:group:db")
    work = working(incident, grouping="source")
    alert = transitions.apply(work, None, event("b", group_key="db"))
    assert alert.incident is incident
    assert work.new_incidents == []


def test_a_refiring_alert_reopens_its_recently_resolved_incident():
    incident = stored_incident(3, "resolved", resolved_at=NOW - timedelta(minutes=5))
    work = working(incident)
    alert = stored_alert(incident, "resolved", ended_at=NOW - timedelta(minutes=5))
    transitions.apply(work, alert, event("a"))
    assert alert.incident is incident and incident.status == "open"
    assert entries(work) == [Event.INCIDENT_REOPENED, Event.REFIRED]
    assert 3 in work.dirty_incidents


def test_a_refiring_after_the_reopen_window_opens_a_new_incident():
    incident = stored_incident(3, "resolved", resolved_at=NOW - timedelta(hours=2))
    work = working(incident, reopen_window=timedelta(hours=1))
    alert = stored_alert(incident, "resolved", ended_at=NOW - timedelta(hours=2))
    transitions.apply(work, alert, event("a"))
    assert alert.incident is not incident and alert.incident in work.new_incidents
    assert incident.status == "resolved"


def test_a_firing_older_than_the_stored_resolution_is_out_of_order():
    incident = stored_incident(3, "resolved", resolved_at=NOW - timedelta(minutes=1))
    work = working(incident)
    alert = stored_alert(incident, "resolved", ended_at=NOW - timedelta(minutes=1))
    late = event("a", started_at=NOW - timedelta(minutes=10))
    transitions.apply(work, alert, late)
    assert alert.status == "resolved"
    assert work.result.out_of_order == 1
    assert "delivered out of order" in late.warnings[0]


def test_the_last_resolution_resolves_the_incident_unless_an_alert_still_fires():
    incident = stored_incident(3)
    work = working(incident)
    transitions.apply(work, stored_alert(incident), event("a", status="resolved"))
    assert transitions.auto_resolve_candidates(work) == [3]
    transitions.auto_resolve(work, still_firing={3})
    assert incident.status == "open"
    transitions.auto_resolve(work, still_firing=set())
    assert incident.status == "resolved" and incident.resolved_by == "generic"
    assert entries(work) == [Event.RESOLVED, Event.INCIDENT_RESOLVED]


def test_a_change_to_an_incident_people_silenced_tells_nobody():
    incident = stored_incident(3, "acknowledged")
    work = working(incident)
    transitions.apply(work, stored_alert(incident, "acknowledged"), event("a", severity="critical"))
    assert 3 in work.material
    assert not transitions.worth_telling(work, incident)


def test_transitions_past_the_threshold_mark_the_incident_flapping():
    incident = stored_incident(3)
    work = working(incident, flap_threshold=2)
    alert = stored_alert(incident)
    for status in ("resolved", "firing", "resolved"):
        transitions.apply(work, alert, event("a", status=status))
    assert incident.flapping and incident.flap_transitions == 3
    assert Event.FLAPPING_STARTED in entries(work)
