"""The one place where the orchestrator meets each stage's service.

A stage whose service is not installed (its app has not shipped it yet, or a deployment
removed it) is recorded as skipped with the reason "stage not installed"; it never
fails a run.
"""

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from vigil.core.retry import RetryableError
from vigil.core.security.redact import redact

logger = logging.getLogger(__name__)

# Stage slug → the dotted path of its service function (docs/architecture.md).
STAGE_SERVICES = {
    "check": "vigil.nodes.services.check_incident",
    "analyze": "vigil.intelligence.services.analyze_incident",
    "notify": "vigil.notify.services.notify_run",
}
NOTIFICATION_CLASS = "vigil.notify.services.Notification"
NOT_INSTALLED = "stage not installed"
CHECK_ERROR_STATUSES = {"critical", "unknown"}
PERMANENT_DELIVERY_STATUSES = {"failed", "dead"}


class StageError(RetryableError):
    """A stage failed. permanent=False reschedules the run; True fails it."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        error_type: str = "",
        retry_at=None,
        waiting: bool = False,
    ):
        super().__init__(message, permanent=permanent)
        self.message = message
        self.error_type = error_type or type(self).__name__
        self.retry_at: datetime | None = retry_at
        # Nothing failed: the stage waits for a booked slot (a rate limit) at retry_at,
        # and the run's attempts are not spent on it.
        self.waiting = waiting


@dataclass
class StageInput:
    run_id: str
    snapshot: dict
    channels: list[str]
    provider: str = ""
    # Outputs of earlier stages of this run, by stage slug.
    outputs: dict[str, dict] = field(default_factory=dict)
    _redacted: dict | None = field(default=None, repr=False)

    def redacted_snapshot(self) -> dict:
        """The snapshot as each stage execution stores it: redacted once per run."""
        if self._redacted is None:
            self._redacted = redact(self.snapshot)
        return self._redacted


@dataclass
class StageOutcome:
    output: dict
    has_errors: bool = False
    skipped_reason: str = ""


def load_service(stage: str) -> Callable | None:
    path = settings.ORCHESTRATION_STAGE_SERVICES.get(stage) or STAGE_SERVICES[stage]
    try:
        return import_string(path)
    except ImportError:
        return None


def installed_stages() -> dict[str, bool]:
    return {stage: load_service(stage) is not None for stage in STAGE_SERVICES}


def as_plain(value: Any) -> Any:
    """Stage services return dataclasses or Pydantic models; the run stores JSON."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list | tuple):
        return [as_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def translate_error(exc: Exception) -> StageError:
    """A stage family's exception carries `permanent`; anything else is treated as
    transient (a database hiccup, a bug being fixed) and bounded by the attempt limit."""
    if isinstance(exc, StageError):
        return exc
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    retry_at = getattr(exc, "retry_at", None)
    retryable = isinstance(exc, RetryableError)
    if retry_at is None and retryable and exc.retry_after is not None:
        retry_at = timezone.now() + timedelta(seconds=exc.retry_after)
    return StageError(
        str(message)[:2000],
        permanent=retryable and exc.permanent,
        error_type=type(exc).__name__,
        retry_at=retry_at,
    )


def run_check(service: Callable, data: StageInput) -> StageOutcome:
    answer = as_plain(service(data.snapshot, timeout=float(settings.ORCHESTRATION_CHECK_TIMEOUT)))
    # A list of results, or {"results": [...], ...} with how they were measured.
    output = answer if isinstance(answer, dict) else {"results": answer}
    has_errors = any(r.get("status") in CHECK_ERROR_STATUSES for r in output.get("results", []))
    return StageOutcome(output=output, has_errors=has_errors)


def run_analyze(service: Callable, data: StageInput) -> StageOutcome:
    check_results = data.outputs.get("check", {}).get("results", [])
    extra = {"provider_name": data.provider} if data.provider else {}
    analysis = as_plain(service(data.snapshot, check_results, run_id=data.run_id, **extra))
    return StageOutcome(output=analysis, has_errors=bool(analysis.get("fallback_used")))


def run_notify(service: Callable, data: StageInput) -> StageOutcome:
    if not data.channels:
        return StageOutcome(output={}, skipped_reason="no notification channels for this run")
    notification = import_string(NOTIFICATION_CLASS)
    analysis = data.outputs.get("analyze") or None
    check_results = data.outputs.get("check", {}).get("results", [])
    message = notification.from_incident(data.snapshot, analysis, check_results)
    outcomes = as_plain(service(run_id=data.run_id, channel_names=data.channels, message=message))
    output = {"outcomes": outcomes}
    retry = [o for o in outcomes if o.get("status") == "retry"]
    if retry:
        retry_at = min((o.get("retry_at") for o in retry if o.get("retry_at")), default=None)
        waiting = all(o.get("rate_limited") for o in retry)
        raise StageError(
            f"{len(retry)} of {len(outcomes)} channel(s) will be "
            + ("sent in their rate-limit slot: " if waiting else "retried: ")
            + "; ".join(f"{o.get('channel')}: {o.get('error') or 'retry'}" for o in retry)[:1500],
            permanent=False,
            error_type="RateLimited" if waiting else "DeliveryRetry",
            retry_at=datetime.fromisoformat(retry_at) if isinstance(retry_at, str) else retry_at,
            waiting=waiting,
        )
    failed = [o for o in outcomes if o.get("status") in PERMANENT_DELIVERY_STATUSES]
    if outcomes and len(failed) == len(outcomes):
        raise StageError(
            "every channel failed: "
            + "; ".join(f"{o.get('channel')}: {o.get('error', '')}" for o in failed)[:1500],
            permanent=True,
            error_type="DeliveryFailed",
        )
    return StageOutcome(output=output, has_errors=bool(failed))


RUNNERS: dict[str, Callable[[Callable, StageInput], StageOutcome]] = {
    "check": run_check,
    "analyze": run_analyze,
    "notify": run_notify,
}


def unavailable(stage: str) -> StageOutcome | None:
    """The outcome of a stage that cannot run here, known before calling anything."""
    if load_service(stage) is None:
        return StageOutcome(output={}, skipped_reason=NOT_INSTALLED)
    return None


def run_stage(stage: str, data: StageInput) -> StageOutcome:
    service = load_service(stage)
    if service is None:
        return StageOutcome(output={}, skipped_reason=NOT_INSTALLED)
    try:
        return RUNNERS[stage](service, data)
    except StageError:
        raise
    except Exception as exc:
        raise translate_error(exc) from exc
