from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver

driver = get_driver("datadog")


def test_default_payload_reads_the_transition_from_the_title():
    (event,) = driver.parse(sample("datadog", "default"))
    assert event.status == "firing"
    assert event.name == "CPU load is high"
    assert event.started_at.isoformat() == "2026-11-23T10:00:00+00:00"


def test_recovery_of_the_default_payload_has_the_same_fingerprint():
    firing = sample("datadog", "default")
    recovered = dict(firing, title="[Recovered on {host:web-1}] CPU load is high", id="999")
    (a,), (b,) = driver.parse(firing), driver.parse(recovered)
    assert b.status == "resolved"
    assert a.fingerprint == b.fingerprint


def test_documented_variables_give_tags_and_the_aggregation_key():
    (event,) = driver.parse(sample("datadog", "with_variables"))
    assert event.fingerprint == "f4fb5ef9d0a0e7b8"
    assert event.status == "resolved"
    assert event.labels["env"] == "prod"
    assert event.labels["service"] == "checkout"
    assert event.ended_at is not None
