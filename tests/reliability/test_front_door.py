"""The front door under many connections and slow clients: a real `vigil serve`."""

import socket
import time

import pytest

from tests.orchestration.procs import wait_until
from tests.reliability.serving import Serve, get

pytestmark = pytest.mark.slow


def _fresh_latencies(port: int, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.monotonic()
        status, _ = get(port, "/readyz", timeout=3)
        times.append(time.monotonic() - started if status == 200 else float("inf"))
    return times


@pytest.fixture
def serve(tmp_path):
    server = Serve(tmp_path)
    yield server
    server.kill()


def test_a_thousand_idle_keep_alive_connections_do_not_starve_new_requests(serve):
    # One HTTP worker: its budget alone must hold them all.
    serve.start("--workers", "1", "--no-worker")
    idle = []
    try:
        for _ in range(1000):
            sock = socket.create_connection(("127.0.0.1", serve.port), timeout=10)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            idle.append(sock)
        for sock in idle[-20:]:  # the last ones opened were answered too
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
        latencies = _fresh_latencies(serve.port, 20)
        assert max(latencies) < 2, latencies
    finally:
        for sock in idle:
            sock.close()


def test_a_client_that_never_finishes_its_headers_is_cut_off(serve):
    serve.start("--workers", "1", "--no-worker", "--header-timeout", "1")
    with socket.create_connection(("127.0.0.1", serve.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line
        started = time.monotonic()
        data = wait_until(lambda: sock.recv(1024) or b"closed", timeout=10, what="a close")
        assert time.monotonic() - started < 5
    assert data in (b"closed",) or data.startswith(b"HTTP/1.1 408")
