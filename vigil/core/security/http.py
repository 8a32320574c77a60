"""The one outbound HTTP client.

Every URL is checked with `validate_safe_url` (the first request and each redirect
hop), and the connection goes to the address that was validated, not to a fresh DNS
answer: a name that resolves to a public address for the check and to 127.0.0.1 a
moment later cannot reach an internal service. TLS still verifies the certificate
against the host name. Two paths apply these rules:

- `request()`, what drivers and Vigil's own code call, goes through a `SafeSession`:
  keep-alive HTTP/1.1 connections from `connections.py`, on the standard library's
  `http.client`, and the whole body read, capped and within a deadline. It sends one
  webhook for a third of the CPU an httpx client needs, and a worker sends one per run.
- `safe_client()` is an `httpx.Client` for SDKs (LLM and chat vendors' libraries),
  whose `SafeTransport` does the same checks for every request the SDK makes.
"""

import codecs
import functools
import http.client
import json as jsonlib
import logging
import os
import ssl
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

import httpx

from vigil.core.retry import RetryableError, classify_answer, transient_status
from vigil.core.security import setting
from vigil.core.security.connections import PinnedConnections
from vigil.core.security.redact import redact_text, redact_url
from vigil.core.security.urls import Resolver, SafeURL, UnsafeURLError, validate_safe_url

__all__ = [
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
    "safe_client",
]

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_POOLS = 32
USER_AGENT = "Vigil"


class OutboundHTTPError(RetryableError):
    """Base of every outbound failure; `permanent` says whether a retry can help."""


class RefusedURLError(UnsafeURLError, OutboundHTTPError):
    permanent = True


class OutboundTimeout(OutboundHTTPError):
    pass


class OutboundConnectionError(OutboundHTTPError):
    pass


class ResponseTooLarge(OutboundHTTPError):
    permanent = True


class TooManyRedirects(OutboundHTTPError):
    permanent = True


class HTTPStatusError(OutboundHTTPError):
    def __init__(self, message: str, status_code: int, retry_after: float | None = None):
        super().__init__(
            message, permanent=not transient_status(status_code), retry_after=retry_after
        )
        self.status_code = status_code


def default_timeout() -> float:
    return float(setting("OUTBOUND_HTTP_TIMEOUT", DEFAULT_TIMEOUT))


def default_max_bytes() -> int:
    return int(setting("OUTBOUND_HTTP_MAX_BYTES", DEFAULT_MAX_BYTES))


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~20 ms; one context serves every client.
    return httpx.create_ssl_context()


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, stream: httpx.SyncByteStream, limit: int, url: str):
        self._stream, self._limit, self._url = stream, limit, url

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._stream:
            received += len(chunk)
            if received > self._limit:
                raise ResponseTooLarge(f"response larger than {self._limit} bytes from {self._url}")
            yield chunk

    def close(self) -> None:
        self._stream.close()


