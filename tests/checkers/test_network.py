"""The network checker against a listener on 127.0.0.1 and a closed port."""

import socket
from shutil import which

import pytest

from vigil.checkers.checkers.base import CheckContext, CheckOptions, Status
from vigil.checkers.checkers.network import NetworkChecker


def closed_port() -> int:
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def run(*hosts, **thresholds):
    options = CheckOptions(
        hosts=list(hosts), thresholds={"network": thresholds} if thresholds else {}
    )
    return NetworkChecker(CheckContext(options)).run()


def test_open_and_closed_ports():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port, closed = server.getsockname()[1], closed_port()
        up, down = run(f"127.0.0.1:{port}", f"tcp:127.0.0.1:{closed}")
    assert (up.target, up.status) == (f"127.0.0.1:{port}", Status.OK)
    assert up.metrics["latency_ms"] < 500
    assert (down.target, down.status) == (f"tcp:127.0.0.1:{closed}", Status.CRITICAL)
    assert down.message == f"tcp:127.0.0.1:{closed}: cannot connect (Connection refused)"


def test_slow_connect_is_a_warning():
    with socket.create_server(("127.0.0.1", 0)) as server:
        [result] = run(f"127.0.0.1:{server.getsockname()[1]}", warning_ms=0)
    assert result.status is Status.WARNING
    assert result.thresholds["warning_ms"] == 0


def test_ipv6_loopback_bracket_form():
    try:
        server = socket.create_server(("::1", 0), family=socket.AF_INET6)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with server:
        [result] = run(f"[::1]:{server.getsockname()[1]}")
    assert result.status is Status.OK


def test_ping_loopback_when_ping_exists():
    if not which("ping"):
        [result] = run("ping:127.0.0.1")
        assert (result.status, result.message) == (
            Status.UNKNOWN,
            "ping is not installed; use host:port",
        )
        return
    [result] = run("ping:127.0.0.1")
    assert result.status in (Status.OK, Status.CRITICAL)  # ICMP may be forbidden in containers


def test_option_injection_in_ping_host_is_refused():
    [result] = run("ping:-f")
    assert result.status is Status.UNKNOWN
    assert "not a host name" in result.message


def test_host_without_port_is_unknown():
    [result] = run("127.0.0.1")
    assert (result.status, result.message) == (
        Status.UNKNOWN,
        "'127.0.0.1' needs a port: host:port",
    )
