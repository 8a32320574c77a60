"""Probes from the hub: TCP connect, HTTP(S) GET, TLS certificate expiry, ICMP.

Each connects to an address the guard validated for a host the administrator allowed
(vigil.nodes.allow), never to a second DNS answer. Limits are the `network` and `tls`
checkers' (CHECKER_THRESHOLDS, CHECKER_NODE_THRESHOLDS[<host>]).
"""

import socket
import ssl
import time

from django.conf import settings

from vigil.checkers.checkers.base import CheckContext, CheckOptions, CheckResult, Status
from vigil.checkers.checkers.network import NetworkChecker
from vigil.checkers.checkers.tls import TlsChecker
from vigil.core.security import http
from vigil.nodes.allow import Permission, permit
from vigil.nodes.looks import Finding
from vigil.nodes.resolve import Subject

VIA = "probe"
NETWORK_CHECKS = {"network", "ports"}


class _PinnedTls(TlsChecker):
    """The tls checker, connecting to the validated address with the host's name for SNI."""

    address = ""

    def fetch(self, host: str, port: int, context: ssl.SSLContext) -> bytes:
        timeout = self.limits["timeout_seconds"]
        with (
            socket.create_connection((self.address, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            return tls.getpeercert(binary_form=True)


def wanted(subject: Subject, names: list[str]) -> list[str]:
    """Which probes the alert calls for."""
    chosen = []
    if subject.url:
        chosen.append("http")
    if subject.url.startswith("https://") or "tls" in names:
        chosen.append("tls")
    if NETWORK_CHECKS & set(names):
        if subject.port and not subject.url:
            chosen.append("tcp")
        if settings.NODES_PROBE_ICMP:
            chosen.append("icmp")
    return chosen


def probe(subject: Subject, names: list[str], *, known: bool) -> Finding | None:
    kinds = wanted(subject, names)
    if not kinds:
        return None
    port = subject.port or (443 if subject.url.startswith("https://") or "tls" in kinds else 80)
    permission = permit(subject.host, port, known=known)
    if not permission.allowed:
        message = f"{subject.host}: not probed: {permission.reason}"
        return Finding(VIA, [CheckResult(VIA, Status.UNKNOWN, message)], answered=False)
    ctx = CheckContext(CheckOptions(node=subject.host))
    results = [PROBES[kind](subject, port, permission, ctx) for kind in kinds]
    return Finding(VIA, results)


def _tcp(subject: Subject, port: int, permission: Permission, ctx) -> CheckResult:
    target = f"{subject.host}:{port}"
    return NetworkChecker(ctx).connect(target, permission.addresses[0], port)


def _icmp(subject: Subject, port: int, permission: Permission, ctx) -> CheckResult:
    result = NetworkChecker(ctx).ping(f"ping:{subject.host}", permission.addresses[0])
    return result


def _tls(subject: Subject, port: int, permission: Permission, ctx) -> CheckResult:
    checker = _PinnedTls(ctx)
    checker.address = permission.addresses[0]
    return checker.check_target(f"{subject.host}:{port}")


def _http(subject: Subject, port: int, permission: Permission, ctx) -> CheckResult:
    checker = NetworkChecker(ctx)
    timeout = checker.limits["timeout_seconds"]
    started = time.perf_counter()
    try:
        response = http.request(
            "GET", subject.url, timeout=timeout, max_bytes=1024 * 1024,
            allowed_hosts=list(permission.allowed_hosts),
        )  # fmt: skip
    except http.OutboundHTTPError as exc:
        return CheckResult("http", Status.CRITICAL, f"{subject.url}: {exc}", subject.url)
    elapsed = (time.perf_counter() - started) * 1000
    metrics = {"status_code": response.status_code, "latency_ms": round(elapsed, 1)}
    limits = dict(checker.limits)
    if response.status_code >= 500:
        status, verdict = Status.CRITICAL, "server error"
    elif response.status_code >= 400:
        status, verdict = Status.WARNING, "client error"
    elif elapsed >= limits["warning_ms"]:
        status, verdict = Status.WARNING, "slow"
    else:
        status, verdict = Status.OK, "ok"
    message = f"{subject.url} answered HTTP {response.status_code} in {elapsed:.0f} ms ({verdict})"
    return CheckResult("http", status, message, subject.url, metrics, limits)


PROBES = {"tcp": _tcp, "icmp": _icmp, "tls": _tls, "http": _http}
