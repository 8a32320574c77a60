"""The one outbound HTTP client.

Every URL is checked with `validate_safe_url` (the first request and each redirect
hop), and the connection goes to the address that was validated, not to a fresh DNS
answer: a name that resolves to a public address for the check and to 127.0.0.1 a
moment later cannot reach an internal service. TLS still verifies the certificate
against the host name. One stack carries every request: httpcore connection pools
whose network backend connects only to validated addresses (`connections.py`).

- `request()`, what drivers and Vigil's own code call, sends through this process's
  `SafeSession` and reads the whole answer, capped and within a deadline.
- `safe_client()` / `safe_async_client()` are httpx clients for SDKs (LLM and chat
  vendors' libraries) whose transports (`transports.py`) apply the same checks to every
  request the SDK makes; `safe_async_client_options()` hands them to a library that
  builds its own `httpx.AsyncClient` (python-telegram-bot's `HTTPXRequest`).
"""

import email.message
import json as jsonlib
import logging
import os
import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpcore
import httpx

from vigil.core.security.connections import (
    AddressPools,
    idle_connections,
    pinned,
    pool_key,
    sync_pool,
)
from vigil.core.security.outbound import (
    ACCEPT_ENCODING,
    MAX_REDIRECTS,
    USER_AGENT,
    BodyLimit,
    HTTPStatusError,
    OutboundConnectionError,
    OutboundHTTPError,
    OutboundTimeout,
    RefusedURLError,
    ResponseTooLarge,
    TooManyRedirects,
    core_url,
    default_max_bytes,
    default_ssl_context,
    default_timeout,
    validated,
)
from vigil.core.security.redact import redact_text, redact_url
from vigil.core.security.transports import (
    AsyncSafeTransport,
    SafeTransport,
    safe_async_client,
    safe_async_client_options,
    safe_client,
)
from vigil.core.security.urls import Resolver, UnsafeURLError

__all__ = [
    "AsyncSafeTransport",
    "HTTPStatusError",
    "OutboundConnectionError",
    "OutboundHTTPError",
    "OutboundTimeout",
    "RefusedURLError",
    "ResponseTooLarge",
    "SafeResponse",
    "SafeSession",
    "SafeTransport",
    "TooManyRedirects",
    "UnsafeURLError",
    "request",
    "safe_async_client",
    "safe_async_client_options",
    "safe_client",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SafeResponse:
    status_code: int
    headers: httpx.Headers
    content: bytes
    url: str
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding, errors="replace")

    def json(self) -> Any:
        return jsonlib.loads(self.content)

    def raise_for_status(self) -> "SafeResponse":
        if self.status_code >= 400:
            raise HTTPStatusError(
                f"HTTP {self.status_code} from {redact_url(self.url)}",
                self.status_code,
                self.headers,
            )
        return self


REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Dropped when a redirect leaves the origin they were meant for.
_ORIGIN_BOUND_HEADERS = ("authorization", "proxy-authorization", "cookie")
# Set by the session from the request itself, never taken from the caller.
_COMPUTED_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})


class SafeSession:
    """What request() sends through: each hop's URL is validated, the connection goes
    to an address that was validated, connections are kept alive per origin and
    allow-list, and the answer is read whole, capped and within the deadline."""

    def __init__(self, *, resolver: Resolver | None = None, verify: ssl.SSLContext | None = None):
        self._resolver = resolver
        context = verify or default_ssl_context()
        self._pools = AddressPools(lambda: sync_pool(context))

    def close(self) -> None:
        for pool in self._pools.take_all():
            pool.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        content: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        follow_redirects: bool = True,
        allowed_hosts: Iterable[str] | None = None,
    ) -> SafeResponse:
        """One request, its whole answer read. The body is `json` (compact, UTF-8),
        `data` (form-encoded) or `content`. `timeout` bounds each connect and read and
        the whole exchange (OUTBOUND_HTTP_TIMEOUT by default); `max_bytes` the answer
        (OUTBOUND_HTTP_MAX_BYTES); `allowed_hosts` replaces SSRF_ALLOWED_HOSTS."""
        method = method.upper()
        shown = f"{method} {redact_url(url) if isinstance(url, str) else repr(url)}"
        seconds = default_timeout() if timeout is None else timeout
        limit = default_max_bytes() if max_bytes is None else max_bytes
        deadline = time.monotonic() + seconds
        body, fields = _encode_body(json, data, content)
        fields.update((name.lower(), (name, value)) for name, value in (headers or {}).items())
        hops = 0
        while True:
            safe = validated(url, allowed_hosts, self._resolver)
            hop = shown if hops == 0 else f"{method} {redact_url(url)}"  # for its errors
            pool, evicted = self._pools.get(pool_key(safe))
            for connection in [c for old in evicted for c in idle_connections(old)]:
                connection.close()
            try:
                response = _exchange(pool, safe, url, method, fields, body, limit, deadline, hop)
            except httpcore.TimeoutException:
                raise OutboundTimeout(f"no answer within {seconds:g} s: {shown}") from None
            except httpcore.LocalProtocolError:  # h11 refuses a header it cannot send
                raise OutboundHTTPError(
                    f"invalid request header or path: {shown}", permanent=True
                ) from None
            except (OSError, httpcore.NetworkError, httpcore.ProtocolError) as exc:
                raise OutboundConnectionError(f"{_describe(exc)}: {shown}") from None
            location = response.headers.get("Location", "")
            if not (follow_redirects and response.status_code in REDIRECT_CODES and location):
                return response
            if hops == MAX_REDIRECTS:
                raise TooManyRedirects(f"more than {MAX_REDIRECTS} redirects: {shown}")
            hops += 1
            url, method, body = _redirected(
                url, location, response.status_code, method, body, fields
            )


