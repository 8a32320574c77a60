"""The local provider: rule-based diagnosis with no network, the default and the fallback.

It reads the incident and the CHECK results, looks at this machine's disks (metadata
only) and processes when a check or the alert points there, quotes the alert's runbook,
and finds similar past incidents with how they were resolved.
"""

import re
import socket
from pathlib import Path

from django.conf import settings

from vigil.core.measurements import SharedMeasurements
from vigil.core.security.paths import UnsafePathError
from vigil.intelligence import disk, processes, similarity
from vigil.intelligence.providers.base import (
    AnalysisContext,
    Provider,
    ProviderResult,
    Recommendation,
)

PRIORITY_BY_STATUS = {"critical": "critical", "warning": "high", "unknown": "medium"}
FAILING = tuple(PRIORITY_BY_STATUS)
DISK_WORDS = re.compile(r"disk|filesystem|file system|space|inode|volume|partition|\bdf\b", re.I)
MEMORY_WORDS = re.compile(r"memory|\boom\b|out of memory|swap|\bcpu\b|\bload\b|\brss\b", re.I)
# Slugs of the checkers app (vigil/checkers/checkers/__init__.py) plus common names.
DISK_CHECKS = {"disk", "inodes", "large_dirs", "filesystem", "inode"}
MEMORY_CHECKS = {"memory", "cpu", "load", "swap", "processes", "top_processes", "process"}
RUNBOOK_KEYS = ("runbook_url", "runbook", "runbookurl", "runbook-url", "playbook")
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
MAX_ROOTS_SHOWN = 3
OLD_LOGS_WORTH_MENTIONING = 10 * 1024 * 1024
CACHE_WORTH_MENTIONING = 100 * 1024 * 1024

# Disk walks and process lists of this machine, shared by the analyses of a burst of
# alerts for INTELLIGENCE_REUSE_SECONDS.
_shared = SharedMeasurements("diagnosis")


def check_name(result: dict) -> str:
    return str(result.get("check") or result.get("name") or "check").lower()


def is_local(result: dict) -> bool:
    # The CHECK stage says how each result was taken: "hub" is this machine's own checks.
    if "via" in result:
        return result.get("via") == "hub"
    host = str(result.get("host") or "").lower()
    return host in LOCAL_HOSTS or host in {socket.gethostname().lower(), socket.getfqdn().lower()}


def remote_hosts(checks: list[dict]) -> list[str]:
    """The hosts the checks looked at, when none of them is this machine: the analysis
    then speaks of those hosts and never scans this one in their place."""
    if not checks or any(is_local(c) for c in checks):
        return []
    return list(dict.fromkeys(str(c["host"]) for c in checks if c.get("host")))


class LocalProvider(Provider):
    slug = "local"
    label = "Local rules (no network)"

    @property
    def model_name(self) -> str:
        return "rules"

    def analyze(self, context: AnalysisContext) -> ProviderResult:
        snapshot, checks = context.snapshot, context.check_results
        failing = [c for c in checks if str(c.get("status", "")).lower() in FAILING]
        alert_text = _alert_text(snapshot)
        system = context.scope == "system"
        found: list[Recommendation] = []
        measured: list[dict] = []
        found += runbooks(snapshot)
        disk_checks = [c for c in failing if check_name(c) in DISK_CHECKS]
        memory_checks = [c for c in failing if check_name(c) in MEMORY_CHECKS]
        remote = [] if system else remote_hosts(checks)
        elsewhere = not system and bool(checks) and not any(is_local(c) for c in checks)
        if elsewhere and not disk_checks and DISK_WORDS.search(alert_text):
            mount = _mountpoint(snapshot)
            found += [_remote_disk(f"{host}:{mount}", "medium") for host in remote]
        elif system or disk_checks or DISK_WORDS.search(alert_text):
            found += disk_findings(disk_checks, measured)
        if elsewhere and not memory_checks and MEMORY_WORDS.search(alert_text):
            found += [_remote_memory(host, "medium") for host in remote]
        elif system or memory_checks or MEMORY_WORDS.search(alert_text):
            found += memory_findings(memory_checks, measured)
        found += [
            _generic_check(c) for c in failing if c not in disk_checks and c not in memory_checks
        ]
        similar = similarity.similar_incidents(snapshot) if not system else []
        found += [_similar(item) for item in similar]
        if not found:
            found.append(
                Recommendation(
                    title="No rule matched this incident",
                    detail="No failing check, runbook or similar past incident was found. "
                    "Look at the alert's source dashboard and the host's recent changes.",
                    priority="low",
                    confidence=0.2,
                )
            )
        order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
        found.sort(key=lambda r: (order[r.priority], -r.confidence))
        summary = _summary(snapshot, failing, similar, system)
        return ProviderResult(summary, found, "rules", measurements=measured)