class SafeTransport(httpx.BaseTransport):
    def __init__(
        self,
        *,
        allowed_hosts: Iterable[str] | None = None,
        resolver: Resolver | None = None,
        max_bytes: int | None = None,
        verify: ssl.SSLContext | bool = True,
    ):
        self._allowed_hosts = None if allowed_hosts is None else list(allowed_hosts)
        self._resolver = resolver
        self._max_bytes = default_max_bytes() if max_bytes is None else max_bytes
        self._verify = verify
        # One connection pool per host name: httpcore pools by (scheme, address, port),
        # so two names on one address would otherwise share a TLS connection whose
        # certificate was only checked for the first name.
        self._pools: OrderedDict[tuple[str, str, int], httpx.HTTPTransport] = OrderedDict()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            safe = validate_safe_url(str(request.url), self._allowed_hosts, resolver=self._resolver)
        except UnsafeURLError as exc:
            raise RefusedURLError(str(exc)) from None
        pool = self._pool_for(safe)
        shown = redact_url(safe.url)
        *others, last = safe.addresses
        for address in others:
            try:
                return self._send(pool, request, safe, str(address), shown)
            except httpx.ConnectError:
                continue  # the host's next validated address may answer
        return self._send(pool, request, safe, str(last), shown)

    def _send(self, pool, request, safe: SafeURL, address: str, shown: str) -> httpx.Response:
        logger.debug("outbound %s %s via %s", request.method, shown, address)
        response = pool.handle_request(self._pinned(request, safe, address))
        return self._capped(response, shown)

    @staticmethod
    def _pinned(request: httpx.Request, safe: SafeURL, address: str) -> httpx.Request:
        # A new request: the caller's keeps its host name, which httpx needs to resolve
        # relative redirects and to decide whether Authorization may follow them.
        headers = httpx.Headers(request.headers)
        headers["Host"] = safe.netloc
        return httpx.Request(
            request.method,
            request.url.copy_with(host=address),
            headers=headers,
            stream=request.stream,
            extensions={**request.extensions, "sni_hostname": safe.host},
        )

    def _capped(self, response: httpx.Response, shown: str) -> httpx.Response:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            response.close()
            raise ResponseTooLarge(
                f"response of {declared} bytes exceeds the {self._max_bytes}-byte limit: {shown}"
            )
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_CappedStream(response.stream, self._max_bytes, shown),
            extensions=response.extensions,
        )

    def _pool_for(self, safe: SafeURL) -> httpx.HTTPTransport:
        key = (safe.scheme, safe.host, safe.port)
        with self._lock:
            pool = self._pools.pop(key, None)
            if pool is None:
                verify = _default_ssl_context() if self._verify is True else self._verify
                pool = httpx.HTTPTransport(verify=verify, trust_env=False, retries=0)
            self._pools[key] = pool
            evicted = [
                self._pools.popitem(last=False)[1] for _ in range(len(self._pools) - MAX_POOLS)
            ]
        for old in evicted:
            old.close()
        return pool

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            pool.close()


def safe_client(
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    allowed_hosts: Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
    verify: ssl.SSLContext | bool = True,
    follow_redirects: bool = True,
) -> httpx.Client:
    """An httpx.Client whose every request goes through SafeTransport; hand it to SDKs."""
    transport = SafeTransport(
        allowed_hosts=allowed_hosts, resolver=resolver, max_bytes=max_bytes, verify=verify
    )
    return httpx.Client(
        transport=transport,
        timeout=default_timeout() if timeout is None else timeout,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        follow_redirects=follow_redirects,
        max_redirects=MAX_REDIRECTS,
        # No proxies, .netrc credentials or CA overrides from the environment.
        trust_env=False,
        # No cookies kept: one vendor's Set-Cookie must not ride along with a later
        # request of whoever shares the client.
        cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),
    )


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
            verdict = classify_answer(self.status_code, self.headers)
            raise HTTPStatusError(
                f"HTTP {self.status_code} from {redact_url(self.url)}",
                self.status_code,
                verdict.retry_after,
            )
        return self


REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Dropped when a redirect leaves the origin they were meant for.
_ORIGIN_BOUND_HEADERS = ("authorization", "proxy-authorization", "cookie")
# Set by the session from the request itself, never taken from the caller.
_COMPUTED_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})
_READ_CHUNK = 64 * 1024


