"""API key authentication and rate limiting for the API paths."""

import logging
import time

from django.conf import settings
from django.core.cache import caches

from vigil.core.clientip import client_ip
from vigil.core.responses import json_error
from vigil.core.services import authenticate_key
from vigil.core.signals import api_key_refused

logger = logging.getLogger(__name__)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _presented_key(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.META.get("HTTP_X_API_KEY", "").strip() or None


def _is_protected(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.API_KEY_PROTECTED_PREFIXES)


class ApiKeyMiddleware:
    """API paths need `Authorization: Bearer <key>` or `X-API-Key: <key>`.

    A key in the query string is refused outright: it ends up in proxy and access logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_key = None
        path = request.path_info
        if not settings.API_KEY_AUTH_ENABLED or not _is_protected(path):
            return self.get_response(request)
        if (request.method, path) in settings.API_KEY_EXEMPT or (
            request.method == "HEAD" and ("GET", path) in settings.API_KEY_EXEMPT
        ):
            return self.get_response(request)
        if any(name in request.GET for name in ("api_key", "apikey", "key", "token")):
            return json_error(
                400,
                "API keys are not accepted in the query string",
                "send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
            )
        raw = _presented_key(request)
        if raw is None:
            return json_error(
                401,
                "authentication required",
                "send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
                WWW_Authenticate="Bearer",
            )
        key = authenticate_key(raw)
        if key is None:
            api_key_refused.send(sender=ApiKeyMiddleware, request=request)
            return json_error(401, "invalid or inactive API key", WWW_Authenticate="Bearer")
        if not key.allows(path):
            return json_error(403, f"API key {key.name!r} is not allowed to call {path}")
        request.api_key = key
        return self.get_response(request)


class RateLimitMiddleware:
    """Fixed one-minute windows per identity (API key name, else client IP) per prefix."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.RATE_LIMIT_ENABLED:
            return self.get_response(request)
        rule = self._rule(request)
        if rule is None:
            return self.get_response(request)
        prefix, limit, kind = rule
        key = getattr(request, "api_key", None)
        identity = f"key:{key.name}" if key is not None else f"ip:{client_ip(request)}"
        now = time.time()
        window = int(now // 60)
        cache_key = f"rl:{kind}:{prefix}:{identity}:{window}"
        cache = caches["default"]
        try:
            cache.add(cache_key, 0, timeout=61)
            count = cache.incr(cache_key)
        except Exception:  # a cache outage must not take ingest down with it
            logger.warning("rate limit cache unavailable; request allowed", exc_info=True)
            return self.get_response(request)
        if count > limit:
            retry_after = max(1, int((window + 1) * 60 - now) + 1)
            return json_error(
                429,
                "rate limit exceeded",
                {"limit": limit, "window_seconds": 60, "prefix": prefix},
                Retry_After=str(retry_after),
            )
        return self.get_response(request)

    @staticmethod
    def _rule(request) -> tuple[str, int, str] | None:
        path = request.path_info
        if request.method in READ_METHODS and settings.RATE_LIMITS_READ:
            limits, kind = settings.RATE_LIMITS_READ, "read"
        else:
            limits, kind = settings.RATE_LIMITS, "all"
        best = None
        for prefix, limit in limits.items():
            if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, int(limit), kind)
        return best
