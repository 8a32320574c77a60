import pytest

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import Incident
from vigil.alerts.services import ingest_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents():
    ingest_events("generic", [
        AlertEvent(source="generic", fingerprint="a", name="Disk full", severity="critical"),
        AlertEvent(source="generic", fingerprint="b", name="CPU high"),
    ])  # fmt: skip
    return {i.title: i for i in Incident.objects.all()}


def test_list_incidents_with_filters(client, auth_headers, incidents):
    body = client.get("/alerts/incidents/", **auth_headers).json()
    assert {item["title"] for item in body["items"]} == {"Disk full", "CPU high"}
    body = client.get("/alerts/incidents/?severity=critical", **auth_headers).json()
    assert [item["title"] for item in body["items"]] == ["Disk full"]
    bad = client.get("/alerts/incidents/?status=exploded", **auth_headers)
    assert bad.status_code == 422


def test_incident_detail_has_alerts_and_timeline(client, auth_headers, incidents):
    incident = incidents["Disk full"]
    body = client.get(f"/alerts/incidents/{incident.pk}/", **auth_headers).json()
    assert body["alerts"][0]["fingerprint"] == "a"
    assert [e["event"] for e in body["timeline"]] == ["created", "incident_opened"]
    assert client.get("/alerts/incidents/999999/", **auth_headers).status_code == 404


def test_acknowledge_resolve_close_and_refused_transitions(client, auth_headers, incidents):
    pk = incidents["Disk full"].pk
    response = client.post(f"/alerts/incidents/{pk}/acknowledge/", **auth_headers)
    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == "api-key:test-key"
    again = client.post(f"/alerts/incidents/{pk}/acknowledge/", **auth_headers)
    assert again.status_code == 409
    assert again.json() == {
        "error": f"incident #{pk} is acknowledged; only an open incident can be acknowledged"
    }
    response = client.post(
        f"/alerts/incidents/{pk}/resolve/", data={"note": "cleaned /var"},
        content_type="application/json", **auth_headers,
    )  # fmt: skip
    assert response.json()["status"] == "resolved"
    assert Incident.objects.get(pk=pk).resolution_note == "cleaned /var"
    assert (
        client.post(f"/alerts/incidents/{pk}/close/", **auth_headers).json()["status"] == "closed"
    )
    assert client.post(f"/alerts/incidents/{pk}/close/", **auth_headers).status_code == 409


def test_list_alerts(client, auth_headers, incidents):
    body = client.get("/alerts/alerts/?source=generic&limit=1", **auth_headers).json()
    assert len(body["items"]) == 1
    assert body["items"][0]["duplicate_count"] == 0
    assert client.get("/alerts/alerts/?limit=0", **auth_headers).status_code == 422


def test_incident_api_needs_a_key(client, incidents):
    assert client.get("/alerts/incidents/").status_code == 401