def _exchange(pool, safe, url, method, fields, body, limit, deadline, shown) -> SafeResponse:
    remaining = max(deadline - time.monotonic(), 0.001)
    timeouts = {"connect": remaining, "read": remaining, "write": remaining, "pool": remaining}
    headers = [(b"Host", safe.netloc.encode("ascii"))]
    for lower, (name, value) in fields.items():
        if lower not in _COMPUTED_HEADERS:
            headers.append((name.encode("latin-1"), _header_value(value)))
    if body is not None or method in ("POST", "PUT", "PATCH"):
        headers.append((b"Content-Length", str(len(body or b"")).encode()))
    try:
        core_request = httpcore.Request(
            method, core_url(safe), headers=headers, content=body or b"",
            extensions={"timeout": timeouts},
        )  # fmt: skip
    except (UnicodeEncodeError, TypeError):
        raise httpcore.LocalProtocolError("not a header value") from None
    with pinned(safe):
        answer = pool.handle_request(core_request)
    try:
        content = _read_body(answer, timeouts, limit, deadline, shown)
    finally:
        answer.close()  # read to the end, the connection carries the next request
    return SafeResponse(answer.status, _headers(answer), content, url, _charset(answer))


def _header_value(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("latin-1")


def _read_body(answer, timeouts, limit, deadline, shown) -> bytes:
    cap = BodyLimit(answer.headers, limit, shown)
    # The pool reads this dict when the body starts: no wait outlasts the deadline.
    timeouts["read"] = max(deadline - time.monotonic(), 0.001)
    chunks = []
    for chunk in answer.iter_stream():
        chunks.append(cap.feed(chunk))
        if time.monotonic() > deadline:
            raise OutboundTimeout(f"response still arriving after the deadline: {shown}")
    chunks.append(cap.end())
    return b"".join(chunks)


def _headers(answer) -> httpx.Headers:
    return httpx.Headers(answer.headers)


def _charset(answer) -> str:
    for name, value in answer.headers:
        if name.lower() == b"content-type":
            message = email.message.Message()
            message["content-type"] = value.decode("latin-1")
            charset = message.get_content_charset()
            return charset if charset and _known(charset) else "utf-8"
    return "utf-8"


def _known(charset: str) -> bool:
    try:
        b"".decode(charset)
    except LookupError:
        return False
    return True


def _encode_body(json: Any, data: Any, content: Any) -> tuple[bytes | None, dict]:
    fields = {
        "user-agent": ("User-Agent", USER_AGENT),
        "accept": ("Accept", "*/*"),
        "accept-encoding": ("Accept-Encoding", ACCEPT_ENCODING),
    }
    if json is not None:
        fields["content-type"] = ("Content-Type", "application/json")
        text = jsonlib.dumps(json, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return text.encode(), fields
    if data is not None:
        fields["content-type"] = ("Content-Type", "application/x-www-form-urlencoded")
        return urlencode(data, doseq=True).encode(), fields
    if isinstance(content, str):
        return content.encode(), fields
    return content, fields


def _redirected(url, location, status, method, body, fields) -> tuple[str, str, bytes | None]:
    target = urljoin(url, location)
    if status == 303 and method != "HEAD" or status in (301, 302) and method == "POST":
        method, body = "GET", None  # as browsers and httpx do
        for name in ("content-type", "content-length", "transfer-encoding"):
            fields.pop(name, None)
    if _origin(target) != _origin(url):
        for name in _ORIGIN_BOUND_HEADERS:
            fields.pop(name, None)
    return target, method, body


def _origin(url: str) -> tuple[str, str | None, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        return "", None, None  # refused by the URL check at the next hop


_sessions: dict[int, SafeSession] = {}
_sessions_lock = threading.Lock()


def _session() -> SafeSession:
    # One session per process, reused by every request(): a new connection (TCP, TLS)
    # costs more than the request itself. The pid keeps a forked child off its
    # parent's sockets.
    pid = os.getpid()
    session = _sessions.get(pid)
    if session is None:
        with _sessions_lock:
            session = _sessions.setdefault(pid, SafeSession())
    return session


def request(method: str, url: str, **options: Any) -> SafeResponse:
    """Send one request through this process's SafeSession and read the whole (capped)
    body; `options` are SafeSession.request's. Errors are OutboundHTTPError. The
    allow-list, when not given, is read from the settings at each request."""
    return _session().request(method, url, **options)


def _describe(exc: Exception) -> str:
    detail = redact_text(str(exc))[:200]
    return f"{exc.__class__.__name__} ({detail})" if detail else exc.__class__.__name__
