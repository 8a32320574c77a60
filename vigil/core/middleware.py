"""The paths' trailing slash, JSON 405s and rate limiting for the API paths
(authentication: vigil.accounts.middleware)."""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.urls import is_valid_path

from vigil.core.clientip import client_ip
from vigil.core.responses import json_error

logger = logging.getLogger(__name__)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TrailingSlashMiddleware:
    """Serve a path that lacks only its trailing slash as if it had it.

    Django's APPEND_SLASH answers 301, and the HTTP clients of Alertmanager, Grafana and
    Python's urllib follow a 301 after a POST with a GET: the webhook's readiness answer
    then tells the sender "200 ok" while the alert is lost. No redirect, then: the
    request goes on under the right path (first in MIDDLEWARE, so keys, rate limits and
    views all see that path).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.endswith("/") and not is_valid_path(path) and is_valid_path(f"{path}/"):
            request.path_info = f"{path}/"
            request.path = f"{request.path}/"
        return self.get_response(request)


class JsonMethodNotAllowedMiddleware:
    """Django and Django Ninja answer a wrong method with an empty text/html 405; the API
    answers every error in JSON, naming the methods the path takes (the admin keeps its
    own pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or response.get("Content-Type", "").startswith("application/json")
            or request.path_info.startswith("/admin/")
        ):
            return response
        allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
        return json_error(
            405,
            f"method {request.method} not allowed on {request.path_info[:200]}",
            {"allowed": allowed},
            Allow=", ".join(allowed),
        )


class RateLimitMiddleware:
    """Fixed one-minute windows per identity (API key name, else client IP) per prefix."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.RATE_LIMIT_ENABLED:
            return self.get_response(request)
        rule = self._rule(request)
        principal = getattr(request, "principal", None)
        if (
            rule is not None
            and principal is not None
            and principal.kind == "user"
            and request.method in READ_METHODS
        ):
            rule = ("*", settings.RATE_LIMIT_USER_READS, "user-read")
        if rule is None:
            return self.get_response(request)
        prefix, limit, kind = rule
        if principal is not None and principal.kind in ("key", "user"):
            identity = f"{principal.kind}:{principal.name}"
        else:
            identity = f"ip:{client_ip(request)}"
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
