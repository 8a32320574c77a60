"""Stand-in stage services, registered through ORCHESTRATION_STAGE_SERVICES by the
`fake_stages` fixture. Their behaviour comes from the incident's labels, so a test can
change it between attempts by editing the incident."""

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from vigil.core.retry import RetryableError
from vigil.orchestration.models import PipelineRun


class FakeStageError(RetryableError):
    def __init__(self, message: str, *, permanent: bool, retry_at=None):
        super().__init__(message, permanent=permanent)
        self.retry_at = retry_at


CALLS: list[tuple[str, int]] = []


def _behaviour(snapshot: dict, stage: str) -> str:
    return (snapshot.get("labels") or {}).get(f"fake_{stage}", "ok")


def _maybe_fail(snapshot: dict, stage: str) -> None:
    CALLS.append((stage, snapshot["id"]))
    behaviour = _behaviour(snapshot, stage)
    if behaviour == "transient":
        raise FakeStageError(f"{stage} is temporarily unavailable", permanent=False)
    if behaviour == "permanent":
        raise FakeStageError(f"{stage} is misconfigured", permanent=True)
    if behaviour == "retry_now":
        # A rate-limit slot that is already free again by the time the worker looks.
        raise FakeStageError(f"{stage} slot busy", permanent=False, retry_at=datetime.now(UTC))
    if behaviour == "bug":
        raise KeyError("missing")
    if behaviour == "stolen":
        # While this stage runs, its lease expires and another worker reclaims the run.
        PipelineRun.objects.filter(incident_id=snapshot["id"]).update(claimed_by="worker-b")


@dataclass
class FakeCheckResult:
    name: str
    status: str
    message: str

    def to_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "message": self.message}


def check_incident(snapshot: dict, *, timeout: float):
    _maybe_fail(snapshot, "check")
    status = "critical" if _behaviour(snapshot, "check") == "critical" else "ok"
    return [FakeCheckResult("ping", status, f"timeout={timeout}")]


def _log_call(run_id: str, event: str) -> None:
    # Subprocess workers report their calls through a file the test reads.
    path = os.environ.get("FAKE_CALLS_FILE")
    if path:
        with open(path, "a") as handle:
            handle.write(f"{run_id} {os.getpid()} {event}\n")


def analyze_incident(snapshot: dict, check_results: list[dict], *, run_id: str | None):
    _log_call(run_id, "start")
    if _behaviour(snapshot, "analyze") == "slow":
        time.sleep(float(snapshot["labels"].get("fake_sleep", "2")))
    _maybe_fail(snapshot, "analyze")
    _log_call(run_id, "done")
    return {
        "provider": "fake",
        "summary": f"{len(check_results)} check(s) for run {run_id}",
        "fallback_used": False,
        "api_key": "sk-should-be-redacted-0123456789abcdef",
    }
