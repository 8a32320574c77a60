"""The HTTP API: one Django Ninja instance, each app contributing its router.

Errors always have the shape {"error": "...", "detail": ...}; exception text never
reaches a response.
"""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from vigil.accounts.api import router as auth_router
from vigil.accounts.roles import BY_METHOD
from vigil.alerts.api import router as alerts_router
from vigil.checkers.api import router as checkers_router
from vigil.core.responses import json_error
from vigil.intelligence.api import router as intelligence_router
from vigil.notify.api import router as notify_router
from vigil.orchestration.api import router as orchestration_router
from vigil.secretscan.api import router as secretscan_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Vigil",
    version="1",
    description="Alerts in, checked, explained, notified. Authenticate with "
    "`Authorization: Bearer <API key or console access token>` or `X-API-Key: <key>`. "
    "Reading needs the viewer role; each writing route names the role it needs.",
    auth=BY_METHOD,
    urls_namespace="api",
    docs_url="api/docs",
    openapi_url="api/openapi.json",
)

api.add_router("auth/", auth_router)
api.add_router("alerts/", alerts_router)
api.add_router("api/checkers/", checkers_router)
api.add_router("intelligence/", intelligence_router)
api.add_router("notify/", notify_router)
api.add_router("orchestration/", orchestration_router)
api.add_router("api/secretscan/", secretscan_router)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    detail = [
        {"loc": list(err.get("loc", [])), "msg": err.get("msg", "invalid")} for err in exc.errors
    ]
    return json_error(422, "invalid request", detail)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return json_error(exc.status_code, exc.message)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return json_error(401, "authentication required")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return json_error(404, "not found")


@api.exception_handler(Exception)
def _unexpected(request, exc):
    logger.exception("unhandled error in %s %s", request.method, request.path)
    return json_error(500, "internal error")