def _alert_text(snapshot: dict) -> str:
    parts = [str(snapshot.get("title") or "")]
    for alert in snapshot.get("alerts") or []:
        if isinstance(alert, dict):
            parts += [str(alert.get("name") or ""), str(alert.get("description") or "")]
            parts += [str(v) for v in (alert.get("annotations") or {}).values()]
    return " ".join(parts)


def runbooks(snapshot: dict) -> list[Recommendation]:
    found, seen = [], set()
    for alert in snapshot.get("alerts") or []:
        if not isinstance(alert, dict):
            continue
        annotations = {str(k).lower(): v for k, v in (alert.get("annotations") or {}).items()}
        for key in RUNBOOK_KEYS:
            value = str(annotations.get(key) or "").strip()
            if value and value not in seen:
                seen.add(value)
                found.append(
                    Recommendation(
                        title=f"Follow the runbook for {alert.get('name') or 'this alert'}"[:200],
                        detail=value[:4000],
                        priority="high",
                        confidence=0.8,
                    )
                )
    return found


def _disk_targets(disk_checks: list[dict]) -> tuple[list[Path], list[str]]:
    """Scan roots for the failing disk checks (or all roots), and remote targets."""
    paths, remote = [], []
    for result in disk_checks:
        target = str(result.get("target") or "")
        if not is_local(result):
            where = f"{result.get('host')}:{target or '/'}"
            if where not in remote:  # disk and inodes failing on one mount: one finding
                remote.append(where)
            continue
        try:
            path = disk.resolve_scan_path(target)
        except UnsafePathError:
            continue
        if path not in paths:
            paths.append(path)
    if not paths and not remote:
        paths = disk.scan_roots()
    return paths, remote


def _reuse_seconds() -> float:
    return float(settings.INTELLIGENCE_REUSE_SECONDS)


def disk_findings(disk_checks: list[dict], measured: list[dict] | None = None) -> list:
    priority = _worst_priority(disk_checks, default="medium")
    paths, remote = _disk_targets(disk_checks)
    found = [_remote_disk(target, priority) for target in remote]
    reports: list[disk.DiskReport] = []
    if paths:
        key = ("disk", *(str(path) for path in paths))
        taken = _shared.get(key, _reuse_seconds(), lambda: disk.scan_all(paths))
        reports = taken.value
        if measured is not None:
            measured.append(taken.describe("disk " + ", ".join(key[1:])))
    if not disk_checks:
        # Nothing failed on a given path (system view, or an alert that only mentions
        # disks): the roots holding the most are worth a look, not every root.
        reports = sorted(reports, key=lambda r: r.scanned_bytes, reverse=True)[:MAX_ROOTS_SHOWN]
    for report in reports:
        found += disk_report_findings(report, priority)
    return found


def disk_report_findings(report: disk.DiskReport, priority: str) -> list[Recommendation]:
    size, q = disk.human_size, disk.quoted
    found = []
    lines = [f"{size(d.size):>10}  {d.path}" for d in report.largest_dirs[:5]]
    lines += [f"{size(f.size):>10}  {f.path} (file)" for f in report.largest_files[:3]]
    if lines:
        usage = f"{report.percent_used}% used, {size(report.free)} free" if report.total else ""
        partial = f" Partial scan: {report.truncated}." if report.truncated else ""
        found.append(
            Recommendation(
                title=f"See what fills {report.root}" + (f" ({usage})" if usage else ""),
                detail="Largest under the root:\n" + "\n".join(lines) + partial,
                priority=priority,
                commands=[
                    f"du -xh --max-depth=2 {q(report.root)} 2>/dev/null | sort -h | tail -20",
                    *(f"ls -lh {q(f.path)}" for f in report.largest_files[:2]),
                ],
                confidence=0.6,
            )
        )
    if report.old_logs_bytes >= OLD_LOGS_WORTH_MENTIONING:
        found.append(
            Recommendation(
                title=f"Remove or compress old logs under {report.root}",
                detail=f"{len(report.old_logs)}+ log files older than the retention window "
                f"hold {size(report.old_logs_bytes)}; largest: {report.old_logs[0].path}. "
                "Check logrotate for the service that writes them; review the list before "
                "adding -delete.",
                priority="medium" if priority == "medium" else "high",
                commands=[
                    f"find {q(report.root)} -xdev -type f -mtime +{settings.INTELLIGENCE_OLD_LOG_DAYS} "
                    "\\( -name '*.gz' -o -name '*.log.*' -o -name '*.old' \\) -print"
                ],
                confidence=0.6,
            )
        )
    found += [
        Recommendation(
            title=f"Trim the {hint.label} ({size(hint.size)})",
            detail=f"{hint.path} holds {size(hint.size)}.",
            priority="medium",
            commands=[hint.command],
            confidence=0.5,
        )
        for hint in report.caches
        if hint.size >= CACHE_WORTH_MENTIONING
    ]
    return found


def _mountpoint(snapshot: dict) -> str:
    for alert in snapshot.get("alerts") or []:
        labels = alert.get("labels") if isinstance(alert, dict) else None
        for key in ("mountpoint", "mount", "path"):
            value = (labels or {}).get(key)
            if isinstance(value, str) and value.startswith("/"):
                return value
    return "/"


