import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("newrelic")


def test_workflow_issue_becomes_an_event():
    (event,) = driver.parse(sample("newrelic", "workflow_activated"))
    assert event.fingerprint == "0b6f3f6e-6e0a-4b3b-9d3a-2f1c7a9e5d11"
    assert (event.status, event.severity) == ("firing", "critical")
    assert event.labels["policy"] == "Golden signals"
    assert event.started_at.isoformat() == "2026-11-23T10:00:00+00:00"


@pytest.mark.parametrize(
    ("state", "status"), [("ACKNOWLEDGED", "acknowledged"), ("CLOSED", "resolved")]
)
def test_workflow_states(state, status):
    payload = sample("newrelic", "workflow_activated")
    payload["state"] = state
    assert driver.parse(payload)[0].status == status


def test_classic_channel_payload():
    (event,) = driver.parse(sample("newrelic", "classic_open"))
    assert event.fingerprint == "incident:55555"
    assert event.name == "Error rate above 5%"
    assert event.labels["target"] == "checkout-api"
    payload = sample("newrelic", "classic_open")
    payload["current_state"] = "closed"
    assert driver.parse(payload)[0].status == "resolved"


def test_unknown_workflow_state_is_refused():
    payload = sample("newrelic", "workflow_activated")
    payload["state"] = "EXPLODED"
    with pytest.raises(PayloadError, match="state 'EXPLODED'"):
        driver.parse(payload)
