"""ANALYZE: the stage the orchestrator calls, and what the API and commands share.

`analyze_incident` always runs the local rules first (no network, bounded time); when
an LLM provider is active it gets the incident, the CHECK results and those findings,
redacted. If the provider fails, times out or answers something unparseable, the local
findings are the answer and the AnalysisRun says so.
"""

import contextvars
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from vigil.alerts.models import Incident
from vigil.core import fastsql
from vigil.core.config_cache import ConfigCache
from vigil.core.logging import log_context
from vigil.core.overrides import allowed_overrides
from vigil.core.security.redact import redact, redact_text
from vigil.intelligence.models import AnalysisRun, IntelligenceProvider
from vigil.intelligence.providers import FALLBACK, PROVIDERS, provider_class
from vigil.intelligence.providers.base import (
    AnalysisContext,
    IntelligenceError,
    NotFound,
    ProviderResult,
)
from vigil.intelligence.providers.local import LocalProvider

logger = logging.getLogger(__name__)
_active = ConfigCache("active intelligence provider", watch=IntelligenceProvider)

# Provider calls run here so that a deadline can be enforced on the whole call.
_PROVIDER_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="vigil-intelligence")


@dataclass
class Analysis:
    provider: str
    model: str
    summary: str
    recommendations: list[dict] = field(default_factory=list)
    fallback_used: bool = False
    error: str = ""
    analysis_run_id: int | None = None
    # When the local figures (disk walk, processes) were taken, and whether this run
    # reused another run's (INTELLIGENCE_REUSE_SECONDS).
    measurements: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def caller_config(
    configured: IntelligenceProvider | None, config: object
) -> tuple[dict, list[str]]:
    """A caller's config overrides for this provider: the keys its Config declares
    `overridable` (model, temperature…), and the names of the others, refused."""
    slug = configured.provider if configured is not None else FALLBACK
    try:
        allowed = provider_class(slug).Config.overridable
    except IntelligenceError:
        allowed = frozenset()
    return allowed_overrides(config, allowed)


def active_provider() -> IntelligenceProvider | None:
    return IntelligenceProvider.objects.filter(is_active=True).first()


def forget_active_provider() -> None:
    _active.forget()


def find_provider(name: str | None) -> IntelligenceProvider | None:
    """A configured provider by name, the active one if name is None; None means local.

    The active one is read at most once per CONFIG_RELOAD_SECONDS per process (every
    analysis asks for it); changing providers here forgets it at once."""
    if name is None:
        return _active.get("active", settings.CONFIG_RELOAD_SECONDS, active_provider)
    if name == FALLBACK:
        return None
    found = IntelligenceProvider.objects.filter(name=name).first()
    if found is None:
        names = sorted(IntelligenceProvider.objects.values_list("name", flat=True))
        raise NotFound(
            f"no provider named {name!r}; configured: {', '.join([FALLBACK, *names])}",
            permanent=True,
        )
    return found


@transaction.atomic
def activate(provider: IntelligenceProvider | None) -> None:
    """Make `provider` the active one (None: back to local). One statement order that
    never leaves two active rows, so the constraint holds throughout."""
    IntelligenceProvider.objects.filter(is_active=True).update(is_active=False)
    if provider is not None:
        IntelligenceProvider.objects.filter(pk=provider.pk).update(is_active=True)
        provider.is_active = True
    # Now for this thread, and again at commit for a thread that read it in between.
    forget_active_provider()
    transaction.on_commit(forget_active_provider)


def analyze_incident(
    snapshot: dict,
    check_results: list[dict],
    *,
    run_id: str | None = None,
    provider_name: str | None = None,
    config_overrides: dict | None = None,
    scope: str = "incident",
) -> Analysis:
    with log_context(run_id=run_id):
        configured = find_provider(provider_name)
        return _analyze(snapshot, check_results, run_id, configured, config_overrides, scope)


