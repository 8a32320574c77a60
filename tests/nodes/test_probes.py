"""The TLS and ICMP probes from the hub, against a real TLS server and a `ping` on PATH."""

import os
import stat

import pytest

from tests.checkers.test_tls import TlsServer, make_certificate
from vigil.nodes.services import check_incident

pytestmark = pytest.mark.django_db


def alert(name: str, instance: str) -> dict:
    return {"id": 7, "source": "alertmanager", "alerts": [
        {"source": "alertmanager", "name": name, "labels": {"alertname": name, "instance": instance}}
    ]}  # fmt: skip


def test_a_certificate_alert_reads_the_hosts_certificate(tmp_path, settings):
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.1"]
    server = TlsServer(*make_certificate(tmp_path, days_valid=5))
    try:
        answer = check_incident(alert("SSLCertExpiringSoon", f"127.0.0.1:{server.port}"), timeout=5)
    finally:
        server.stop()
    [tls] = [r for r in answer.results if r["via"] == "probe"]
    assert (tls["check"], tls["target"], tls["status"]) == (
        "tls",
        f"127.0.0.1:{server.port}",
        "critical",
    )
    # Self-signed: read anyway to say when it expires.
    assert tls["metrics"]["trusted"] is False and 4 < tls["metrics"]["days_left"] <= 5


@pytest.fixture
def ping_on_path(tmp_path, monkeypatch):
    """A `ping` that records its arguments and answers as iputils does."""
    record = tmp_path / "ping-args"
    script = tmp_path / "bin" / "ping"
    script.parent.mkdir()
    script.write_text(
        f'#!/bin/sh\necho "$@" > {record}\n'
        'echo "64 bytes from 127.0.0.2: icmp_seq=1 ttl=64 time=0.045 ms"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    return record


def test_icmp_pings_the_address_the_guard_checked_when_allowed(ping_on_path, settings):
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.0/8"]
    snapshot = alert("HostUnreachable", "127.0.0.2")
    settings.NODES_PROBE_ICMP = False
    assert not [r for r in check_incident(snapshot, timeout=5).results if r["via"] == "probe"]

    settings.NODES_PROBE_ICMP = True
    [ping] = [r for r in check_incident(snapshot, timeout=5).results if r["via"] == "probe"]
    assert (ping["check"], ping["status"], ping["metrics"]["latency_ms"]) == ("network", "ok", 0.0)
    assert ping_on_path.read_text().split()[-2:] == ["--", "127.0.0.2"]
