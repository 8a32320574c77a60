"""The ingest driver registry: stable slug -> class. Slugs are stored on every Alert.

Auto-detection (`POST /alerts/webhook/`) tries DETECTION_ORDER, most specific first:
a payload carrying its vendor's own marker field is claimed before a looser shape.
`grafana` precedes `alertmanager` because a Grafana unified payload is an Alertmanager
payload plus Grafana fields; `generic` is last because it accepts any object with a
"name".
"""

from vigil.alerts.drivers.alertmanager import AlertmanagerDriver
from vigil.alerts.drivers.base import AlertEvent, Driver, PayloadError
from vigil.alerts.drivers.cluster import ClusterDriver
from vigil.alerts.drivers.datadog import DatadogDriver
from vigil.alerts.drivers.generic import GenericDriver
from vigil.alerts.drivers.grafana import GrafanaDriver
from vigil.alerts.drivers.newrelic import NewRelicDriver
from vigil.alerts.drivers.opsgenie import OpsgenieDriver
from vigil.alerts.drivers.pagerduty import PagerDutyDriver
from vigil.alerts.drivers.secretscan import SecretScanDriver
from vigil.alerts.drivers.zabbix import ZabbixDriver

DRIVERS: dict[str, type[Driver]] = {
    "alertmanager": AlertmanagerDriver,
    "grafana": GrafanaDriver,
    "pagerduty": PagerDutyDriver,
    "newrelic": NewRelicDriver,
    "datadog": DatadogDriver,
    "opsgenie": OpsgenieDriver,
    "zabbix": ZabbixDriver,
    "generic": GenericDriver,
    "cluster": ClusterDriver,
    "secretscan": SecretScanDriver,
}

DETECTION_ORDER = [
    "cluster",
    "secretscan",
    "pagerduty",
    "grafana",
    "alertmanager",
    "opsgenie",
    "newrelic",
    "zabbix",
    "datadog",
    "generic",
]

_INSTANCES: dict[str, Driver] = {slug: cls() for slug, cls in DRIVERS.items()}


class UnknownDriver(LookupError):
    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"unknown driver {slug!r}; valid: {', '.join(DRIVERS)}")


def get_driver(slug: str) -> Driver:
    try:
        return _INSTANCES[slug]
    except KeyError:
        raise UnknownDriver(slug) from None


def detect_driver(payload: dict) -> Driver | None:
    for slug in DETECTION_ORDER:
        driver = _INSTANCES[slug]
        if driver.detect(payload):
            return driver
    return None


__all__ = [
    "DETECTION_ORDER",
    "DRIVERS",
    "AlertEvent",
    "Driver",
    "PayloadError",
    "UnknownDriver",
    "detect_driver",
    "get_driver",
]
