"""CHECK: look at the host(s) an incident's alerts name, or say plainly that Vigil cannot.

For each host (vigil.nodes.resolve), the first way that answers gives its results:

1. its agent's latest results, when fresh (NODES_AGENT_FRESH_SECONDS); older, the
   agent is asked for a fresh run and the stage waits for it (NODES_AGENT_WAIT_SECONDS);
2. the hub's own checkers, when the host is the machine Vigil runs on;
3. its node_exporter, scraped;
4. a Prometheus, queried.

Probes from the hub (TCP, HTTP, TLS, ICMP) are added when the alert is about
reachability or certificates. When nothing applies, the host's one result says so; the
hub is never described in its place.
"""

import logging
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from vigil.checkers import services as checkers
from vigil.checkers.checkers.base import CheckResult, Status, node_name
from vigil.nodes import exposition, registry
from vigil.nodes.looks import Finding, node_exporter, probes, prometheus
from vigil.nodes.models import Node, NodeReport
from vigil.nodes.resolve import COMMON_FIELDS, Subject, subjects

logger = logging.getLogger(__name__)

HUB = "hub"
AGENT = "agent"
NONE = "none"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}
# Network looks of every host of a run, at once.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="vigil-nodes")


@dataclass
class HostCheck:
    """What the stage found about one host, and how."""

    subject: Subject
    via: str = NONE
    results: list[dict] = field(default_factory=list)
    node: str = ""
    age_seconds: float | None = None
    tried: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "host": self.subject.host, "via": self.via, "node": self.node,
            "subject": self.subject.to_dict(), "age_seconds": self.age_seconds,
            "tried": self.tried, "results": self.results,
        }  # fmt: skip


@dataclass
class HostChecks:
    """The CHECK stage's answer: every result (each naming its host), and per host how."""

    hosts: list[HostCheck]
    results: list[dict]
    measurement: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "hosts": [host.to_dict() for host in self.hosts],
            "results": self.results,
            "measurement": self.measurement,
        }


def is_hub(host: str) -> bool:
    name = host.lower()
    hub = {node_name().lower(), socket.gethostname().lower()}
    return name in LOCAL_NAMES or name in hub


def check_incident(snapshot: dict, *, timeout: float = 5.0) -> HostChecks:
    started = time.monotonic()
    deadline = started + timeout
    topics = checkers.topics_of(snapshot)
    found = subjects(snapshot)
    if not found:
        return _no_host(snapshot)
    plans = [_Plan(subject, topics, snapshot) for subject in found]
    for plan in plans:
        plan.submit(deadline)
    for plan in plans:
        plan.wait_for_agent(deadline)
    checks = [plan.finish(deadline) for plan in plans]
    results = [result for check in checks for result in check.results]
    logger.info(
        "incident %s: checked %s in %.0f ms", snapshot.get("id"),
        ", ".join(f"{c.subject.host} via {c.via}" for c in checks),
        (time.monotonic() - started) * 1000,
    )  # fmt: skip
    return HostChecks(checks, results, _measurement(checks))


def _no_host(snapshot: dict) -> HostChecks:
    sources = sorted({str(a.get("source") or "") for a in snapshot.get("alerts") or []} - {""})
    message = (
        "no host named in the alerts (looked for the labels "
        f"{', '.join(COMMON_FIELDS)} and each source's own); nothing was checked: "
        "name the host in a label, or set NODES_HOST_FIELDS"
        + (f" for {', '.join(sources)}" if sources else "")
    )
    result = CheckResult("host", Status.UNKNOWN, message).to_dict() | {"host": "", "via": NONE}
    return HostChecks([], [result], {"what": "no host", "reused": False})


def _measurement(checks: list[HostCheck]) -> dict:
    ages = [c.age_seconds for c in checks if c.age_seconds is not None]
    return {
        "what": ", ".join(f"{c.subject.host} via {c.via}" for c in checks),
        "measured_at": timezone.now().isoformat(),
        "age_seconds": round(max(ages), 3) if ages else 0.0,
        "reused": any(c.via == AGENT and (c.age_seconds or 0) > 0 for c in checks),
    }


