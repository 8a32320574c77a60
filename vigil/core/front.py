"""The HTTP front of `vigil serve`: granian speaks RSGI (its own interface) to it; it reads
each request's body under a deadline, then runs Django's WSGI application in a bounded
thread pool.

granian has a read timeout for request headers but none for the body, and under its WSGI
interface a view that reads the body holds one of the worker's few threads while the
client sends it: 16 clients sending bodies a byte at a time stalled every other request.
Here the body is read by the event loop, where a waiting client costs a coroutine, not a
thread; a client whose body is not complete `body_timeout` seconds after its headers gets
408, its connection is closed, and it is counted (a log line, /readyz). Django gets the
whole body with its length, so a chunked body needs no special case either.

Measured (2 cores, shared, load 10-18; bench/README.md, "Ingest"): against granian's WSGI
mode, a2wsgi's ASGI bridge (five hand-offs between the loop and a thread per request)
cost 0.4-1.2 ms of CPU per webhook and 0.56 of its throughput; this front hands each
request over once and answers in one call: with uvloop, about 0.25 ms of CPU per webhook
(1.50 -> 1.77 ms) at the same throughput within the noise, and 0.1 ms on a trivial WSGI
app (0.50-0.53 -> 0.62-0.64 ms).
"""

import asyncio
import io
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from granian.rsgi import ProtocolClosed as RSGIProtocolClosed

from vigil.core import readiness

logger = logging.getLogger(__name__)

THREADS_ENV = "VIGIL_HTTP_THREADS"
BODY_TIMEOUT_ENV = "VIGIL_BODY_TIMEOUT"
DEFAULT_BODY_TIMEOUT = 30
LOG_EVERY = 10.0  # seconds: one line per burst of slow clients, each one counted
# On a stop, how long the worker's loop keeps running for the requests still being
# answered: less than `vigil serve --kill-timeout`'s default (10 s).
DRAIN_SECONDS = 8.0


class SlowClients:
    """This process's count of clients cut off for a slow body, logged at most once
    every LOG_EVERY seconds (an attack opens them by the hundred)."""

    def __init__(self):
        self.count = 0
        self._unlogged = 0
        self._logged_at = float("-inf")
        self._lock = threading.Lock()

    def cut_off(self, client: str, seconds: float) -> None:
        with self._lock:
            self.count += 1
            self._unlogged += 1
            now = time.monotonic()
            if now - self._logged_at < LOG_EVERY:
                return
            unlogged, self._unlogged, self._logged_at = self._unlogged, 0, now
        logger.warning(
            "cut off %d slow client(s) whose request body took more than %g s (last: %s); "
            "%d since this HTTP worker started", unlogged, seconds, client, self.count,
        )  # fmt: skip

    def check(self) -> readiness.Check:
        return readiness.Check("ok", detail={"slow_clients_cut_off": self.count})


slow_clients = SlowClients()


class Front:
    """An RSGI application (granian's own interface: the scope's fields are read straight
    from Rust, and the answer goes back in one call)."""

    def __init__(self, application, *, threads: int, body_timeout: float, body_limit: int):
        self.application = application
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="http")
        self.body_timeout = body_timeout
        self.body_limit = body_limit
        self.in_flight = 0  # requests being answered (read and changed on the loop only)
        readiness.register("clients", slow_clients.check)

    def __rsgi_del__(self, loop) -> None:
        """granian stops the worker's event loop as soon as the worker is told to stop: a
        request still in a thread of the pool would never be answered (and the worker
        killed at --kill-timeout). Run the loop until those are answered."""
        deadline = time.monotonic() + DRAIN_SECONDS

        async def drain() -> None:
            while self.in_flight and time.monotonic() < deadline:
                await asyncio.sleep(0.01)

        loop.run_until_complete(drain())

    async def __call__(self, scope, protocol) -> None:
        if scope.proto != "http":
            return None
        self.in_flight += 1
        try:
            return await self._answer(scope, protocol)
        finally:
            self.in_flight -= 1

    async def _answer(self, scope, protocol) -> None:
        body = b""
        if _has_body(scope.headers):
            try:
                async with asyncio.timeout(self.body_timeout):
                    body = await _read(protocol, self.body_limit)
            except TimeoutError:
                slow_clients.cut_off(scope.client.rpartition(":")[0], self.body_timeout)
                return _refuse(protocol, 408, "request body not received in time",
                               f"the whole body must arrive within {self.body_timeout:g} s")  # fmt: skip
            except RSGIProtocolClosed:  # the client went away
                return None
        loop = asyncio.get_running_loop()
        status, headers, content = await loop.run_in_executor(self.pool, self._run, scope, body)
        protocol.response_bytes(status, headers, content)
        return None

    def _run(self, scope, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """Django's answer to the request, in a thread of the pool."""
        answer: list = []
        chunks: list[bytes] = []

        def start_response(status, headers, exc_info=None):
            answer[:] = [int(status[:3]), headers]
            return chunks.append

        iterable = self.application(_environ(scope, body), start_response)
        try:
            chunks.extend(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        return answer[0], answer[1], b"".join(chunks)


def _has_body(headers) -> bool:
    if "transfer-encoding" in headers:
        return True
    return headers.get("content-length", "0") != "0"


async def _read(protocol, limit: int) -> bytes:
    """The body, or its first limit + 1 bytes: enough for the view to answer 413."""
    chunks, size = [], 0
    async for chunk in protocol:
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)


def _environ(scope, body: bytes) -> dict:
    server, _, port = scope.server.rpartition(":")
    client, _, client_port = scope.client.rpartition(":")
    environ = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        # WSGI's strings are bytes as latin-1; the scope's path is decoded UTF-8.
        "PATH_INFO": scope.path.encode().decode("latin-1"),
        "QUERY_STRING": scope.query_string,
        "SERVER_NAME": server,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "REMOTE_ADDR": client,
        "REMOTE_PORT": client_port,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope.headers.items():
        if name == "content-length":
            continue  # the body's own length, set above (a chunked body has none)
        key = "CONTENT_TYPE" if name == "content-type" else "HTTP_" + name.upper().replace("-", "_")
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def _refuse(protocol, status: int, error: str, detail: str) -> None:
    body = json.dumps({"error": error, "detail": detail}).encode()
    protocol.response_bytes(
        status, [("content-type", "application/json"), ("connection", "close")], body
    )


def application_from_env():
    """The RSGI application granian's workers load (`vigil.core.front:application_from_env`)."""
    from vigil.core.chunked import body_limit
    from vigil.wsgi import application

    return Front(
        application,
        threads=int(os.environ.get(THREADS_ENV, 8)),
        body_timeout=float(os.environ.get(BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT)),
        body_limit=body_limit(),
    )
