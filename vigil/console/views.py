"""The console's page: index.html for `/` and every console route (history mode).

Paths that belong to the server (API, admin, webhooks, static files, probes) keep their
own answers: a miss under them is the API's JSON 404, never the console's HTML. So is a
request for a deeper path that does not ask for HTML (curl with a typo in the path gets
JSON); `/` itself is the console whatever the client accepts.
"""

import functools
import secrets

from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

from vigil.console.assets import ASSETS_URL, DIST_DIR
from vigil.core.responses import json_error

NONCE_PLACEHOLDER = "__CSP_NONCE__"

# PrimeVue injects its theme as <style> elements; they carry this response's nonce, so
# neither 'unsafe-inline' nor 'unsafe-eval' is needed.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _first_segment(route: str) -> str:
    return route.lstrip("^/").split("/", 1)[0]


@functools.cache
def server_segments() -> frozenset[str]:
    """First path segments the server answers itself (`alerts`, `admin`, `healthz`, …)."""
    segments = {_first_segment(settings.STATIC_URL), _first_segment(ASSETS_URL)}

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLPattern) and pattern.callback is index:
                continue
            if isinstance(pattern, URLResolver) and not route:
                walk(pattern.url_patterns, route)
            elif route and not route.startswith(("<", "(")):
                segments.add(_first_segment(route))

    walk(get_resolver().url_patterns, "")
    segments.discard("")
    return frozenset(segments)


@functools.cache
def _page() -> str | None:
    try:
        return (DIST_DIR / "index.html").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _wants_html(request) -> bool:
    return "text/html" in request.META.get("HTTP_ACCEPT", "")


def index(request, route: str = ""):
    if (
        request.method not in ("GET", "HEAD")
        or _first_segment(route) in server_segments()
        or (route and not _wants_html(request))
    ):
        return json_error(404, "not found", {"path": request.path})
    page = _page()
    if page is None:
        return json_error(
            503,
            "the console is not built",
            "run `make ui` (needs Node 20) or install a release, which ships it",
        )
    nonce = secrets.token_urlsafe(18)
    response = HttpResponse(page.replace(NONCE_PLACEHOLDER, nonce))
    response["Content-Security-Policy"] = CSP.format(nonce=nonce)
    response["Cache-Control"] = "no-cache"
    return response
