"""Where every outbound connection is opened: only to an address just validated.

All outbound HTTP — `request()`, `safe_client()`, the async transport, the httpx2 bridge
— sends through httpcore connection pools whose network backend is `PinnedBackend` (or
`AsyncPinnedBackend`). Before a request enters a pool, its caller validates the URL
with `validate_safe_url` and names the result with `pinned(safe)`; when the pool needs a
new connection, the backend connects to one of that URL's validated addresses, in
order, never to a fresh DNS answer, and refuses any host or port it was not told about.
TLS still checks the certificate against the host name (the pool's origin is the name).

A kept-alive connection is reused for the same scheme, host and port, and only by a
request whose own check returned the same addresses (`AddressPools`: one pool per set of
validated addresses). So a connection never carries a request whose check did not
approve the address it goes to: not after the name moved to another address, nor for a
caller whose allow-list is stricter than the one that let the connection open.
"""

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Generic, TypeVar

import httpcore

from vigil.core.security.urls import SafeURL

MAX_POOLS = 64
MAX_IDLE = 64
IDLE_SECONDS = 30.0

_destination: ContextVar[SafeURL | None] = ContextVar("vigil_outbound_destination", default=None)


@contextlib.contextmanager
def pinned(safe: SafeURL) -> Iterator[None]:
    """Connections opened inside this block go to `safe`'s validated addresses."""
    token = _destination.set(safe)
    try:
        yield
    finally:
        _destination.reset(token)


def _addresses(host: str, port: int) -> list[str]:
    safe = _destination.get()
    if safe is None or safe.host != host or safe.port != port:
        # Only a bug can get here: a pool asked to connect outside `pinned()`.
        raise httpcore.ConnectError(f"refused to connect to {host}:{port}: not validated")
    return [str(address) for address in safe.addresses]


class PinnedBackend(httpcore.SyncBackend):
    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        *others, last = _addresses(host, port)
        for address in others:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue  # the host's next validated address may answer
        return super().connect_tcp(last, port, timeout, local_address, socket_options)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("outbound HTTP never uses a Unix socket")


class AsyncPinnedBackend(httpcore.AnyIOBackend):
    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        *others, last = _addresses(host, port)
        for address in others:
            try:
                return await super().connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError:
                continue
        return await super().connect_tcp(last, port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("outbound HTTP never uses a Unix socket")


# No connection limit: a request never waits for, or is handed, another's.
_POOL_OPTIONS = {
    "max_connections": None,
    "max_keepalive_connections": MAX_IDLE,
    "keepalive_expiry": IDLE_SECONDS,
}


def sync_pool(ssl_context) -> httpcore.ConnectionPool:
    return httpcore.ConnectionPool(
        ssl_context=ssl_context, network_backend=PinnedBackend(), **_POOL_OPTIONS
    )


def async_pool(ssl_context) -> httpcore.AsyncConnectionPool:
    return httpcore.AsyncConnectionPool(
        ssl_context=ssl_context, network_backend=AsyncPinnedBackend(), **_POOL_OPTIONS
    )


def pool_key(safe: SafeURL) -> Hashable:
    return tuple(sorted({str(address) for address in safe.addresses}))


Pool = TypeVar("Pool")


class AddressPools(Generic[Pool]):
    """One connection pool per set of validated addresses, the least recently used
    retired past MAX_POOLS."""

    def __init__(self, factory: Callable[[], Pool]):
        self._factory = factory
        self._pools: OrderedDict[Hashable, Pool] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[Pool, list[Pool]]:
        """The pool for `key`, and the pools evicted to make room: the caller closes
        their idle connections (`idle_connections`); a request still in flight on one
        finishes, and its connection goes with the pool."""
        with self._lock:
            pool = self._pools.pop(key, None)
            if pool is None:
                pool = self._factory()
            self._pools[key] = pool
            evicted = [
                self._pools.popitem(last=False)[1] for _ in range(len(self._pools) - MAX_POOLS)
            ]
        return pool, evicted

    def take_all(self) -> list[Pool]:
        with self._lock:
            pools, self._pools = list(self._pools.values()), OrderedDict()
        return pools


def idle_connections(pool) -> list:
    return [connection for connection in pool.connections if connection.is_idle()]