class SafeSession:
    """What request() sends through: each hop's URL is validated, the connection goes
    to the address that was validated, connections are kept alive per origin and
    address, and the answer is read whole, capped and within the deadline."""

    def __init__(self, *, resolver: Resolver | None = None, verify: ssl.SSLContext | None = None):
        self._resolver = resolver
        self._connections = PinnedConnections(verify or _default_ssl_context())

    def close(self) -> None:
        self._connections.close()

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
            try:
                # The raw string is checked, before anything normalises it.
                safe = validate_safe_url(url, allowed_hosts, resolver=self._resolver)
            except UnsafeURLError as exc:
                raise RefusedURLError(str(exc)) from None
            hop = shown if hops == 0 else f"{method} {redact_url(url)}"  # for its errors
            try:
                response = self._exchange(
                    safe, url, method, fields, body, seconds, limit, deadline, hop
                )
            except TimeoutError:
                raise OutboundTimeout(f"no answer within {seconds:g} s: {shown}") from None
            except (OSError, http.client.HTTPException) as exc:
                raise OutboundConnectionError(f"{_describe(exc)}: {shown}") from None
            except ValueError:  # http.client refuses a header or path it cannot send
                raise OutboundHTTPError(
                    f"invalid request header or path: {shown}", permanent=True
                ) from None
            location = response.headers.get("Location", "")
            if not (follow_redirects and response.status_code in REDIRECT_CODES and location):
                return response
            if hops == MAX_REDIRECTS:
                raise TooManyRedirects(f"more than {MAX_REDIRECTS} redirects: {shown}")
            hops += 1
            url, method, body = _redirected(
                url, location, response.status_code, method, body, fields
            )

    def _exchange(self, safe, url, method, fields, body, seconds, limit, deadline, shown):
        key, connection = self._connections.acquire(safe, seconds)
        answer = None
        try:
            sock = connection.sock  # getresponse() drops it when the server will close
            sock.settimeout(seconds)
            target = "/" + safe.url.split("/", 3)[3]
            if not target.isascii():
                target = quote(target, safe=_PRINTABLE_ASCII)
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", safe.netloc)
            for lower, (name, value) in fields.items():
                if lower not in _COMPUTED_HEADERS:
                    connection.putheader(name, value)
            if body is not None or method in ("POST", "PUT", "PATCH"):
                connection.putheader("Content-Length", str(len(body or b"")))
            connection.endheaders(body)
            answer = connection.getresponse()
            content = _read_body(answer, sock, seconds, limit, deadline, shown)
        except BaseException:
            connection.close()
            if answer is not None:
                answer.close()  # it holds the socket when the server said it will close
            raise
        if answer.will_close:
            connection.close()
        else:
            self._connections.release(key, connection)
        headers = httpx.Headers(answer.getheaders())
        return SafeResponse(answer.status, headers, content, url, _charset(answer))


_PRINTABLE_ASCII = "".join(map(chr, range(33, 127)))


def _encode_body(json: Any, data: Any, content: Any) -> tuple[bytes | None, dict]:
    fields = {
        "user-agent": ("User-Agent", USER_AGENT),
        "accept": ("Accept", "*/*"),
        "accept-encoding": ("Accept-Encoding", "gzip, deflate"),
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


def _read_body(answer, sock, seconds, limit, deadline, shown) -> bytes:
    declared = answer.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ResponseTooLarge(
            f"response of {declared} bytes exceeds the {limit}-byte limit: {shown}"
        )
    # Counted on the wire and again after decompression: a small gzip body can expand
    # without bound.
    decoder = _decoder(answer.getheader("Content-Encoding", ""))
    chunks, received, decoded = [], 0, 0
    try:
        while chunk := _next_chunk(answer, sock, seconds, deadline, shown):
            received += len(chunk)
            if decoder is not None:
                chunk = decoder.decompress(chunk, limit - decoded + 1)
            decoded += len(chunk)
            if received > limit or decoded > limit:
                raise ResponseTooLarge(f"response larger than {limit} bytes: {shown}")
            chunks.append(chunk)
        if decoder is not None:
            chunks.append(decoder.flush())
            if decoded + len(chunks[-1]) > limit:
                raise ResponseTooLarge(f"response larger than {limit} bytes: {shown}")
    except zlib.error:
        raise OutboundHTTPError(f"the compressed response is corrupt: {shown}") from None
    answer.close()  # read to the end: the connection may carry the next request
    return b"".join(chunks)


def _next_chunk(answer, sock, seconds, deadline, shown) -> bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OutboundTimeout(f"response still arriving after the deadline: {shown}")
    sock.settimeout(min(seconds, remaining))
    return answer.read1(_READ_CHUNK)


def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    return None  # identity, or one we did not ask for: passed on as it came, capped


def _charset(answer) -> str:
    charset = answer.msg.get_content_charset() or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return "utf-8"
    return charset


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