def _remote_disk(target: str, priority: str) -> Recommendation:
    host, _, mount = target.partition(":")
    mount = mount or "/"
    return Recommendation(
        title=f"Find what fills {mount} on {host}"[:200],
        detail=f"The figures are {host}'s, not this server's; Vigil does not scan another "
        f"host's files. On {host}, list the largest directories and old logs under {mount}.",
        priority=priority,
        commands=[
            f"df -h {disk.quoted(mount)}",
            f"sudo du -xh --max-depth=2 {disk.quoted(mount)} 2>/dev/null | sort -h | tail -20",
            "sudo journalctl --disk-usage",
        ],
        confidence=0.4,
    )


def _remote_memory(host: str, priority: str) -> Recommendation:
    return Recommendation(
        title=f"Find the processes using memory and CPU on {host}"[:200],
        detail=f"The figures are {host}'s, not this server's; run these on {host}.",
        priority=priority,
        commands=["ps aux --sort=-rss | head -15", "ps aux --sort=-%cpu | head -15"],
        confidence=0.4,
    )


def memory_findings(memory_checks: list[dict], measured: list[dict] | None = None) -> list:
    priority = _worst_priority(memory_checks, default="medium")
    if memory_checks and not any(is_local(c) for c in memory_checks):
        hosts = list(dict.fromkeys(str(c.get("host") or "the checked host") for c in memory_checks))
        return [_remote_memory(host, priority) for host in hosts]
    taken = _shared.get(("memory",), _reuse_seconds(), processes.memory_report)
    report = taken.value
    if measured is not None:
        measured.append(taken.describe("memory and processes"))
    size = disk.human_size
    found = []
    if report.top_memory:
        lines = [
            f"{size(p.rss):>10}  {p.name} (pid {p.pid}, {p.user})" for p in report.top_memory[:5]
        ]
        found.append(
            Recommendation(
                title=f"Memory {report.percent_used}% used; top: {report.top_memory[0].name}"[:200],
                detail="Largest resident memory:\n" + "\n".join(lines),
                priority=priority,
                commands=[
                    f"ps -o pid,user,rss,etime,args -p {report.top_memory[0].pid}",
                    "free -h",
                ],
                confidence=0.5,
            )
        )
    busy = [p for p in report.top_cpu if p.cpu_percent >= 50.0]
    if busy:
        lines = [f"{p.cpu_percent:>6}%  {p.name} (pid {p.pid}, {p.user})" for p in busy[:5]]
        load = ", ".join(str(x) for x in report.load_average) or "unknown"
        found.append(
            Recommendation(
                title=f"CPU busy: {busy[0].name} at {busy[0].cpu_percent}%"[:200],
                detail=f"Load average {load} on {report.cpu_count} CPUs.\n" + "\n".join(lines),
                priority=priority,
                commands=[f"top -b -n 1 -p {busy[0].pid}", "uptime"],
                confidence=0.5,
            )
        )
    return found


def _generic_check(result: dict) -> Recommendation:
    status = str(result.get("status", "unknown")).lower()
    target = result.get("target") or result.get("host") or ""
    title = f"{check_name(result)} check is {status}" + (f" on {target}" if target else "")
    return Recommendation(
        title=title[:200],
        detail=str(result.get("message") or "no message")[:4000],
        priority=PRIORITY_BY_STATUS.get(status, "medium"),
        confidence=0.5,
    )


def _similar(item: similarity.SimilarIncident) -> Recommendation:
    when = f", resolved {item.resolved_at[:10]}" if item.resolved_at else ""
    note = item.resolution_note.strip() or "No resolution note was recorded."
    return Recommendation(
        title=f"Similar to incident #{item.id}: {item.title}"[:200],
        detail=f"How it was resolved{when}: {note}"[:4000],
        priority="medium",
        confidence=min(1.0, round(item.score, 2)),
    )


def _worst_priority(results: list[dict], default: str) -> str:
    order = ["critical", "high", "medium", "low"]
    found = [PRIORITY_BY_STATUS.get(str(r.get("status", "")).lower(), default) for r in results]
    return min(found, key=order.index) if found else default


def _summary(snapshot: dict, failing: list[dict], similar: list, system: bool) -> str:
    parts = []
    if system:
        parts.append("System diagnosis of this machine's disks and processes.")
    elif snapshot.get("title"):
        parts.append(f"{snapshot.get('severity') or 'incident'}: {snapshot['title']}.")
    for result in failing[:3]:
        target = f" on {result['target']}" if result.get("target") else ""
        message = f": {result['message']}" if result.get("message") else ""
        parts.append(f"{check_name(result)}{target} is {result.get('status')}{message}.")
    if similar:
        parts.append(f"{len(similar)} similar past incident(s) found.")
    return " ".join(parts)[:2000]
