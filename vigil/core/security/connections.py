"""Keep-alive HTTP/1.1 connections to validated addresses, for `http.request()`.

A connection is opened to one of the addresses `validate_safe_url` has just checked,
never to a fresh DNS answer, and TLS uses the host name for SNI and for the
certificate check. Connections are pooled by (scheme, host name, port, address): two
names on one address never share a TLS connection whose certificate was checked for
only one of them. This module knows nothing of URLs' safety; `http.SafeSession` calls
it only with a `SafeURL`.

The standard library's `http.client` speaks the protocol: for the small requests
drivers send, it costs a third of the CPU of httpx's client and transport.
"""

import http.client
import os
import select
import ssl
import threading
from collections import OrderedDict

from vigil.core.security.urls import SafeURL

MAX_HOSTS = 32
MAX_IDLE_PER_HOST = 16

Key = tuple[str, str, int, str]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TCP to the validated address; SNI and the certificate check use the host name."""

    def __init__(self, address: str, port: int, *, server_hostname: str, **kwargs):
        super().__init__(address, port, **kwargs)
        self._server_hostname = server_hostname

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._server_hostname)


def _closed_by_peer(connection: http.client.HTTPConnection) -> bool:
    # An idle connection has nothing to read: if it is readable, the server closed it
    # (or sent something unasked for) and it must not carry a request.
    if connection.sock is None:
        return True
    poller = select.poll()
    poller.register(connection.sock, select.POLLIN)
    return bool(poller.poll(0))


class PinnedConnections:
    """Idle connections by the validated origin and address they were opened to."""

    def __init__(self, context: ssl.SSLContext):
        self._context = context
        self._idle: OrderedDict[Key, list[http.client.HTTPConnection]] = OrderedDict()
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def acquire(self, safe: SafeURL, timeout: float) -> tuple[Key, http.client.HTTPConnection]:
        """An idle connection to one of `safe.addresses`, or a new one to the first that
        accepts. Raises OSError (timeouts included) when none does."""
        for address in safe.addresses:
            idle = self._take((safe.scheme, safe.host, safe.port, str(address)))
            if idle is not None:
                return idle
        *others, last = safe.addresses
        for address in others:
            try:
                return self._open(safe, str(address), timeout)
            except OSError:
                continue  # the host's next validated address may answer
        return self._open(safe, str(last), timeout)

    def release(self, key: Key, connection: http.client.HTTPConnection) -> None:
        """Return a connection whose response was read to the end."""
        with self._lock:
            if os.getpid() != self._pid:
                connection.close()  # a forked child's copy of its parent's pool
                return
            idle = self._idle.pop(key, [])
            self._idle[key] = idle
            if len(idle) < MAX_IDLE_PER_HOST:
                idle.append(connection)
                connection = None
            evicted = [
                self._idle.popitem(last=False)[1] for _ in range(len(self._idle) - MAX_HOSTS)
            ]
        for old in [c for group in evicted for c in group] + [connection]:
            if old is not None:
                old.close()

    def close(self) -> None:
        with self._lock:
            groups, self._idle = list(self._idle.values()), OrderedDict()
        for group in groups:
            for connection in group:
                connection.close()

    def _take(self, key: Key) -> tuple[Key, http.client.HTTPConnection] | None:
        with self._lock:
            if os.getpid() != self._pid:
                self._idle, self._pid = OrderedDict(), os.getpid()  # never a parent's socket
            idle = self._idle.get(key)
            while idle:
                connection = idle.pop()
                if not _closed_by_peer(connection):
                    return key, connection
                connection.close()
        return None

    def _open(self, safe: SafeURL, address: str, timeout: float):
        if safe.scheme == "https":
            connection: http.client.HTTPConnection = _PinnedHTTPSConnection(
                address, safe.port, server_hostname=safe.host, timeout=timeout,
                context=self._context,
            )  # fmt: skip
        else:
            connection = http.client.HTTPConnection(address, safe.port, timeout=timeout)
        try:
            connection.connect()
        except BaseException:
            connection.close()
            raise
        return (safe.scheme, safe.host, safe.port, address), connection
