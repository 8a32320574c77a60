import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("generic")


def test_single_object():
    (event,) = driver.parse(sample("generic", "single"))
    assert event.fingerprint == "backup-nightly-db-1"
    assert event.severity == "critical"
    assert event.labels["environment"] == "production"


def test_batch_with_defaults_and_unix_seconds():
    first, second = driver.parse(sample("generic", "batch"))
    assert (first.status, first.severity) == ("firing", "warning")
    assert second.status == "resolved"
    assert second.ended_at.isoformat() == "2026-11-23T10:00:00+00:00"


def test_label_values_are_strings():
    (event,) = driver.parse({"name": "x", "labels": {"port": 443, "tls": True}})
    assert event.labels == {"port": "443", "tls": "True"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"alerts": []}, "'alerts' is empty"),
        ({"alerts": [{"severity": "critical"}]}, r"'alerts\[0\].name' is missing"),
        ({"name": "x", "status": "burning"}, "status 'burning'"),
        ({"name": "x", "labels": "a=b"}, "'labels' must be an object"),
        ({"name": 5}, "'name' must be a string"),
    ],
)
def test_contract_violations_name_the_field(payload, message):
    with pytest.raises(PayloadError, match=message):
        driver.parse(payload)
