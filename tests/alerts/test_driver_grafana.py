from tests.alerts.conftest import sample
from vigil.alerts.drivers import detect_driver, get_driver

driver = get_driver("grafana")


def test_unified_payload_is_grafana_not_alertmanager():
    payload = sample("grafana", "unified_firing")
    assert detect_driver(payload).slug == "grafana"
    (event,) = driver.parse(payload)
    assert event.fingerprint == "57c6d9296de2ad39"
    assert event.name == "High CPU"
    assert event.severity == "warning"
    assert event.annotations["dashboardURL"] == "https://grafana.example.com/d/servers"


def test_legacy_alert_uses_the_rule_id_and_tags():
    (event,) = driver.parse(sample("grafana", "legacy_alerting"))
    assert event.fingerprint == "rule:7"
    assert event.status == "firing"
    assert event.severity == "critical"
    assert event.labels == {"severity": "critical", "host": "web-1"}


def test_legacy_ok_resolves_and_pending_records_nothing():
    payload = sample("grafana", "legacy_alerting")
    payload["state"] = "ok"
    assert driver.parse(payload)[0].status == "resolved"
    payload["state"] = "pending"
    assert driver.parse(payload) == []
