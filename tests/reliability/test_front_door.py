"""The front door under many connections and slow clients: a real `vigil serve`."""

import json
import socket
import time

import pytest

from tests.orchestration.procs import wait_until
from tests.reliability.serving import Serve, get, post

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


def _begin_slow_body(port: int, path: str, headers: str) -> socket.socket:
    """A request whose headers are complete and whose body stops after one byte."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=15)
    sock.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Content-Length: 1000\r\n\r\nx"
        .encode()
    )  # fmt: skip
    return sock


def _answer(sock: socket.socket) -> bytes:
    try:
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
        return data or b"closed"
    except ConnectionResetError:
        return b"closed"


def test_slow_request_bodies_do_not_stall_others_and_are_cut_off(serve):
    key = serve.api_key()
    serve.start("--workers", "1", "--no-worker", "--threads", "2", "--body-timeout", "3")
    # The sign-in form needs no credentials (a CSRF cookie makes Django read the body);
    # the webhook needs a valid key. 16 of them: eight times the request threads.
    login = "Content-Type: application/x-www-form-urlencoded\r\nCookie: csrftoken=" + "c" * 32
    targets = [("/admin/login/", login + "\r\n"),
               ("/alerts/webhook/generic/", f"Authorization: Bearer {key}\r\n"
                                            "Content-Type: application/json\r\n")]  # fmt: skip
    slow = [_begin_slow_body(serve.port, *targets[n % 2]) for n in range(16)]
    started = time.monotonic()
    try:
        latencies = _fresh_latencies(serve.port, 10)
        assert max(latencies) < 1, latencies
        assert post(serve.port, key, {"name": "while slow clients wait"})[0] == 202
        answers = [_answer(sock) for sock in slow]
        cut_after = time.monotonic() - started
    finally:
        for sock in slow:
            sock.close()
    assert all(a == b"closed" or a.startswith(b"HTTP/1.1 408") for a in answers), answers
    assert sum(a.startswith(b"HTTP/1.1 408") for a in answers) == 16
    assert cut_after < 3 + 3, cut_after
    status, body = serve.readyz()
    assert status == 200 and body["detail"]["clients"]["slow_clients_cut_off"] == 16, body
    output = serve.output()
    assert output.count("slow client(s) whose request body took more than 3 s") == 1, output
    assert serve.query("SELECT count(*) FROM alerts_alert")[0][0] == 1


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(request)
        return _answer(sock)


def test_bodies_reach_django_whole_chunked_or_not_and_oversized_ones_are_refused(serve):
    key = serve.api_key()
    serve.start("--workers", "1", "--no-worker")
    head = (f"POST /alerts/webhook/generic/?source=t HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
            "Connection: close\r\n")  # fmt: skip
    body = json.dumps({"name": "sent in chunks", "labels": {"é": "ü"}}).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:9], body[9:]))
    answer = _raw(serve.port, (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + chunks
                  + b"0\r\n\r\n")  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 202"), answer
    big = b"x" * (1024 * 1024 + 10)  # past WEBHOOK_MAX_BODY_BYTES
    answer = _raw(serve.port, (head + f"Content-Length: {len(big)}\r\n\r\n").encode() + big)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    stored = serve.query("SELECT name, labels FROM alerts_alert")
    assert [(name, json.loads(labels)) for name, labels in stored] == [
        ("sent in chunks", {"é": "ü"})
    ]
