"""Alert payloads into runs, for run_pipeline and the API: through the alerts app's
drivers and ingest service, exactly as the webhook does (no shortcut that skips parsing).
"""

import json
from dataclasses import dataclass
from uuid import uuid4

from django.db import transaction

from vigil.alerts.drivers import DRIVERS, get_driver
from vigil.alerts.payload import decode_body
from vigil.alerts.services import ingest_events
from vigil.orchestration.models import PipelineRun

DEFAULT_DRIVER = "generic"
DEFAULT_SAMPLE_DRIVER = "alertmanager"
MAX_DEPTH = 32


class IntakeError(Exception):
    def __init__(self, message: str, *, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Intake:
    incident_ids: list[int]
    run_ids: list[str]


def _driver(slug: str):
    if slug not in DRIVERS:
        raise IntakeError(f"unknown driver {slug!r}; valid: {', '.join(DRIVERS)}", status=404)
    return get_driver(slug)


def sample(driver: str) -> tuple[str, dict]:
    """The driver's first sample payload (they ship beside each driver)."""
    samples = _driver(driver).sample_payloads()
    if not samples:
        raise IntakeError(f"driver {driver!r} ships no sample payload")
    return driver, samples[sorted(samples)[0]]


def decode(body: bytes) -> dict:
    try:
        return decode_body(body, max_depth=MAX_DEPTH)
    except ValueError as exc:  # BodyError names the problem without echoing the body
        raise IntakeError(f"payload refused: {exc}", status=400) from None


def parse(driver: str, payload: dict) -> list:
    if not isinstance(payload, dict):
        raise IntakeError("payload must be a JSON object", status=400)
    # The same depth and constant checks as the webhook, whatever the payload's origin.
    payload = decode(json.dumps(payload).encode())
    try:
        events = _driver(driver).parse(payload)
    except ValueError as exc:  # PayloadError: the message names the field, not its value
        raise IntakeError(f"driver {driver!r} refused the payload: {exc}") from None
    if not events:
        raise IntakeError(f"driver {driver!r} found no alert in the payload")
    return events


def preview(driver: str, payload: dict) -> list[dict]:
    """What routing would see for each alert, without storing anything."""
    return [
        {
            "id": None,
            "source": event.source,
            "severity": event.severity,
            "status": "resolved" if event.status == "resolved" else "open",
            "environment": event.labels.get("environment", ""),
            "flapping": False,
            "labels": event.labels,
        }
        for event in parse(driver, payload)
    ]


def ingest(
    driver: str, payload: dict, *, origin: str, trace_id: str = "", options: dict | None = None
) -> Intake:
    events = parse(driver, payload)
    with transaction.atomic():
        result = ingest_events(driver, events, origin=origin, trace_id=trace_id or uuid4().hex)
        if options and result.run_ids:
            # Same transaction as the run rows: no worker can claim them before this.
            fields = {k: options[k] for k in ("definition_name",) if options.get(k)}
            extra = {k: v for k, v in options.items() if k != "definition_name" and v}
            PipelineRun.objects.filter(run_id__in=result.run_ids).update(options=extra, **fields)
    return Intake(incident_ids=list(result.incident_ids), run_ids=list(result.run_ids))
