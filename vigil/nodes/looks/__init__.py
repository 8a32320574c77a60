"""Ways the hub looks at a host an alert names, besides the host's own agent.

Each look is one module with one function that returns a `Finding`, or None when it
does not apply to the host (no node_exporter known, no Prometheus configured). Looks
run on the worker's threads: they touch the network (through the outbound guard), never
the database.
"""

from dataclasses import dataclass, field

from vigil.checkers.checkers.base import CheckResult, Status


@dataclass
class Finding:
    via: str  # "agent", "hub", "node_exporter", "prometheus", "probe"
    results: list[CheckResult] = field(default_factory=list)
    # False when the look applied but could not answer (refused, unreachable): its
    # line is kept and the next way is tried.
    answered: bool = True


def failed(via: str, message: str) -> Finding:
    return Finding(via, [CheckResult(via, Status.UNKNOWN, message)], answered=False)
