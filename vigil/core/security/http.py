"""The one outbound HTTP client.

`SafeTransport` validates every request it carries (first request, each redirect hop,
and every call an SDK makes through `safe_client()`) with `validate_safe_url`, then
connects to the address that was validated, not to a fresh DNS answer: a name that
resolves to a public address for the check and to 127.0.0.1 a moment later cannot
reach an internal service. TLS still verifies the certificate against the host name.
"""

import functools
import json as jsonlib
import logging
import os
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from vigil.core.security import setting
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


class OutboundHTTPError(Exception):
    """Base of every outbound failure; `permanent` says whether a retry can help."""

    permanent = False

    def __init__(self, message: str, *, permanent: bool | None = None):
        super().__init__(message)
        if permanent is not None:
            self.permanent = permanent


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
    def __init__(self, message: str, status_code: int):
        # 408/425/429 and 5xx may succeed later; any other 4xx will not.
        transient = status_code >= 500 or status_code in (408, 425, 429)
        super().__init__(message, permanent=not transient)
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
        # No cookies kept: one vendor's Set-Cookie must not ride along with later
        # requests (request() shares its clients between callers).
        cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),
    )


_shared_clients: dict[tuple, httpx.Client] = {}
_shared_lock = threading.Lock()


def _shared_client(max_bytes: int, allowed_hosts: Iterable[str] | None) -> httpx.Client:
    # A client per process and per limits, reused by every request(): building one (a
    # transport, a pool, a TCP or TLS connection) cost more CPU than the request itself.
    # Every request is still validated and pinned by SafeTransport; the allow-list, when
    # not given, is read from the settings at each request. The pid keeps a forked child
    # off its parent's sockets.
    hosts = None if allowed_hosts is None else tuple(allowed_hosts)
    key = (os.getpid(), max_bytes, hosts)
    with _shared_lock:
        client = _shared_clients.get(key)
        if client is None:
            if len(_shared_clients) >= MAX_POOLS:
                _shared_clients.clear()  # callers still holding one finish with it
            client = safe_client(max_bytes=max_bytes, allowed_hosts=hosts)
            _shared_clients[key] = client
    return client


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
                f"HTTP {self.status_code} from {redact_url(self.url)}", self.status_code
            )
        return self


def request(
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
    """Send one request and read the whole (capped) body; errors are OutboundHTTPError."""
    shown = f"{method.upper()} {redact_url(url) if isinstance(url, str) else url!r}"
    try:
        # The raw string is checked before httpx normalises it, so odd spellings are
        # refused with our message; the transport checks again at connect time.
        validate_safe_url(url, allowed_hosts)
    except UnsafeURLError as exc:
        raise RefusedURLError(str(exc)) from None
    seconds = default_timeout() if timeout is None else timeout
    limit = default_max_bytes() if max_bytes is None else max_bytes
    deadline = time.monotonic() + seconds
    client = _shared_client(limit, allowed_hosts)
    try:
        with client.stream(
            method, url, json=json, data=data, content=content, headers=headers,
            follow_redirects=follow_redirects, timeout=seconds,
        ) as response:  # fmt: skip
            body = _read_body(response, limit, deadline, shown)
    except httpx.TooManyRedirects:
        raise TooManyRedirects(f"more than {MAX_REDIRECTS} redirects: {shown}") from None
    except httpx.TimeoutException:
        raise OutboundTimeout(f"no answer within {seconds:g} s: {shown}") from None
    except httpx.TransportError as exc:
        raise OutboundConnectionError(f"{_describe(exc)}: {shown}") from None
    except httpx.InvalidURL:
        raise RefusedURLError(f"invalid URL: {shown}") from None
    except httpx.HTTPError as exc:
        raise OutboundHTTPError(f"{_describe(exc)}: {shown}") from None
    return SafeResponse(
        response.status_code, response.headers, body, str(response.url), response.encoding
    )


def _describe(exc: Exception) -> str:
    detail = redact_text(str(exc))[:200]
    return f"{exc.__class__.__name__} ({detail})" if detail else exc.__class__.__name__


def _read_body(response: httpx.Response, limit: int, deadline: float, shown: str) -> bytes:
    # Counted after decompression too: the transport's cap counts bytes on the wire,
    # and a small gzip body can expand without bound.
    chunks, received = [], 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > limit:
            raise ResponseTooLarge(f"response larger than {limit} bytes: {shown}")
        if time.monotonic() > deadline:
            raise OutboundTimeout(f"response still arriving after the deadline: {shown}")
        chunks.append(chunk)
    return b"".join(chunks)
