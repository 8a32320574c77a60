"""Which host an incident is about, for each vendor's own sample payload."""

import pytest

from vigil.alerts.drivers import DRIVERS
from vigil.nodes.resolve import parse_host, subjects


def snapshot_of(slug: str, sample: str) -> dict:
    driver = DRIVERS[slug]()
    events = driver.parse(driver.sample_payloads()[sample])
    alerts = [{"source": slug, "labels": e.labels, "name": e.name} for e in events]
    return {"source": slug, "alerts": alerts}


@pytest.mark.parametrize(
    ("slug", "sample", "hosts", "field"),
    [
        ("alertmanager", "firing", ["web-1", "web-2"], "instance"),
        ("grafana", "unified_firing", ["web-1"], "instance"),
        ("grafana", "legacy_alerting", ["web-1"], "host"),
        ("datadog", "default", ["web-1"], "host"),  # only in the title: [Triggered on {host:web-1}]
        ("datadog", "with_variables", ["web-1"], "host"),
        ("zabbix", "problem", ["web-1"], "host"),
        ("newrelic", "workflow_activated", ["web-1"], "entities"),
        ("newrelic", "classic_open", ["checkout-api"], "target"),
        ("opsgenie", "create", ["db-replica-2"], "entity"),
        ("generic", "single", ["db-1"], "host"),
        ("generic", "batch", ["www.example.com"], "host"),
        ("cluster", "results", ["web-1"], "node"),
        ("pagerduty", "incident_triggered", [], ""),
    ],
)
def test_each_vendor_names_its_host(slug, sample, hosts, field):
    found = subjects(snapshot_of(slug, sample))
    assert [s.host for s in found] == hosts
    assert {s.field for s in found} <= {field}


def test_the_instance_port_and_mountpoint_are_kept():
    [subject] = subjects(
        {
            "alerts": [
                {
                    "source": "alertmanager",
                    "labels": {
                        "alertname": "HostDiskAlmostFull",
                        "instance": "web-7:9100",
                        "mountpoint": "/var",
                        "job": "node",
                    },
                }
            ]
        }  # fmt: skip
    )
    assert (subject.host, subject.port, subject.mountpoint, subject.job) == (
        "web-7",
        9100,
        "/var",
        "node",
    )
    assert subject.instance == "web-7:9100"


def test_a_source_override_chooses_the_labels(settings):
    settings.NODES_HOST_FIELDS = {"generic": ["server"]}
    alert = {"source": "generic", "labels": {"host": "db-1", "server": "db-2"}}
    assert [s.host for s in subjects({"alerts": [alert]})] == ["db-2"]
    # Only that source: others keep the documented order.
    other = {"source": "grafana", "labels": {"host": "db-1", "server": "db-2"}}
    assert [s.host for s in subjects({"alerts": [other]})] == ["db-1"]


def test_the_number_of_hosts_is_bounded(settings):
    settings.NODES_MAX_HOSTS = 2
    alerts = [{"source": "generic", "labels": {"host": f"web-{n}"}} for n in range(5)]
    assert [s.host for s in subjects({"alerts": alerts})] == ["web-0", "web-1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("web-7:9100", ("web-7", 9100, "")),
        ("[2001:db8::7]:9100", ("2001:db8::7", 9100, "")),
        ("10.0.0.7", ("10.0.0.7", None, "")),
        (
            "https://shop.example.com/health",
            ("shop.example.com", None, "https://shop.example.com/health"),
        ),
        ("web-1, web-2", ("web-1", None, "")),
        ("Checkout API", ("", None, "")),
        ("web-7:99999", ("", None, "")),
        ("../../etc", ("", None, "")),
        ("file:///etc/passwd", ("", None, "")),
    ],
)
def test_label_values_are_read_as_hosts_or_refused(value, expected):
    assert parse_host(value) == expected
