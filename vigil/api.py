"""The HTTP API: one Django Ninja instance, each app contributing its router.

Errors always have the shape {"error": "...", "detail": ...}; exception text never
reaches a response.
"""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from vigil.accounts.api import router as auth_router
from vigil.accounts.people_api import router as accounts_router
from vigil.accounts.roles import BY_METHOD
from vigil.alerts.api import router as alerts_router
from vigil.bot.api import router as bot_router
from vigil.checkers.api import router as checkers_router
from vigil.core.responses import json_error
from vigil.intelligence.api import router as intelligence_router
from vigil.nodes.api import router as nodes_router
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
    docs_url=None,  # vigil.core.views.api_docs: works with the console's sign-in
    openapi_url="api/openapi.json",
)

api.add_router("auth/", auth_router)
api.add_router("api/accounts/", accounts_router)
api.add_router("alerts/", alerts_router)
api.add_router("api/checkers/", checkers_router)
api.add_router("api/nodes/", nodes_router)
api.add_router("intelligence/", intelligence_router)
api.add_router("notify/", notify_router)
api.add_router("orchestration/", orchestration_router)
api.add_router("api/secretscan/", secretscan_router)
api.add_router("api/bot/", bot_router)


# Our words for the validation errors callers meet, so a 422 never carries a library's
# wording ("Value error, …", "Input should be …") that changes with its versions.
_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a field this route takes",
    "int_parsing": "must be an integer",
    "int_type": "must be an integer",
    "int_from_float": "must be an integer",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be a string",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "list_type": "must be a list",
    "datetime_parsing": "must be a date and time in ISO 8601 (2026-01-31T12:00:00Z)",
    "datetime_from_date_parsing": "must be a date and time in ISO 8601 (2026-01-31T12:00:00Z)",
    "datetime_type": "must be a date and time in ISO 8601 (2026-01-31T12:00:00Z)",
    "uuid_parsing": "must be a UUID",
    "uuid_type": "must be a UUID",
    "string_pattern_mismatch": "contains characters that are not allowed here",
    "json_invalid": "is not valid JSON",
}
_BOUNDS = {
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "string_too_short": "must be at least {min_length} characters long",
    "string_too_long": "must be at most {max_length} characters long",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
}
# Where a value came from; the parameter names after it are our code's, not the caller's.
_SOURCES = ("body", "query", "path", "header", "cookie", "form")
_PARAMETERS = ("body", "query", "filters", "page", "payload", "params")


def _plain_message(err: dict) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "value_error" and ctx.get("error") is not None:
        return str(ctx["error"])
    if kind in _BOUNDS:
        try:
            return _BOUNDS[kind].format(**ctx)
        except (KeyError, IndexError):
            return "is out of range"
    return _PLAIN.get(kind, "is not valid")


def _plain_loc(loc) -> list:
    loc = list(loc)
    if len(loc) > 2 and loc[0] in _SOURCES and loc[1] in _PARAMETERS:
        del loc[1]
    return loc


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    detail = []
    for err in exc.errors:
        loc = _plain_loc(err.get("loc", []))
        field = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc[1:]
        ).lstrip(".") or str(loc[0] if loc else "body")
        detail.append({"loc": loc, "msg": f"{field} {_plain_message(err)}"})
    return json_error(422, "invalid request", detail)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400 and exc.message == "Cannot parse request body":
        return json_error(400, "the request body is not valid JSON")
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
