import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import get_driver
from vigil.alerts.drivers.base import PayloadError

driver = get_driver("cluster")


def test_each_check_result_is_an_event_keyed_by_node_check_target():
    disk, memory = driver.parse(sample("cluster", "results"))
    assert disk.fingerprint == "web-1:disk:/var"
    assert (disk.status, disk.severity) == ("firing", "critical")
    assert disk.labels == {"node": "web-1", "check": "disk", "target": "/var"}
    assert disk.annotations["metrics"]["used_percent"] == 96.1
    assert disk.group_key == "web-1"
    assert (memory.status, memory.fingerprint) == ("resolved", "web-1:memory:")


def test_unknown_status_is_info():
    payload = sample("cluster", "results")
    payload["results"][0]["status"] = "unknown"
    assert driver.parse(payload)[0].severity == "info"


def test_bad_result_status_is_refused():
    payload = sample("cluster", "results")
    payload["results"][0]["status"] = "fine"
    with pytest.raises(PayloadError, match=r"results\[0\].status 'fine'"):
        driver.parse(payload)
