import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from vigil.core import readiness
from vigil.core.outage import database_outage

logger = logging.getLogger(__name__)


@require_GET
def healthz(request):
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """The process can do its work: the database reachable, and whatever the apps check
    (the embedded worker alive). The cache is reported; without it Vigil serves on."""
    checks = {"database": _database(), "cache": _cache()}
    if checks["database"].ready:
        for name, check in readiness.registered().items():
            if (result := check()) is not None:
                checks[name] = result
    ready = all(check.ready for check in checks.values())
    degraded = any(check.state != "ok" for check in checks.values())
    body = {
        "status": "unavailable" if not ready else "degraded" if degraded else "ok",
        "checks": {name: check.state for name, check in checks.items()},
    }
    details = {name: check.detail for name, check in checks.items() if check.detail}
    if details:
        body["detail"] = details
    response = JsonResponse(body, status=200 if ready else 503)
    # A probe asks every few seconds: what is wrong is logged once where it is found
    # (the outage, the worker's restart), not as an error per probe.
    response._has_been_logged = True
    return response


def _database() -> readiness.Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        database_outage.refused(exc)
        return readiness.Check("unavailable", ready=False)
    return readiness.Check("ok")


def _cache() -> readiness.Check:
    try:
        cache = caches["default"]
        cache.set("vigil:readyz", "1", timeout=5)
        if cache.get("vigil:readyz") == "1" and getattr(cache, "reachable", True):
            return readiness.Check("ok")
    except Exception:
        logger.warning("readiness: cache unreachable", exc_info=True)
    return readiness.Check(
        "unavailable", detail={"note": "serving without it; rate limits are per process"}
    )


@require_GET
def api_docs(request):
    """The API's interactive docs. The page needs no key: it fetches the schema with the
    console's sign-in (the refresh cookie) or an API key pasted into it (security.md)."""
    response = render(
        request,
        "vigil/api_docs.html",
        {"schema_url": reverse("api:openapi-json"), "refresh_url": "/auth/token/refresh/"},
    )
    response["Cache-Control"] = "no-store"
    return response
