import re
import socket
import time

from .base import Checker, CheckError, CheckResult, Status, each_concurrently, split_host_port

_PING_TIME = re.compile(r"time[=<]([\d.]+)\s*ms")


class NetworkChecker(Checker):
    slug = "network"
    summary = "Reachability of configured hosts: TCP connect (host:port) or ping (ping:host)"
    defaults = {"warning_ms": 500.0, "timeout_seconds": 2.0}
    needs = "hosts"

    def run(self):
        hosts = self.ctx.value("hosts") or []
        return each_concurrently(hosts, self.check_target)

    def check_target(self, target: str) -> CheckResult:
        if target.startswith("ping:"):
            return self.ping(target, target.removeprefix("ping:"))
        try:
            host, port = split_host_port(target.removeprefix("tcp:"))
        except CheckError as exc:
            return self.result(Status.UNKNOWN, str(exc), target=target)
        return self.connect(target, host, port)

    def connect(self, target: str, host: str, port: int) -> CheckResult:
        """A TCP connect to host (a name, or an address a guard already checked)."""
        timeout = self.limits["timeout_seconds"]
        started = time.perf_counter()
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except TimeoutError:
            return self.result(
                Status.CRITICAL, f"{target}: no answer within {timeout:g} s", target=target
            )
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            return self.result(
                Status.CRITICAL, f"{target}: cannot connect ({reason})", target=target
            )
        return self.graded(target, (time.perf_counter() - started) * 1000)

    def ping(self, target: str, host: str) -> CheckResult:
        if not host or host.startswith("-"):
            return self.result(Status.UNKNOWN, f"{target}: not a host name", target=target)
        ping = self.probe.which("ping")
        if not ping:
            return self.result(
                Status.UNKNOWN, "ping is not installed; use host:port", target=target
            )
        timeout = self.limits["timeout_seconds"]
        wait = str(max(1, int(timeout)))
        output = self.probe.run([ping, "-n", "-c", "1", "-W", wait, "--", host], timeout + 1)
        match = _PING_TIME.search(output.stdout)
        if output.returncode != 0 or not match:
            return self.result(Status.CRITICAL, f"{target}: no ping reply", target=target)
        return self.graded(target, float(match.group(1)))

    def graded(self, target: str, elapsed_ms: float) -> CheckResult:
        status = Status.WARNING if elapsed_ms >= self.limits["warning_ms"] else Status.OK
        message = f"{target} reachable in {elapsed_ms:.0f} ms"
        if status is Status.WARNING:
            message += ": slow; check the path and the remote host's load"
        return self.result(
            status, message, target=target, metrics={"latency_ms": round(elapsed_ms, 1)}
        )
