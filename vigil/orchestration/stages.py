"""The stage registry: the one place where the orchestrator meets each stage's service.

The stages' names are declared once, by `Stage` (models.py); `STAGES` gives each its
service, its runner and how an incident's timeline names it. Routing's validation, the
lane API's schema, the admin's help text and the console's lane form derive from them.

`ORCHESTRATION_STAGE_SERVICES` may replace a stage's service by a dotted path (a
site-specific CHECK, or test doubles); a replacement that cannot be imported is recorded
as skipped with the reason "stage not installed"; it never fails a run.
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
from vigil.orchestration.models import Stage

logger = logging.getLogger(__name__)

NOT_INSTALLED = "stage not installed"
CHECK_ERROR_STATUSES = {"critical", "unknown"}
# Outcomes that delivered nothing this run will deliver: failed for good, out of
# attempts, or held while the channel is disabled (sent later, outside the run).
UNDELIVERED_STATUSES = {"failed", "dead", "held"}


class StageError(RetryableError):
    """A stage failed. permanent=False reschedules the run; True fails it."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        error_type: str = "",
        retry_at=None,
        uses_attempt: bool = True,
    ):
        super().__init__(message, permanent=permanent)
        self.message = message
        self.error_type = error_type or type(self).__name__
        self.retry_at: datetime | None = retry_at
        # False: waiting for something with a budget of its own (a delivery's attempts,
        # NOTIFY_MAX_ATTEMPTS), so the run's ORCHESTRATION_MAX_ATTEMPTS is not spent.
        self.uses_attempt = uses_attempt


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


# The stage services are imported when a run first needs them, not at the top: this
# module loads with the system checks at every `vigil` command's set-up, and the
# services bring their drivers, providers, pydantic and the HTTP client (bench/cli_start.py).
def _check_service() -> Callable:
    from vigil.nodes.services import check_incident

    return check_incident


def _analyze_service() -> Callable:
    from vigil.intelligence.services import analyze_incident

    return analyze_incident


def _notify_service() -> Callable:
    from vigil.notify.services import notify_run

    return notify_run


def load_service(stage: str) -> Callable | None:
    path = settings.ORCHESTRATION_STAGE_SERVICES.get(stage)
    if not path:
        return STAGES[stage].service()
    try:
        return import_string(path)
    except ImportError:
        return None


def installed_stages() -> dict[str, bool]:
    return {stage: load_service(stage) is not None for stage in STAGES}


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
    check_results = data.outputs.get(Stage.CHECK, {}).get("results", [])
    extra = {"provider_name": data.provider} if data.provider else {}
    analysis = as_plain(service(data.snapshot, check_results, run_id=data.run_id, **extra))
    return StageOutcome(output=analysis, has_errors=bool(analysis.get("fallback_used")))


def run_notify(service: Callable, data: StageInput) -> StageOutcome:
    if not data.channels:
        return StageOutcome(output={}, skipped_reason="no notification channels for this run")
    from vigil.notify.services import Notification  # with the service, see above

    analysis = data.outputs.get(Stage.ANALYZE) or None
    check_results = data.outputs.get(Stage.CHECK, {}).get("results", [])
    message = Notification.from_incident(data.snapshot, analysis, check_results)
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
            uses_attempt=False,
        )
    failed = [o for o in outcomes if o.get("status") in UNDELIVERED_STATUSES]
    if outcomes and len(failed) == len(outcomes):
        raise StageError(
            "no channel was notified: "
            + "; ".join(f"{o.get('channel')}: {o.get('error', '')}" for o in failed)[:1500],
            permanent=True,
            error_type="DeliveryFailed",
        )
    return StageOutcome(output=output, has_errors=bool(failed))


@dataclass(frozen=True)
class StageSpec:
    # The stage's built-in service, loaded on first use.
    service: Callable[[], Callable]
    # Calls the service with what it takes from the run, and reads its answer.
    runner: Callable[[Callable, StageInput], StageOutcome]
    # An incident's timeline entry kind for one execution of this stage.
    timeline_kind: str


STAGES: dict[str, StageSpec] = {
    Stage.CHECK: StageSpec(_check_service, run_check, "health_check"),
    Stage.ANALYZE: StageSpec(_analyze_service, run_analyze, "analysis_stage"),
    Stage.NOTIFY: StageSpec(_notify_service, run_notify, "notify_stage"),
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
        return STAGES[stage].runner(service, data)
    except StageError:
        raise
    except Exception as exc:
        raise translate_error(exc) from exc
