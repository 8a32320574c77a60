from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver

driver = get_driver("opsgenie")


def test_create_uses_the_alias_and_priority():
    (event,) = driver.parse(sample("opsgenie", "create"))
    assert event.fingerprint == "replica-lag-db-replica-2"
    assert (event.status, event.severity, event.severity_raw) == ("firing", "critical", "P2")
    assert event.labels["env"] == "prod"
    assert event.annotations["region"] == "eu-west-1"


def test_close_resolves_with_opsgenies_nanosecond_update_time():
    (event,) = driver.parse(sample("opsgenie", "close"))
    assert event.status == "resolved"
    assert event.ended_at.isoformat() == "2026-11-23T10:30:00.456000+00:00"


def test_acknowledge_and_other_actions():
    payload = sample("opsgenie", "create")
    payload["action"] = "Acknowledge"
    assert driver.parse(payload)[0].status == "acknowledged"
    payload["action"] = "AddNote"
    assert driver.parse(payload) == []
