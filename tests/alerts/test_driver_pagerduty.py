import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("pagerduty")


def test_triggered_incident_uses_pagerdutys_incident_id_and_priority():
    (event,) = driver.parse(sample("pagerduty", "incident_triggered"))
    assert event.fingerprint == "PGR0VU2"
    assert event.status == "firing"
    assert (event.severity, event.severity_raw) == ("critical", "P1")
    assert event.labels["service"] == "API Service"
    assert event.annotations["html_url"] == "https://acme.pagerduty.com/incidents/PGR0VU2"


@pytest.mark.parametrize(
    ("event_type", "status"),
    [("incident.acknowledged", "acknowledged"), ("incident.resolved", "resolved"),
     ("incident.reopened", "firing")],
)  # fmt: skip
def test_incident_event_types_map_to_statuses(event_type, status):
    payload = sample("pagerduty", "incident_triggered")
    payload["event"]["event_type"] = event_type
    assert driver.parse(payload)[0].status == status


def test_urgency_is_the_severity_without_a_priority():
    payload = sample("pagerduty", "incident_triggered")
    payload["event"]["data"]["priority"] = None
    payload["event"]["data"]["urgency"] = "low"
    assert driver.parse(payload)[0].severity == "warning"


def test_non_incident_and_annotation_events_are_accepted_and_ignored():
    assert driver.parse(sample("pagerduty", "service_updated")) == []
    payload = sample("pagerduty", "incident_triggered")
    payload["event"]["event_type"] = "incident.annotated"
    assert driver.parse(payload) == []


def test_incident_event_without_data_id_names_the_field():
    payload = sample("pagerduty", "incident_triggered")
    del payload["event"]["data"]["id"]
    with pytest.raises(PayloadError, match="'event.data.id' is missing"):
        driver.parse(payload)
