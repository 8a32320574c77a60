import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("zabbix")


def test_problem_with_tags_as_a_json_string():
    (event,) = driver.parse(sample("zabbix", "problem"))
    assert event.fingerprint == "48123"
    assert (event.status, event.severity, event.severity_raw) == ("firing", "critical", "High")
    assert event.labels["component"] == "cpu"
    assert event.labels["host"] == "web-1"
    assert event.started_at.isoformat() == "2026-11-23T10:00:00+00:00"
    assert event.ended_at is None  # "{EVENT.RECOVERY.DATE}" was not resolved: absent


def test_recovery_shares_the_problems_fingerprint_and_tags_may_be_a_list():
    (event,) = driver.parse(sample("zabbix", "recovery"))
    assert (event.fingerprint, event.status) == ("48123", "resolved")
    assert event.ended_at.isoformat() == "2026-11-23T10:12:00+00:00"
    assert event.labels["class"] == "os"


def test_broken_tags_json_is_a_warning_not_a_failure():
    payload = sample("zabbix", "problem")
    payload["event_tags"] = "[{broken"
    (event,) = driver.parse(payload)
    assert event.warnings == ["event_tags: not valid JSON, ignored"]


def test_event_value_must_be_problem_or_recovery():
    payload = sample("zabbix", "problem")
    payload["event_value"] = "7"
    with pytest.raises(PayloadError, match="event_value '7'"):
        driver.parse(payload)
