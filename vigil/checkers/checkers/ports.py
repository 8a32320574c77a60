import ipaddress
from dataclasses import dataclass

from vigil.checkers.probe import Listener

from .base import Checker, CheckError, Status


@dataclass(frozen=True)
class Allowed:
    proto: str | None
    port: int
    process: str | None

    def matches(self, listener: Listener) -> bool:
        return (
            listener.port == self.port
            and self.proto in (None, listener.proto)
            and self.process in (None, listener.process)
        )


def parse_allowed(entry: str) -> Allowed:
    """`[tcp/|udp/]port[=process]`, e.g. 22, tcp/443, udp/53, tcp/5432=postgres."""
    rule, _, process = entry.strip().partition("=")
    proto, _, port = rule.rpartition("/")
    if proto not in ("", "tcp", "udp") or not port.isdigit() or not 0 < int(port) < 65536:
        raise CheckError(
            f"port allowlist entry {entry!r} is not valid; use e.g. 22, tcp/443, udp/53=named"
        )
    return Allowed(proto or None, int(port), process.strip() or None)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


class PortsChecker(Checker):
    slug = "ports"
    summary = "Listening ports against an allowlist, with the owning process"
    needs = "ports_allowed"

    def run(self):
        allowed = [parse_allowed(entry) for entry in self.ctx.value("ports_allowed") or []]
        with_loopback = bool(self.ctx.value("ports_loopback"))
        listeners = sorted(
            {
                item for item in self.probe.listeners()
                if with_loopback or not _is_loopback(item.address)
            },
            key=lambda item: (item.proto, item.port, item.address),
        )  # fmt: skip
        unexpected = [item for item in listeners if not any(rule.matches(item) for rule in allowed)]
        metrics = {
            "listening": [_describe(item) for item in listeners],
            "unexpected": [_describe(item) for item in unexpected],
        }
        if not allowed:
            message = f"{len(listeners)} listening sockets; no allowlist (CHECKER_PORTS_ALLOWED)"
            return [self.result(Status.OK, message, metrics=metrics)]
        if unexpected:
            shown = ", ".join(_describe(item) for item in unexpected[:5])
            more = f" and {len(unexpected) - 5} more" if len(unexpected) > 5 else ""
            message = f"unexpected listeners: {shown}{more}: stop them or add them to the allowlist"
            return [self.result(Status.WARNING, message, metrics=metrics)]
        return [
            self.result(
                Status.OK, f"{len(listeners)} listening sockets, all allowed", metrics=metrics
            )
        ]


def _describe(item: Listener) -> str:
    owner = f" ({item.process or 'unknown process'}, pid {item.pid})" if item.pid else ""
    return f"{item.proto}/{item.address}:{item.port}{owner}"
