import logging

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def healthz(request):
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """The process can do its work: database and cache both reachable."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("readiness: database unreachable")
        checks["database"] = "unavailable"
    try:
        cache = caches["default"]
        cache.set("vigil:readyz", "1", timeout=5)
        if cache.get("vigil:readyz") != "1":
            checks["cache"] = "unavailable"
    except Exception:
        logger.exception("readiness: cache unreachable")
        checks["cache"] = "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
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
