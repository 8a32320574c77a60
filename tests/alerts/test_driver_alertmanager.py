import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("alertmanager")


def test_each_alert_of_the_group_becomes_an_event_with_alertmanagers_fingerprint():
    events = driver.parse(sample("alertmanager", "firing"))
    assert [e.fingerprint for e in events] == ["c0ffee1234abcd01", "c0ffee1234abcd02"]
    first = events[0]
    assert first.name == "HighDiskUsage"
    assert first.severity == "critical"
    assert first.labels["instance"] == "web-1:9100"
    assert first.description == "/var on web-1 is 93% full"
    assert first.ended_at is None
    assert first.group_key == '{}:{alertname="HighDiskUsage"}'
    assert first.annotations["generator_url"].startswith("http://prometheus")


def test_resolved_alert_carries_its_end_time():
    (event,) = driver.parse(sample("alertmanager", "resolved"))
    assert event.status == "resolved"
    assert event.ended_at.isoformat() == "2026-11-23T10:20:30+00:00"


def test_alert_without_fingerprint_gets_a_stable_hash_of_name_and_labels():
    payload = sample("alertmanager", "firing")
    del payload["alerts"][0]["fingerprint"]
    a, b = driver.parse(payload)[0], driver.parse(payload)[0]
    assert a.fingerprint == b.fingerprint and len(a.fingerprint) == 64


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p["alerts"][0].pop("status"), "'alerts[0].status' is missing"),
        (lambda p: p["alerts"][0].update(status="pending"), "is not firing or resolved"),
        (lambda p: p["alerts"][0].update(labels=["x"]), "'alerts[0].labels' must be an object"),
        (lambda p: p.update(alerts="nope"), "'alerts' must be a list"),
    ],
)
def test_malformed_alert_is_a_payload_error_naming_the_field(mutate, message):
    payload = sample("alertmanager", "firing")
    mutate(payload)
    with pytest.raises(PayloadError) as info:
        driver.parse(payload)
    assert message in str(info.value)