def _analyze(snapshot, check_results, run_id, configured, overrides, scope) -> Analysis:
    started_at, started = timezone.now(), time.monotonic()
    context = AnalysisContext.build(snapshot, check_results, scope)
    local = LocalProvider().analyze(context)
    run = AnalysisRun(
        run_id=str(run_id or "")[:64],
        incident_id=snapshot.get("id") if isinstance(snapshot.get("id"), int) else None,
        scope=scope,
        requested_provider=configured.provider if configured else FALLBACK,
        provider_name=configured.name if configured else "",
        started_at=started_at,
    )
    result, error = local, ""
    if configured is not None and configured.provider != FALLBACK:
        context.local_findings = local.recommendations
        provider_started = time.monotonic()
        try:
            result = _run_provider(configured, context, overrides)
        except Exception as exc:  # any failure of a remote provider falls back to local
            error = _error_text(exc)
            result = local
        run.provider_duration_ms = int((time.monotonic() - provider_started) * 1000)
    fallback = configured is not None and configured.provider != FALLBACK and result is local
    run.provider = FALLBACK if result is local else configured.provider
    run.model, run.summary = result.model, result.summary
    run.recommendations = [item.model_dump() for item in result.recommendations]
    run.prompt_tokens, run.completion_tokens = result.prompt_tokens, result.completion_tokens
    run.fallback_used, run.error = fallback, error
    run.outcome = AnalysisRun.Outcome.FALLBACK if fallback else AnalysisRun.Outcome.OK
    run.duration_ms = int((time.monotonic() - started) * 1000)
    # No wait for the WAL flush: the pipeline's next step (which waits) makes the row
    # durable; if the database crashes before, the stage is still "running" and reruns.
    fastsql.insert(run, synchronous_commit=False)
    purge_old_runs()
    _remember_error(configured, error)
    logger.info(
        "analysis %s by %s (%s) outcome=%s fallback=%s in %d ms",
        run.pk, run.provider, run.model, run.outcome, fallback, run.duration_ms,
    )  # fmt: skip
    return Analysis(
        run.provider,
        run.model,
        run.summary,
        run.recommendations,
        fallback,
        error,
        run.pk,
        measurements=local.measurements,
    )


def purge_old_runs() -> int:
    # A small range scan on the started_at index. Retention is counted in days, so once
    # a minute is enough (per cache: all processes with Redis): a burst of analyses does
    # not pay a DELETE and a commit each.
    days = settings.INTELLIGENCE_RETENTION_DAYS
    if not days or not cache.add(PURGE_CACHE_KEY, 1, timeout=PURGE_EVERY_SECONDS):
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = AnalysisRun.objects.filter(started_at__lt=cutoff).delete()
    return deleted


PURGE_CACHE_KEY = "intelligence:purged-recently"
PURGE_EVERY_SECONDS = 60


def _run_provider(
    configured: IntelligenceProvider, context: AnalysisContext, overrides: dict | None
) -> ProviderResult:
    config = dict(configured.config or {})
    if overrides:
        config.update(caller_config(configured, overrides)[0])
    provider = provider_class(configured.provider)(config)
    # The SDK timeout is per HTTP operation: a server that trickles its answer a byte at a
    # time never trips it. The whole call gets a deadline; a call past it is abandoned
    # (its thread ends at the SDK's own timeouts) and the local findings answer.
    deadline = provider.deadline()
    future = _PROVIDER_POOL.submit(contextvars.copy_context().run, provider.analyze, context)
    try:
        return future.result(timeout=deadline)
    except FutureTimeout:
        future.cancel()
        raise IntelligenceError(
            f"{configured.provider} gave no complete answer within {deadline:g} s"
        ) from None


def _error_text(exc: Exception) -> str:
    if isinstance(exc, IntelligenceError):
        text = str(exc)
    else:
        # SDK exception text can quote request bodies or keys: name the class only.
        text = f"{exc.__class__.__name__} from the provider"
    logger.warning("intelligence provider failed, local fallback answers: %s", text)
    return redact_text(text)[:1000]


def _remember_error(configured: IntelligenceProvider | None, error: str) -> None:
    if configured is not None and configured.last_error != error:
        IntelligenceProvider.objects.filter(pk=configured.pk).update(last_error=error)
        configured.last_error = error  # the process's shared copy says so too


def incident_snapshot(incident_id: int) -> dict:
    try:
        incident = Incident.objects.prefetch_related("alerts").get(pk=incident_id)
    except Incident.DoesNotExist:
        raise NotFound(f"no incident with id {incident_id}", permanent=True) from None
    return incident.snapshot()


def recommend(
    *,
    incident_id: int | None = None,
    provider_name: str | None = None,
    config_overrides: dict | None = None,
    check_results: list[dict] | None = None,
) -> Analysis:
    """For the API and `get_recommendations`: one incident, or this system as a whole."""
    if incident_id is None:
        snapshot = {"id": None, "title": "System health", "alerts": []}
        scope = "system"
    else:
        snapshot, scope = incident_snapshot(incident_id), "incident"
    return analyze_incident(
        snapshot,
        check_results or [],
        provider_name=provider_name,
        config_overrides=config_overrides,
        scope=scope,
    )


def provider_catalogue() -> list[dict]:
    """Every registered provider: whether its SDK is installed and how to install it."""
    entries = []
    for slug in PROVIDERS:
        cls = provider_class(slug)
        entries.append(
            {
                "slug": slug,
                "label": cls.label,
                "installed": cls.sdk_installed(),
                "install": None if cls.sdk_installed() else cls.pip_install,
                "config_fields": sorted(cls.Config.model_fields),
                "secret_fields": list(cls.Config.secret_fields),
            }
        )
    return entries


def masked_config(provider: IntelligenceProvider) -> dict:
    try:
        secrets = provider_class(provider.provider).Config.secret_fields
    except IntelligenceError:
        secrets = ()
    config = dict(provider.config or {})
    masked = {k: ("***" if k in secrets and v else v) for k, v in config.items()}
    return redact(masked)