class _Plan:
    """One host's way through the looks: database work on the calling thread, network
    looks on the pool."""

    def __init__(self, subject: Subject, topics: list[str], snapshot: dict):
        self.subject, self.topics, self.snapshot = subject, topics, snapshot
        self.node: Node | None = registry.find_node(subject.host)
        self.report: NodeReport | None = None
        self.asked_at = None
        self.stale: NodeReport | None = None
        self.futures: list = []
        self.check = HostCheck(subject, node=self.node.name if self.node else "")

    @property
    def names(self) -> list[str]:
        return self.topics or list(exposition.DERIVED)

    def submit(self, deadline: float) -> None:
        if self.node is not None and self.node.last_report_at is not None:
            latest = registry.latest_report(self.node)
            age = _age(latest)
            if latest is not None and age <= settings.NODES_AGENT_FRESH_SECONDS:
                self.report = latest
            else:
                self.stale = latest
                if registry.heard_from_lately(self.node):
                    self.asked_at = timezone.now()
                    registry.ask_fresh_run(
                        self.node,
                        self.topics,
                        self.subject.mountpoint,
                        str(self.snapshot.get("id")),
                    )
        if self.report is None:
            self.futures.append(_POOL.submit(self._data_looks, deadline))
        self.futures.append(_POOL.submit(self._probe))

    def wait_for_agent(self, deadline: float) -> None:
        if self.asked_at is None:
            return
        until = min(deadline - 0.2, time.monotonic() + settings.NODES_AGENT_WAIT_SECONDS)
        self.report = registry.wait_for_report(self.node, self.asked_at, until)

    def finish(self, deadline: float) -> HostCheck:
        findings: list[Finding] = []
        for future in self.futures:
            try:
                findings += future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                findings.append(_late())
        if self.report is not None:
            findings.insert(0, self._agent_finding(self.report))
        elif self.stale is not None:
            findings.insert(0, self._stale_finding())
        chosen = next((f for f in findings if f.answered and f.via != probes.VIA), None)
        # A failed way is worth a line only if it comes before the way that answered.
        kept = [
            f for f in findings
            if f is chosen or f.via == probes.VIA
            or (not f.answered and (chosen is None or _rank(f.via) < _rank(chosen.via)))
        ]  # fmt: skip
        if chosen is None and not any(f.via == probes.VIA and f.answered for f in findings):
            kept.append(self._nothing([f for f in findings if f.via != probes.VIA]))
        probed = any(f.via == probes.VIA and f.answered for f in findings)
        self.check.via = chosen.via if chosen else (probes.VIA if probed else NONE)
        self.check.tried = [f.via for f in findings]
        self.check.results = [
            result.to_dict() | {"host": self.subject.host, "via": finding.via}
            for finding in kept for result in finding.results
        ]  # fmt: skip
        return self.check

    # --- the looks ------------------------------------------------------------------
    def _data_looks(self, deadline: float) -> list[Finding]:
        """Hub, node_exporter, Prometheus, in that order, until one answers."""
        tried = []
        for look in (self._hub, self._node_exporter, self._prometheus):
            seconds = deadline - time.monotonic()
            if seconds <= 0.2:
                break
            finding = look(min(seconds - 0.1, settings.OUTBOUND_HTTP_TIMEOUT))
            if finding is None:
                continue
            tried.append(finding)
            if finding.answered:
                break
        return tried

    def _hub(self, seconds: float) -> Finding | None:
        if not is_hub(self.subject.host):
            return None
        answer = checkers.check_incident(self.snapshot, timeout=max(seconds - 0.2, 0.5))
        self.check.age_seconds = answer.measurement.get("age_seconds")
        return Finding(HUB, answer.results)

    def _node_exporter(self, seconds: float) -> Finding | None:
        ports = [int(p) for p in settings.NODES_NODE_EXPORTER_PORTS if str(p).isdigit()]
        url = node_exporter.exporter_url(self.subject, self.node, ports)
        if not url:
            return None
        return node_exporter.scrape(
            url, self.subject, self.names, known=self._known(), timeout=seconds
        )

    def _prometheus(self, seconds: float) -> Finding | None:
        generator = next(
            (
                str((alert.get("annotations") or {}).get("generator_url") or "")
                for alert in self.snapshot.get("alerts") or []
                if (alert.get("annotations") or {}).get("generator_url")
            ),
            "",
        )
        base, configured = prometheus.base_url(generator)
        if not base:
            return None
        return prometheus.query(
            base, self.subject, self.node, self.names, known=configured, timeout=seconds
        )

    def _probe(self) -> list[Finding]:
        finding = probes.probe(self.subject, self.topics, known=self._known())
        return [finding] if finding is not None else []

    def _known(self) -> bool:
        # Registered by the administrator (NODES_FILE, the admin), not by its own agent.
        return self.node is not None and self.node.origin != Node.Origin.AGENT

    # --- what is said -----------------------------------------------------------------
    def _agent_finding(self, report: NodeReport) -> Finding:
        self.check.age_seconds = round(_age(report), 3)
        results = [_from_report(item) for item in report.results]
        wanted = [r for r in results if r.check in self.topics]
        return Finding(AGENT, wanted or results)

    def _stale_finding(self) -> Finding:
        age = _human_age(_age(self.stale))
        if self.asked_at is not None:
            message = (
                f"{self.subject.host}: the agent's last results are {age} old; a fresh run was "
                f"asked for and none arrived within {settings.NODES_AGENT_WAIT_SECONDS} s: "
                "is `vigil agent` running there?"
            )
        else:
            message = (
                f"{self.subject.host}: the agent has not been heard from lately and its last "
                f"results are {age} old: is `vigil agent` running there?"
            )
        note = CheckResult(AGENT, Status.UNKNOWN, message)
        return Finding(AGENT, [note], answered=False)

    def _nothing(self, findings: list[Finding]) -> Finding:
        host = self.subject.host
        if findings:
            message = f"no data for {host}: every way to look at it failed (see above)"
        else:
            message = f"no data for {host}: no agent, node_exporter or Prometheus configured for it"
        return Finding(NONE, [CheckResult("host", Status.UNKNOWN, message)], answered=False)


ORDER = (AGENT, HUB, node_exporter.VIA, prometheus.VIA)


def _rank(via: str) -> int:
    return ORDER.index(via) if via in ORDER else len(ORDER)


def _late() -> Finding:
    return Finding(
        NONE,
        [CheckResult("host", Status.UNKNOWN, "no answer within the CHECK stage's time")],
        answered=False,
    )


def _age(report: NodeReport | None) -> float:
    if report is None:
        return float("inf")
    # A run the agent's spool held while the hub was down is as old as when it was taken.
    taken = min(report.received_at, report.sent_at or report.received_at)
    return max(0.0, (timezone.now() - taken).total_seconds())


def _human_age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


def _from_report(item: dict) -> CheckResult:
    status = item.get("status")
    return CheckResult(
        check=str(item.get("check") or "check"),
        status=Status(status) if status in Status._value2member_map_ else Status.UNKNOWN,
        message=str(item.get("message") or ""),
        target=str(item.get("target") or ""),
        metrics=item.get("metrics") if isinstance(item.get("metrics"), dict) else {},
        thresholds=item.get("thresholds") if isinstance(item.get("thresholds"), dict) else {},
    )
