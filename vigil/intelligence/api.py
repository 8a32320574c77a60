"""/intelligence/: health, providers, recommendations, disk and memory reports."""

from typing import Any

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from vigil.accounts.roles import RESPONDER
from vigil.core.security.paths import UnsafePathError
from vigil.intelligence import disk, processes, services
from vigil.intelligence.models import IntelligenceProvider
from vigil.intelligence.providers import FALLBACK
from vigil.intelligence.providers.base import IntelligenceError, NotFound

router = Router(tags=["intelligence"])


class RecommendationQuery(Schema):
    incident_id: int | None = Field(default=None, ge=1)
    provider: str | None = Field(default=None, max_length=100)


class RecommendationRequest(RecommendationQuery):
    # Per-request tuning of the provider: only the keys its Config declares `overridable`
    # (model, temperature, max_tokens, max_retries); the others are ignored and named.
    config: dict[str, Any] = Field(default_factory=dict)
    check_results: list[dict[str, Any]] = Field(default_factory=list, max_length=100)


class RecommendationOut(Schema):
    title: str
    detail: str
    priority: str
    commands: list[str]
    confidence: float


class AnalysisOut(Schema):
    provider: str
    model: str
    summary: str
    recommendations: list[RecommendationOut]
    fallback_used: bool
    error: str
    analysis_run_id: int | None
    ignored_config_keys: list[str] = Field(default_factory=list)


class HealthOut(Schema):
    status: str
    provider: str


class DiskQuery(Schema):
    path: str | None = Field(default=None, max_length=4096)
    limit: int | None = Field(default=None, ge=1, le=100)


@router.get("health/", auth=None, response=HealthOut)
def health(request):
    # Unauthenticated: says whether analysis works and which kind of provider answers,
    # never names, models or URLs.
    try:
        active = services.active_provider()
    except Exception:
        return {"status": "degraded", "provider": FALLBACK}
    return {"status": "ok", "provider": active.provider if active else FALLBACK}


@router.get("providers/")
def providers(request):
    configured = [
        {
            "name": item.name,
            "provider": item.provider,
            "active": item.is_active,
            "config": services.masked_config(item),
            "last_error": item.last_error,
        }
        for item in IntelligenceProvider.objects.all()
    ]
    active = next((item["name"] for item in configured if item["active"]), None)
    return {
        "active": active,
        "fallback": FALLBACK,
        "registry": services.provider_catalogue(),
        "count": len(configured),
        "limit": len(configured),
        "offset": 0,
        "items": configured,
    }


def _recommend(incident_id, provider, config=None, check_results=None):
    try:
        analysis = services.recommend(
            incident_id=incident_id,
            provider_name=provider,
            config_overrides=config,
            check_results=check_results,
        )
    except IntelligenceError as exc:
        raise HttpError(404 if isinstance(exc, NotFound) else 400, str(exc)) from None
    return analysis.to_dict()


@router.get("recommendations/", response=AnalysisOut)
def recommendations(request, query: Query[RecommendationQuery]):
    return _recommend(query.incident_id, query.provider)


@router.post("recommendations/", auth=RESPONDER, response=AnalysisOut)
def recommendations_post(request, body: RecommendationRequest):
    try:
        configured = services.find_provider(body.provider)
    except IntelligenceError as exc:
        raise HttpError(404, str(exc)) from None
    allowed, ignored = services.caller_config(configured, body.config)
    result = _recommend(body.incident_id, body.provider, allowed, body.check_results)
    result["ignored_config_keys"] = ignored
    return result


@router.get("disk/")
def disk_report(request, query: Query[DiskQuery]):
    if query.path:
        try:
            paths = [disk.resolve_scan_path(query.path)]
        except UnsafePathError as exc:
            raise HttpError(400, f"path refused: {exc.reason}") from None
        if not paths[0].is_dir():
            raise HttpError(404, "path is not a directory")
    else:
        paths = disk.scan_roots()
    reports = disk.scan_all(paths, top=query.limit)
    return {"roots": [str(p) for p in paths], "reports": [r.to_dict() for r in reports]}


@router.get("memory/")
def memory_report(request, limit: int | None = Query(None, ge=1, le=100)):
    return processes.memory_report(top=limit).to_dict()
