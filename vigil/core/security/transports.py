"""httpx transports for SDKs, sync and async, on the one outbound stack.

An SDK builds requests with its own httpx client; each request reaches one of these
transports, which validates its URL (every redirect hop is a new request), hands the
validated URL to the pinned connection pool (`connections.py`), and streams the answer
back decompressed and capped (`outbound.BodyLimit`). Errors from the pool become the
httpx errors SDKs expect; a refused URL or an oversized answer is our own
`OutboundHTTPError`, which the SDK lets through or wraps.
"""

import ssl
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import anyio.to_thread
import httpcore
import httpx

from vigil.core.security.connections import (
    AddressPools,
    async_pool,
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
    core_url,
    default_max_bytes,
    default_timeout,
    ssl_context,
    validated,
)
from vigil.core.security.redact import redact_url
from vigil.core.security.urls import Resolver, SafeURL

# httpcore's errors as the httpx errors an SDK catches (httpx maps them the same way).
_HTTPX_ERRORS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
}


@contextmanager
def _as_httpx_errors(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except httpcore.TimeoutException as exc:
        raise _HTTPX_ERRORS.get(type(exc), httpx.TimeoutException)(
            str(exc), request=request
        ) from None
    except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
        raise _HTTPX_ERRORS.get(type(exc), httpx.TransportError)(
            str(exc), request=request
        ) from None


class _Transport:
    """What the sync and async transports share: the checks and the translation.
    `allowed_hosts` replaces SSRF_ALLOWED_HOSTS; `max_bytes`, OUTBOUND_HTTP_MAX_BYTES."""

    pool_factory: Callable[[ssl.SSLContext], Any]

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
        context = ssl_context(verify)
        self._pools = AddressPools(lambda: self.pool_factory(context))

    def _prepare(self, request: httpx.Request):
        safe = validated(str(request.url), self._allowed_hosts, self._resolver)
        headers = [
            (name, value)
            for name, value in request.headers.raw
            if name.lower() not in (b"host", b"accept-encoding")
        ]
        headers = [
            (b"Host", safe.netloc.encode("ascii")),
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
            *headers,
        ]
        core_request = httpcore.Request(
            request.method, core_url(safe), headers=headers, content=request.stream,
            extensions={k: v for k, v in request.extensions.items() if k == "timeout"},
        )  # fmt: skip
        pool, evicted = self._pools.get(pool_key(safe))
        return safe, core_request, pool, [c for old in evicted for c in idle_connections(old)]

    def _response(self, answer, safe: SafeURL, stream) -> httpx.Response:
        cap = BodyLimit(answer.headers, self._max_bytes, redact_url(safe.url))
        # Decompressed here, within the cap: the SDK's client must not decode again.
        drop = {b"content-encoding", b"content-length"} if cap.decodes else set()
        headers = [(k, v) for k, v in answer.headers if k.lower() not in drop]
        return httpx.Response(
            answer.status,
            headers=headers,
            stream=stream(answer, cap),
            extensions={"http_version": answer.extensions.get("http_version", b"HTTP/1.1")},
        )


class SafeTransport(_Transport, httpx.BaseTransport):
    pool_factory = staticmethod(sync_pool)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        safe, core_request, pool, idle = self._prepare(request)
        for connection in idle:  # of pools retired to make room
            connection.close()
        with _as_httpx_errors(request), pinned(safe):
            answer = pool.handle_request(core_request)
        try:
            return self._response(answer, safe, lambda a, cap: _Body(a, cap, request))
        except BaseException:  # a declared size over the cap: the connection is released
            answer.close()
            raise

    def close(self) -> None:
        for pool in self._pools.take_all():
            pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, answer, cap: BodyLimit, request: httpx.Request):
        self._answer, self._cap, self._request = answer, cap, request

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors(self._request):
            for chunk in self._answer.iter_stream():
                yield self._cap.feed(chunk)
        yield self._cap.end()

    def close(self) -> None:
        self._answer.close()


class AsyncSafeTransport(_Transport, httpx.AsyncBaseTransport):
    """The same checks and pinning for asyncio clients (python-telegram-bot)."""

    pool_factory = staticmethod(async_pool)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # The URL check resolves the host name: not on the event loop, which it would stop.
        safe, core_request, pool, idle = await anyio.to_thread.run_sync(self._prepare, request)
        for connection in idle:
            await connection.aclose()
        with _as_httpx_errors(request), pinned(safe):
            answer = await pool.handle_async_request(core_request)
        try:
            return self._response(answer, safe, lambda a, cap: _AsyncBody(a, cap, request))
        except BaseException:
            await answer.aclose()
            raise

    async def aclose(self) -> None:
        for pool in self._pools.take_all():
            await pool.aclose()


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, answer, cap: BodyLimit, request: httpx.Request):
        self._answer, self._cap, self._request = answer, cap, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx_errors(self._request):
            async for chunk in self._answer.aiter_stream():
                yield self._cap.feed(chunk)
        yield self._cap.end()

    async def aclose(self) -> None:
        await self._answer.aclose()


def _client_options(timeout: float | None, headers, follow_redirects: bool) -> dict[str, Any]:
    return {
        "timeout": default_timeout() if timeout is None else timeout,
        "headers": {"User-Agent": USER_AGENT, **(headers or {})},
        "follow_redirects": follow_redirects,
        "max_redirects": MAX_REDIRECTS,
        # No proxies, .netrc credentials or CA overrides from the environment.
        "trust_env": False,
        # No cookies kept: one vendor's Set-Cookie must not ride along with a later
        # request of whoever shares the client.
        "cookies": CookieJar(DefaultCookiePolicy(allowed_domains=[])),
    }


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
    return httpx.Client(transport=transport, **_client_options(timeout, headers, follow_redirects))


def safe_async_client_options(
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    allowed_hosts: Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
    verify: ssl.SSLContext | bool = True,
    follow_redirects: bool = False,
) -> dict[str, Any]:
    """Keyword arguments for an `httpx.AsyncClient` on AsyncSafeTransport, for a library
    that builds its own client: python-telegram-bot 22 takes them as
    `HTTPXRequest(httpx_kwargs=...)`, where they override its own (proxy included:
    the transport is the only way out)."""
    transport = AsyncSafeTransport(
        allowed_hosts=allowed_hosts, resolver=resolver, max_bytes=max_bytes, verify=verify
    )
    return {
        "transport": transport,
        "proxy": None,
        "mounts": None,
        **_client_options(timeout, headers, follow_redirects),
    }


def safe_async_client(**options: Any) -> httpx.AsyncClient:
    """An httpx.AsyncClient on AsyncSafeTransport; `options` as safe_async_client_options."""
    return httpx.AsyncClient(**safe_async_client_options(**options))
