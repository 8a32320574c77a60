"""Vigil's own security watch (vigil/secretscan): leaked secrets found by the scheduled
scans, suspicious files, failing scans and missing hooks, bursts of failed sign-ins,
changed watched files. The generic JSON contract under a marker:

{"vigil_security": 1, "alerts": [<generic alert objects>]}
"""

from vigil.alerts.drivers.base import PayloadError, require
from vigil.alerts.drivers.generic import GenericDriver


class SecretScanDriver(GenericDriver):
    slug = "secretscan"
    label = "Vigil security watch (secret scans, sign-ins, watched files)"

    def detect(self, payload: dict) -> bool:
        return "vigil_security" in payload

    def parse(self, payload: dict):
        alerts = require(payload, "alerts", list)
        if not alerts:
            raise PayloadError("'alerts' is empty", field="alerts")
        return [self._event(alert, f"alerts[{i}]") for i, alert in enumerate(alerts)]
