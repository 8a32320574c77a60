"""Authentication of the API paths: an API key or a console access token, one header.

`Authorization: Bearer <key or access token>` or `X-API-Key: <key>`. The caller
becomes `request.principal`; each route then checks its role (accounts.roles).
"""

from django.conf import settings

from vigil.accounts import signin, tokens
from vigil.accounts.roles import OPEN, Principal
from vigil.core.responses import json_error
from vigil.core.roles import Role
from vigil.core.services import authenticate_key
from vigil.core.signals import api_key_refused

HOW = "send 'Authorization: Bearer <API key or access token>' or 'X-API-Key: <key>'"


def _presented(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.META.get("HTTP_X_API_KEY", "").strip() or None


def _is_protected(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.API_KEY_PROTECTED_PREFIXES)


def _exempt(request) -> bool:
    path = request.path_info
    return (request.method, path) in settings.API_KEY_EXEMPT or (
        request.method == "HEAD" and ("GET", path) in settings.API_KEY_EXEMPT
    )


def _unauthorized(error: str, detail: str | None = HOW):
    return json_error(401, error, detail, WWW_Authenticate="Bearer")


class ApiAuthMiddleware:
    """A key in the query string is refused outright: it ends up in proxy and access logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_key = None
        request.principal = None
        path = request.path_info
        if not _is_protected(path):
            return self.get_response(request)
        if not settings.API_KEY_AUTH_ENABLED:
            request.principal = OPEN
            return self.get_response(request)
        if _exempt(request):
            return self.get_response(request)
        if any(name in request.GET for name in ("api_key", "apikey", "key", "token")):
            return json_error(400, "API keys are not accepted in the query string", HOW)
        raw = _presented(request)
        if raw is None:
            return _unauthorized("authentication required")
        if tokens.looks_like_jwt(raw):
            return self._with_token(request, raw)
        key = authenticate_key(raw)
        if key is None:
            api_key_refused.send(sender=ApiAuthMiddleware, request=request)
            return _unauthorized("invalid or inactive API key", None)
        if not key.allows(path):
            return json_error(403, f"API key {key.name!r} is not allowed to call {path}")
        request.api_key = key
        request.principal = Principal(kind="key", name=key.name, role=Role(key.role))
        return self.get_response(request)

    def _with_token(self, request, raw: str):
        try:
            claims = tokens.verify_access(raw)
        except tokens.TokenRejected as exc:
            return _unauthorized("invalid access token", exc.reason)
        principal = signin.principal_for(claims)
        if principal is None:
            return _unauthorized("invalid access token", "this sign-in has ended")
        request.principal = principal
        return self.get_response(request)
