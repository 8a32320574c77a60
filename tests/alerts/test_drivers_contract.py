"""One contract over every registered driver and every sample payload it ships."""

from datetime import datetime

import pytest

from vigil.alerts.drivers import DETECTION_ORDER, DRIVERS, detect_driver, get_driver
from vigil.alerts.drivers.base import STATUSES, AlertEvent

SAMPLES = [
    (slug, name, payload)
    for slug, cls in DRIVERS.items()
    for name, payload in cls.sample_payloads().items()
]


def test_every_driver_ships_samples_and_is_in_the_detection_order():
    assert sorted(DETECTION_ORDER) == sorted(DRIVERS)
    assert DETECTION_ORDER[-1] == "generic"
    for slug, cls in DRIVERS.items():
        assert cls.slug == slug
        assert cls.sample_payloads(), f"{slug} ships no sample payload"


@pytest.mark.parametrize(
    ("slug", "name", "payload"), SAMPLES, ids=[f"{s}-{n}" for s, n, _ in SAMPLES]
)
def test_sample_is_detected_as_its_driver_and_parses_to_valid_events(slug, name, payload):
    assert detect_driver(payload).slug == slug
    events = get_driver(slug).parse(payload)
    for event in events:
        assert isinstance(event, AlertEvent)
        assert event.source == slug
        assert event.fingerprint and len(event.fingerprint) <= 255
        assert event.name
        assert event.status in STATUSES
        assert event.severity in {"critical", "warning", "info"}
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in event.labels.items())
        for stamp in (event.started_at, event.ended_at):
            assert stamp is None or (isinstance(stamp, datetime) and stamp.tzinfo is not None)
        assert event.warnings == []


@pytest.mark.parametrize("slug", list(DRIVERS))
def test_parsing_is_stable_so_a_replay_has_the_same_fingerprints(slug):
    driver = get_driver(slug)
    for payload in driver.sample_payloads().values():
        first = [e.fingerprint for e in driver.parse(payload)]
        assert first == [e.fingerprint for e in driver.parse(payload)]


def test_unknown_driver_error_lists_the_valid_ones():
    from vigil.alerts.drivers import UnknownDriver

    with pytest.raises(UnknownDriver) as info:
        get_driver("grafna")
    assert "unknown driver 'grafna'; valid: alertmanager, grafana" in str(info.value)
